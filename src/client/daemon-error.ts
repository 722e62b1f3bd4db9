// Errors the client raises: DaemonError for an HTTP error answer of the daemon (carrying its
// message and status, like docker's "Error response from daemon: ..."), and ConnectError when
// nothing answers on the socket.

/** An error answer from the daemon: `status` is the HTTP status, `message` the daemon's text. */
export class DaemonError extends Error {
  /** HTTP status code of the answer (404 not found, 409 conflict, ...). */
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.name = 'DaemonError';
    this.status = status;
  }

  /** True for 404: the object (container, image, exec) does not exist. */
  get isNotFound(): boolean {
    return this.status === 404;
  }

  /** The text docker prints for it: `Error response from daemon: <message>`. */
  get display(): string {
    return `Error response from daemon: ${this.message}`;
  }
}

/** Nothing listens on the daemon socket (or the connection broke before an answer). */
export class ConnectError extends Error {
  /** The socket the client tried. */
  readonly socketPath: string;

  constructor(socketPath: string, cause?: unknown) {
    super(`Cannot connect to the skiff daemon at unix://${socketPath}. Is the skiff daemon running?`, { cause });
    this.name = 'ConnectError';
    this.socketPath = socketPath;
  }
}

/** Builds a DaemonError from an error body the way docker's client does. */
export function daemonErrorFromBody(status: number, contentType: string | undefined, body: string, url: string): DaemonError {
  if (body.trim() === '') {
    return new DaemonError(status, `request returned ${statusText(status)} for API route and version ${url}, check if the server supports the requested API version`);
  }
  if (contentType === 'application/json') {
    try {
      const parsed = JSON.parse(body) as { message?: unknown };
      if (parsed && typeof parsed.message === 'string') return new DaemonError(status, parsed.message);
    } catch {
      // fall through: docker prints the raw body when it is not the expected JSON
    }
  }
  return new DaemonError(status, body.trim());
}

function statusText(status: number): string {
  const texts: Record<number, string> = {
    400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
    409: 'Conflict', 500: 'Internal Server Error', 501: 'Not Implemented', 503: 'Service Unavailable',
  };
  return `${status} ${texts[status] ?? ''}`.trim();
}
