// StatusError: how a command ends with a given exit code (and optional stderr text), like
// docker/cli's cli.StatusError.

/** Ends the CLI with `code`, printing `message` on stderr when it is not empty. */
export class StatusError extends Error {
  constructor(readonly code: number, message = '') {
    super(message);
    this.name = 'StatusError';
  }
}
