// POSIX special builtins (as busybox ash marks them): assignments before them persist, and a
// function may not take their name. Shared by the builtin table and the parser.

/** Names of the special builtins. */
export const SPECIAL_BUILTINS: ReadonlySet<string> = new Set([
  ':', '.', 'break', 'continue', 'eval', 'exec', 'exit', 'export', 'readonly', 'return', 'set', 'shift',
  'times', 'trap', 'unset', 'local',
]);

/** Whether `name` may name a function: a shell name that is not a special builtin (ash's check). */
export function isGoodFunctionName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !SPECIAL_BUILTINS.has(name);
}
