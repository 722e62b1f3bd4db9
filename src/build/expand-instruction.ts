// Which instructions the builder expands, and how (Docker's Expand methods): ADD, COPY, ENV,
// EXPOSE, LABEL, STOPSIGNAL, USER, VOLUME, WORKDIR, and RUN's --mount values. RUN, CMD,
// ENTRYPOINT, SHELL, HEALTHCHECK, MAINTAINER and ONBUILD are left to the shell / child build.
// FROM is expanded by the planner with global ARGs; ARG by resolveArgs (build-args.ts).
import { expandWithMatches, expandWords, type ExpandEnv } from './expand.js';
import type { Instruction } from './instructions/types.js';

/** Instruction kinds whose words the builder expands. */
export const EXPANDED_KINDS: ReadonlySet<Instruction['kind'] | 'FROM'> = new Set([
  'ADD', 'COPY', 'ENV', 'EXPOSE', 'FROM', 'LABEL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR', 'ARG', 'RUN',
]);

/** An expanded instruction and the variables its expansion looked at. */
export interface ExpandedInstruction<T extends Instruction = Instruction> {
  instruction: T;
  matched: Set<string>;
  unmatched: Set<string>;
}

/**
 * Expands the words of one instruction with the stage's environment (image ENV + ARGs in
 * scope). Returns a new instruction; kinds Docker does not expand come back unchanged.
 * Heredoc bodies of COPY/ADD are NOT expanded here: see expandHeredoc (needs the same env).
 */
export function expandInstruction<T extends Instruction>(instruction: T, env: ExpandEnv, escapeToken = '\\'): ExpandedInstruction<T> {
  const matched = new Set<string>();
  const unmatched = new Set<string>();
  const one = (word: string): string => {
    const r = expandWithMatches(word, env, { escapeToken });
    r.matched.forEach((v) => matched.add(v));
    r.unmatched.forEach((v) => unmatched.add(v));
    return r.value;
  };
  const opt = (word: string | null): string | null => (word === null ? null : one(word));
  const i = instruction as Instruction;
  let out: Instruction;
  switch (i.kind) {
    case 'ENV':
      out = { ...i, pairs: i.pairs.map((p) => ({ ...p, key: one(p.key), value: one(p.value) })) };
      break;
    case 'LABEL':
      out = { ...i, labels: i.labels.map((p) => ({ ...p, key: one(p.key), value: one(p.value) })) };
      break;
    case 'COPY':
      out = { ...i, chown: opt(i.chown), chmod: opt(i.chmod), sources: i.sources.map(one), dest: one(i.dest) };
      break;
    case 'ADD':
      out = { ...i, chown: opt(i.chown), chmod: opt(i.chmod), checksum: opt(i.checksum), sources: i.sources.map(one), dest: one(i.dest) };
      break;
    case 'WORKDIR':
      out = { ...i, path: one(i.path) };
      break;
    case 'USER':
      out = { ...i, user: one(i.user) };
      break;
    case 'STOPSIGNAL':
      out = { ...i, signal: one(i.signal) };
      break;
    case 'VOLUME':
      out = { ...i, volumes: i.volumes.map(one) };
      break;
    case 'EXPOSE':
      out = { ...i, ports: i.ports.flatMap((p) => expandWords(p, env, { escapeToken })) };
      for (const p of i.ports) one(p); // record the variables used
      break;
    case 'RUN':
      out = {
        ...i,
        mounts: i.mounts.map((m) => {
          const fields = Object.fromEntries(Object.entries(m.fields).map(([k, v]) => [k, one(v)]));
          return { type: (fields.type ?? 'bind').toLowerCase(), fields };
        }),
      };
      break;
    default:
      out = i;
  }
  return { instruction: out as T, matched, unmatched };
}
