// The applet table: busybox applet name → implementation. busybox.ts dispatches through it.
import type { Applet } from '../applet.js';
import { basename, dirname } from './basename.js';
import { cat } from './cat.js';
import { chmod } from './chmod.js';
import { chgrp, chown } from './chown.js';
import { clear, reset } from './clear.js';
import { cp } from './cp.js';
import { echo } from './echo.js';
import { env, printenv } from './env.js';
import { hostname } from './hostname.js';
import { groups, id, whoami } from './id.js';
import { kill } from './kill.js';
import { ln } from './ln.js';
import { ls } from './ls.js';
import { mkdir, rmdir } from './mkdir.js';
import { mv } from './mv.js';
import { nproc } from './nproc.js';
import { printf } from './printf.js';
import { pwd } from './pwd.js';
import { readlink, realpath } from './readlink.js';
import { rm } from './rm.js';
import { sleep, usleep } from './sleep.js';
import { stat } from './stat.js';
import { sync } from './sync.js';
import { tee } from './tee.js';
import { test } from './test.js';
import { touch } from './touch.js';
import { falseApplet, trueApplet } from './true.js';
import { uname } from './uname.js';
import { which } from './which.js';
import { yes } from './yes.js';
import { awk } from './awk.js';
import { chroot, pivotRoot } from './chroot.js';
import { date } from './date.js';
import { dd } from './dd.js';
import { du } from './du.js';
import { free } from './free.js';
import { mknod } from './mknod.js';
import { more } from './more.js';
import { df, mount, umount } from './mount.js';
import { killall, pidof } from './pidof.js';
import { ps } from './ps.js';
import { top } from './top.js';
import { nsenter, unshare } from './unshare.js';
import { uptime } from './uptime.js';
import { expr } from './expr.js';
import { find } from './find.js';
import { gunzip, gzip, zcat } from './gzip.js';
import { hexdump } from './hexdump.js';
import { hashsum } from './md5sum.js';
import { od } from './od.js';
import { tar } from './tar.js';
import { xargs } from './xargs.js';
import { sed } from './sed.js';
import { cut } from './cut.js';
import { grep } from './grep.js';
import { head } from './head.js';
import { seq } from './seq.js';
import { sort } from './sort.js';
import { tail } from './tail.js';
import { tr } from './tr.js';
import { stty, tty } from './tty.js';
import { uniq } from './uniq.js';
import { wc } from './wc.js';
// The shell's builtins import applets back; safe because the table is read only inside functions.
import { shMain } from '../sh/index.js';

/** Every applet by the name it is invoked as. */
export const applets: Record<string, Applet> = {
  '[': test, '[[': test, basename, cat, chgrp, chmod, chown, clear, cp, dirname, echo, env,
  false: falseApplet, groups, hostname, id, kill, ln, ls, mkdir, mv, nproc, printenv, printf, pwd,
  readlink, realpath, reset, rm, rmdir, sleep, stat, sync, tee, test, touch, true: trueApplet,
  uname, usleep, which, whoami, yes, cut, grep, egrep: grep, fgrep: grep, head, seq, sort, tail, tr, uniq, wc, awk, sed, expr, find, gzip, gunzip, zcat, hexdump,
  md5sum: hashsum, sha1sum: hashsum, sha256sum: hashsum, od, tar, xargs,
  chroot, pivot_root: pivotRoot, date, dd, du, free, mknod, more, less: more, df, mount, umount, killall, pidof, ps, top,
  nsenter, unshare, uptime, sh: shMain, ash: shMain, tty, stty,
};
