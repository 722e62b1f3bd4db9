import { describe, expect, it } from 'vitest';
import { familiarString, normalizeReference, parseReference, withDefaultTag } from './reference.js';

const hex = 'a'.repeat(64);

describe('references', () => {
  it.each([
    ['busybox', 'docker.io/library/busybox:latest', 'busybox:latest'],
    ['busybox:latest', 'docker.io/library/busybox:latest', 'busybox:latest'],
    ['library/busybox', 'docker.io/library/busybox:latest', 'busybox:latest'],
    ['docker.io/library/busybox:latest', 'docker.io/library/busybox:latest', 'busybox:latest'],
    ['index.docker.io/library/busybox:1', 'docker.io/library/busybox:1', 'busybox:1'],
    ['docker.io/busybox', 'docker.io/library/busybox:latest', 'busybox:latest'],
    ['myrepo/x', 'docker.io/myrepo/x:latest', 'myrepo/x:latest'],
    ['docker.io/myrepo/alpine:v1', 'docker.io/myrepo/alpine:v1', 'myrepo/alpine:v1'],
    ['a/b/c:t', 'docker.io/a/b/c:t', 'a/b/c:t'],
    ['library/a/b', 'docker.io/library/a/b:latest', 'library/a/b:latest'],
    ['localhost/x', 'localhost/x:latest', 'localhost/x:latest'],
    ['host:5000/x:tag', 'host:5000/x:tag', 'host:5000/x:tag'],
    ['ghcr.io/foo/bar', 'ghcr.io/foo/bar:latest', 'ghcr.io/foo/bar:latest'],
    ['my-app_1.two__x', 'docker.io/library/my-app_1.two__x:latest', 'my-app_1.two__x:latest'],
    [`busybox@sha256:${hex}`, `docker.io/library/busybox@sha256:${hex}`, `busybox@sha256:${hex}`],
  ])('%s → %s (familiar %s)', (input, full, familiar) => {
    expect(normalizeReference(input)).toBe(full);
    expect(familiarString(withDefaultTag(parseReference(input)))).toBe(familiar);
  });

  it('parses the parts', () => {
    expect(parseReference('host:5000/a/b:t')).toEqual({ domain: 'host:5000', path: 'a/b', name: 'host:5000/a/b', tag: 't' });
    expect(parseReference('x')).toEqual({ domain: 'docker.io', path: 'library/x', name: 'docker.io/library/x' });
  });

  it.each([
    ['Busybox', 'invalid reference format: repository name (library/Busybox) must be lowercase'],
    ['foo/Bar', 'invalid reference format: repository name (foo/Bar) must be lowercase'],
    [hex, `invalid repository name (${hex}), cannot specify 64-byte hexadecimal strings`],
    ['', 'invalid reference format'],
    ['a:', 'invalid reference format'],
    ['a:-x', 'invalid reference format'],
    ['a@sha256:123', 'invalid reference format'],
    ['a//b', 'invalid reference format'],
    ['-a', 'invalid reference format'],
    ['a b', 'invalid reference format'],
  ])('refuses %j', (input, message) => {
    expect(() => parseReference(input)).toThrow(message);
  });
});
