// Reading request bodies (plain or chunked, which node:http de-chunks) into memory, and
// decoding JSON bodies with Docker's error texts.

import type { Readable } from 'node:stream';
import { ApiError } from '../../api/index.js';

/** Reads a whole body. `limit` bytes at most (invalid-parameter beyond it). */
export async function readBody(stream: Readable, limit = 1 << 30): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > limit) throw ApiError.invalidParameter(`request body too large (over ${limit} bytes)`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/**
 * Decodes a JSON object body. Empty body → `emptyValue` when given, else "invalid JSON: got EOF
 * while reading request body"; malformed → "invalid JSON: <reason>" (both 400).
 */
export function decodeJson<T>(body: Buffer, emptyValue?: T): T {
  const text = body.toString('utf8');
  if (text.trim() === '') {
    if (emptyValue !== undefined) return emptyValue;
    throw ApiError.invalidParameter('invalid JSON: got EOF while reading request body');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw ApiError.invalidParameter(`invalid JSON: ${(e as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw ApiError.invalidParameter('invalid JSON: expected a JSON object');
  }
  return value as T;
}
