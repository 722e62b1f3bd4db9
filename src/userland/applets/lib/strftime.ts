// strftime over UTC (containers run without a TZ database, as busybox images do), plus the
// date layouts ls -l and stat print.

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const p2 = (n: number): string => String(n).padStart(2, '0');
const s2 = (n: number): string => String(n).padStart(2, ' ');

/** Formats `sec` (+ `nsec`) seconds since the epoch with a strftime FORMAT, in UTC. */
export function strftime(format: string, sec: number, nsec = 0): string {
  const d = new Date(sec * 1000);
  const Y = d.getUTCFullYear(), m = d.getUTCMonth(), day = d.getUTCDate();
  const H = d.getUTCHours(), M = d.getUTCMinutes(), S = d.getUTCSeconds(), w = d.getUTCDay();
  const yday = Math.floor((Date.UTC(Y, m, day) - Date.UTC(Y, 0, 1)) / 86400000) + 1;
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c !== '%' || i + 1 >= format.length) { out += c; continue; }
    const f = format[++i];
    switch (f) {
      case 'a': out += DAYS[w].slice(0, 3); break;
      case 'A': out += DAYS[w]; break;
      case 'b': case 'h': out += MONTHS[m].slice(0, 3); break;
      case 'B': out += MONTHS[m]; break;
      case 'c': out += strftime('%a %b %e %H:%M:%S %Y', sec); break;
      case 'C': out += p2(Math.floor(Y / 100)); break;
      case 'd': out += p2(day); break;
      case 'D': out += strftime('%m/%d/%y', sec); break;
      case 'e': out += s2(day); break;
      case 'F': out += strftime('%Y-%m-%d', sec); break;
      case 'H': out += p2(H); break;
      case 'I': out += p2(H % 12 || 12); break;
      case 'j': out += String(yday).padStart(3, '0'); break;
      case 'k': out += s2(H); break;
      case 'l': out += s2(H % 12 || 12); break;
      case 'm': out += p2(m + 1); break;
      case 'M': out += p2(M); break;
      case 'n': out += '\n'; break;
      case 'N': out += String(nsec).padStart(9, '0'); break;
      case 'p': out += H < 12 ? 'AM' : 'PM'; break;
      case 'P': out += H < 12 ? 'am' : 'pm'; break;
      case 'r': out += strftime('%I:%M:%S %p', sec); break;
      case 'R': out += strftime('%H:%M', sec); break;
      case 's': out += String(sec); break;
      case 'S': out += p2(S); break;
      case 't': out += '\t'; break;
      case 'T': out += strftime('%H:%M:%S', sec); break;
      case 'u': out += String(w || 7); break;
      case 'w': out += String(w); break;
      case 'x': out += strftime('%m/%d/%y', sec); break;
      case 'X': out += strftime('%H:%M:%S', sec); break;
      case 'y': out += p2(Y % 100); break;
      case 'Y': out += String(Y); break;
      case 'z': out += '+0000'; break;
      case 'Z': out += 'UTC'; break;
      case '%': out += '%'; break;
      default: out += `%${f}`;
    }
  }
  return out;
}

/** The date column of `ls -l`: "Nov 23 11:30" within six months of now, else "Nov 23  2024". */
export function lsDate(sec: number, nowSec: number): string {
  const recent = sec <= nowSec + 3600 && sec > nowSec - 15778476;
  return strftime(recent ? '%b %e %H:%M' : '%b %e  %Y', sec);
}

/** stat's time layout: "2025-11-23 11:30:00.123456789 +0000". */
export function statDate(sec: number, nsec: number): string {
  return `${strftime('%Y-%m-%d %H:%M:%S', sec)}.${String(nsec).padStart(9, '0')} +0000`;
}
