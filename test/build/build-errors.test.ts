// Failures end the stream with one error message in Docker's words: parse errors with the
// file and line, missing sources, .dockerignore'd files, bad --chown, URLs, unknown base images.
import { describe, expect, it } from 'vitest';
import { harness, run } from './build-harness.js';

const lastError = (r: Awaited<ReturnType<typeof run>>) => r.messages.at(-1)?.errorDetail?.message;

describe('build errors', () => {
  it('parse and plan errors name the file and line (Containerfile preferred over Dockerfile)', async () => {
    const { deps } = await harness();
    const r = await run(deps, { Containerfile: 'FROM busybox\nRUNN x\n', Dockerfile: 'FROM busybox\n' });
    expect(lastError(r)).toBe('Containerfile:2: unknown instruction: RUNN (did you mean RUN?)');
    const t = await run(deps, { Dockerfile: 'FROM busybox AS a\n' }, { target: 'nope' });
    expect(lastError(t)).toMatch(/^Dockerfile: target stage "nope" could not be found/);
    const named = await run(deps, { 'other.df': 'FROM busybox\nCOPY --from=$X a b\n' }, { dockerfile: 'other.df' });
    expect(lastError(named)).toMatch(/^other\.df:2: variable expansion is not supported for --from/);
    const missing = await run(deps, { 'a.txt': 'a' }, { dockerfile: 'nope.df' });
    expect(lastError(missing)).toBe('Cannot locate specified Dockerfile: nope.df');
  });

  it('COPY/ADD failures use Docker\'s messages; .dockerignore hides files', async () => {
    const { deps } = await harness();
    const cases: [string, string][] = [
      ['COPY nope /x', 'COPY failed: file not found in build context or excluded by .dockerignore: stat nope: file does not exist'],
      ['COPY a.txt b.txt /notdir', 'When using COPY with more than one source file, the destination must be a directory and end with a /'],
      ['COPY --chown=ghost a.txt /x', "unable to convert uid/gid chown string to host mapping: can't find uid for user ghost: no such user: ghost"],
      ['COPY ../a.txt /x', 'COPY failed: forbidden path outside the build context: ../a.txt ()'],
      ['COPY secret.txt /x', 'COPY failed: file not found in build context or excluded by .dockerignore: stat secret.txt: file does not exist'],
      ['COPY --from=nostage /x /y', "invalid from flag value nostage: pull access denied for nostage, repository does not exist or may require 'docker login'"],
      ['ADD http://example.com/f /x', 'ADD failed: cannot download http://example.com/f: skiff builds have no network access (copy the file into the build context instead)'],
      ['RUN --mount=type=cache,target=/c true', 'the --mount option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled'],
    ];
    for (const [line, message] of cases) {
      const r = await run(deps, { Dockerfile: `FROM busybox\n${line}\n`, 'a.txt': 'a', 'b.txt': 'b', 'secret.txt': 's', '.dockerignore': 'secret.txt\n' });
      expect(lastError(r), line).toBe(message);
      expect(r.text).toContain(`Step 2/2 : ${line}\n`);
    }
  });

  it('an unknown base image fails at FROM; an unknown program fails the RUN', async () => {
    const { deps } = await harness();
    const r = await run(deps, { Dockerfile: 'FROM nosuchimage\n' });
    expect(lastError(r)).toBe("pull access denied for nosuchimage, repository does not exist or may require 'docker login'");
    const p = await run(deps, { Dockerfile: 'FROM busybox\nRUN ["nosuchprog"]\n' });
    expect(lastError(p)).toBe('exec: "nosuchprog": executable file not found in $PATH');
    expect(p.text).toMatch(/ ---> Running in [0-9a-f]{12}\n$/);
  });

  it('a cancelled build stops between steps', async () => {
    const { deps } = await harness();
    const ac = new AbortController();
    ac.abort();
    const r = await run(deps, { Dockerfile: 'FROM busybox\nENV A=1\n' }, { signal: ac.signal });
    expect(lastError(r)).toBe('build cancelled');
  });
});
