// Randomness for IDs and names, from an injected source (the kernel's getrandom by default),
// so a simulated run is deterministic.

/** Returns `n` random bytes. */
export type RandomBytes = (n: number) => Promise<Uint8Array>;

/** 64 lower-case hex digits (a container or exec ID). Not all-numeric, as moby requires. */
export async function randomId(random: RandomBytes): Promise<string> {
  for (;;) {
    const hex = Buffer.from(await random(32)).toString('hex');
    if (!/^\d+$/.test(hex.slice(0, 12))) return hex;
  }
}

/** A uniform-enough integer in [0, n) from random bytes. */
export async function randomInt(random: RandomBytes, n: number): Promise<number> {
  const b = await random(4);
  return (((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0) % n;
}
