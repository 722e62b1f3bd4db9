// The progress messages of a build, in the Docker JSON-stream shape (`stream`, `aux`,
// `error`/`errorDetail`), and BuildFailure, the error a failed build ends with (message + code).
// src/build may not import src/api, so the wire shape is restated here.

/** One progress message, as the Engine API streams it for POST /build. */
export interface BuildMessage {
  stream?: string;
  aux?: { ID: string };
  error?: string;
  errorDetail?: { message: string; code?: number };
}

/** A build failure with Docker's message and, for a failing RUN, the exit code. */
export class BuildFailure extends Error {
  /** Exit code of a failed RUN (Docker puts it in errorDetail.code); undefined otherwise. */
  readonly code?: number;

  constructor(message: string, code?: number) {
    super(message);
    this.name = 'BuildFailure';
    if (code !== undefined) this.code = code;
  }
}

/** The terminal error message of a failed build, Docker's shape. */
export function errorMessage(message: string, code?: number): BuildMessage {
  return { errorDetail: code === undefined ? { message } : { code, message }, error: message };
}

/** The 12-hex short form of an ID (`sha256:` dropped). */
export function short(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}
