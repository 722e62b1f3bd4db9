// Exceptions that carry the shell's non-local control flow: break/continue/return/exit, and
// ShellError for errors ash "raises" (message already printed; non-interactive shells exit).

/** `break n`. */
export class BreakSignal {
  constructor(public levels: number) {}
}

/** `continue n`. */
export class ContinueSignal {
  constructor(public levels: number) {}
}

/** `return n` from a function or a sourced file. */
export class ReturnSignal {
  constructor(readonly status: number) {}
}

/** `exit n`, `set -e` failures and fatal errors: unwinds to the shell's exit. */
export class ExitSignal {
  constructor(readonly status: number) {}
}

/**
 * An error ash raises with ash_msg_and_raise_error (the message is already on stderr).
 * Regular builtins turn it into status 2; elsewhere it aborts a non-interactive shell.
 */
export class ShellError {
  constructor(readonly status = 2) {}
}
