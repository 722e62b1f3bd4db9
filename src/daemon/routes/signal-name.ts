// Normalisation of the `signal` query value: "TERM", "SIGTERM", "term" → "SIGTERM"; numbers stay.

import { ApiError } from '../../api/index.js';

/** Canonical signal text ("SIGKILL" or "9"), undefined when absent/empty; invalid-parameter when malformed. */
export function normalizeSignal(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const v = value.trim().toUpperCase();
  if (/^\d+$/.test(v)) return v;
  if (!/^(SIG)?[A-Z][A-Z0-9+-]*$/.test(v)) throw ApiError.invalidParameter(`Invalid signal: ${value}`);
  return v.startsWith('SIG') ? v : `SIG${v}`;
}
