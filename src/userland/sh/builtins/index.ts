// The builtin table: name → implementation, and whether it is a POSIX special builtin.
import { echoBuiltin, killBuiltin, printfBuiltin, testBuiltin } from './applets.js';
import { cdBuiltin, pwdBuiltin } from './cd.js';
import { dotBuiltin, evalBuiltin, execBuiltin } from './eval.js';
import { breakBuiltin, colon, continueBuiltin, exitBuiltin, falseBuiltin, returnBuiltin } from './flow.js';
import { jobsBuiltin, waitBuiltin } from './jobs.js';
import { commandBuiltin, typeBuiltin } from './lookup.js';
import {
  aliasBuiltin, getoptsBuiltin, hashBuiltin, letBuiltin, timesBuiltin, ulimitBuiltin, umaskBuiltin, unaliasBuiltin,
} from './misc.js';
import { readBuiltin } from './read.js';
import { setBuiltin } from './set.js';
import { trapBuiltin } from './trap.js';
import type { BuiltinEntry, Builtin } from './types.js';
import { SPECIAL_BUILTINS } from '../special-builtins.js';
import { exportBuiltin, localBuiltin, readonlyBuiltin, shiftBuiltin, unsetBuiltin } from './vars.js';

const implementations: Record<string, Builtin> = {
  ':': colon, '.': dotBuiltin, break: breakBuiltin, continue: continueBuiltin, eval: evalBuiltin, exec: execBuiltin,
  exit: exitBuiltin, export: exportBuiltin, readonly: readonlyBuiltin, return: returnBuiltin, set: setBuiltin,
  shift: shiftBuiltin, times: timesBuiltin, trap: trapBuiltin, unset: unsetBuiltin, local: localBuiltin,
  source: dotBuiltin, true: colon, false: falseBuiltin, cd: cdBuiltin, chdir: cdBuiltin, pwd: pwdBuiltin,
  echo: echoBuiltin, printf: printfBuiltin, test: testBuiltin, '[': testBuiltin, '[[': testBuiltin, read: readBuiltin,
  wait: waitBuiltin, kill: killBuiltin, jobs: jobsBuiltin, umask: umaskBuiltin, getopts: getoptsBuiltin,
  type: typeBuiltin, command: commandBuiltin, alias: aliasBuiltin, unalias: unaliasBuiltin, ulimit: ulimitBuiltin,
  hash: hashBuiltin, let: letBuiltin,
};

/** Every builtin by name, marked special or not. */
export const BUILTINS: Record<string, BuiltinEntry> = Object.fromEntries(
  Object.entries(implementations).map(([name, fn]) => [name, { fn, special: SPECIAL_BUILTINS.has(name) }]),
);
