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
import { exportBuiltin, localBuiltin, readonlyBuiltin, shiftBuiltin, unsetBuiltin } from './vars.js';

const special = (fn: Builtin): BuiltinEntry => ({ fn, special: true });
const regular = (fn: Builtin): BuiltinEntry => ({ fn, special: false });

/** Every builtin by name. */
export const BUILTINS: Record<string, BuiltinEntry> = {
  ':': special(colon), '.': special(dotBuiltin), break: special(breakBuiltin), continue: special(continueBuiltin),
  eval: special(evalBuiltin), exec: special(execBuiltin), exit: special(exitBuiltin), export: special(exportBuiltin),
  readonly: special(readonlyBuiltin), return: special(returnBuiltin), set: special(setBuiltin), shift: special(shiftBuiltin),
  times: special(timesBuiltin), trap: special(trapBuiltin), unset: special(unsetBuiltin), local: special(localBuiltin),
  source: regular(dotBuiltin), true: regular(colon), false: regular(falseBuiltin), cd: regular(cdBuiltin), chdir: regular(cdBuiltin),
  pwd: regular(pwdBuiltin), echo: regular(echoBuiltin), printf: regular(printfBuiltin), test: regular(testBuiltin),
  '[': regular(testBuiltin), '[[': regular(testBuiltin), read: regular(readBuiltin), wait: regular(waitBuiltin), kill: regular(killBuiltin),
  jobs: regular(jobsBuiltin), umask: regular(umaskBuiltin), getopts: regular(getoptsBuiltin), type: regular(typeBuiltin),
  command: regular(commandBuiltin), alias: regular(aliasBuiltin), unalias: regular(unaliasBuiltin), ulimit: regular(ulimitBuiltin),
  hash: regular(hashBuiltin), let: regular(letBuiltin),
};
