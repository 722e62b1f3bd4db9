// Wire type of one message of Docker's JSON progress streams (build, pull, load, push):
// only `errorDetail` makes the CLI fail; `stream` is printed verbatim, `status` with a newline.

/** Progress numbers of a message (hidden by the CLI when not on a TTY). */
export interface JSONProgress {
  current?: number;
  total?: number;
  start?: number;
  hidecounts?: boolean;
  units?: string;
}

/** The failure carried by a stream message. `code` is the exit code for build. */
export interface JSONError {
  code?: number;
  message: string;
}

/** One message of a JSON stream (newline-delimited). */
export interface JSONMessage {
  stream?: string;
  status?: string;
  progressDetail?: JSONProgress;
  progress?: string;
  id?: string;
  from?: string;
  time?: number;
  timeNano?: number;
  errorDetail?: JSONError;
  /** Deprecated string form of errorDetail.message; ignored by the CLI. */
  error?: string;
  /** Side channel, not printed: build sends `{"ID":"sha256:..."}`. */
  aux?: Record<string, unknown>;
}

/** The stream message reporting a failure (errorDetail plus the deprecated `error` string). */
export function jsonErrorMessage(message: string, code?: number): JSONMessage {
  return { errorDetail: code === undefined ? { message } : { code, message }, error: message };
}
