// Golden tests of the Dockerfile parser: each folder here holds a Containerfile and either
// expected.json (the typed AST, line ranges included) or expected-error.txt (Docker's error,
// located). Regenerate with UPDATE_GOLDEN=1 and review the diff against Docker's behaviour.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../../../src/build/index.js';

const root = __dirname;
const update = process.env.UPDATE_GOLDEN === '1';
const cases = readdirSync(root).filter((name) => statSync(join(root, name)).isDirectory()).sort();

function run(text: string): { ast?: unknown; error?: string } {
  try {
    return { ast: JSON.parse(JSON.stringify(parse(text, 'Containerfile'))) };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

describe('parser golden cases', () => {
  it('has at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  for (const name of cases) {
    it(name, () => {
      const dir = join(root, name);
      const text = readFileSync(join(dir, 'Containerfile'), 'utf8');
      const result = run(text);
      const jsonPath = join(dir, 'expected.json');
      const errorPath = join(dir, 'expected-error.txt');
      if (update) {
        if (result.error !== undefined) writeFileSync(errorPath, result.error + '\n');
        else writeFileSync(jsonPath, JSON.stringify(result.ast, null, 2) + '\n');
      }
      if (existsSync(errorPath)) {
        expect(result.error).toBe(readFileSync(errorPath, 'utf8').trimEnd());
      } else {
        expect(result.error).toBeUndefined();
        expect(result.ast).toEqual(JSON.parse(readFileSync(jsonPath, 'utf8')));
      }
    });
  }
});
