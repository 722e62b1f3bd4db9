// Unit tests of the router, query decoding, version prefixes and stdcopy framing.
import { describe, expect, it } from 'vitest';
import { Query } from './query.js';
import { Router } from './router.js';
import { decodeFrames, encodeFrame } from './stdcopy.js';
import { splitVersionPath } from './version-path.js';

const noop = async (): Promise<void> => undefined;

describe('Router', () => {
  const r = new Router();
  r.add(
    { method: 'GET', pattern: '/images/json', handler: noop },
    { method: 'GET', pattern: '/images/{name:.*}/json', handler: noop },
    { method: 'DELETE', pattern: '/images/{name:.*}', handler: noop },
    { method: 'GET', pattern: '/containers/{id}/json', handler: noop },
  );
  it('matches {name:.*} across "/" and ":" and decodes params', () => {
    expect(r.match('GET', '/images/myrepo/alpine:v1/json')?.params).toEqual({ name: 'myrepo/alpine:v1' });
    expect(r.match('DELETE', '/images/ghcr.io/a/b:1')?.params).toEqual({ name: 'ghcr.io/a/b:1' });
    expect(r.match('GET', '/images/json')?.route.pattern).toBe('/images/json');
    expect(r.match('GET', '/containers/a%20b/json')?.params).toEqual({ id: 'a b' });
  });
  it('keeps {id} to one segment and checks the method; HEAD falls back to GET', () => {
    expect(r.match('GET', '/containers/a/b/json')).toBeUndefined();
    expect(r.match('POST', '/images/json')).toBeUndefined();
    expect(r.match('HEAD', '/images/json')?.route.method).toBe('GET');
  });
});

describe('Query', () => {
  it('decodes Docker booleans', () => {
    const q = new Query(new URLSearchParams('a=1&b=True&c=0&d=no&e=FALSE&f=none&g=&h=yes'));
    expect(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'missing'].map((k) => q.bool(k))).toEqual([true, true, false, false, false, false, false, true, false]);
    expect(q.bool('missing', true)).toBe(true);
  });
  it('checks integers and reads repeated keys and filters', () => {
    const q = new Query(new URLSearchParams('n=12&bad=x&t=a&t=b&filters=%7B%22status%22%3A%7B%22exited%22%3Atrue%7D%7D'));
    expect(q.int('n')).toBe(12);
    expect(() => q.int('bad')).toThrow(/not an integer/);
    expect(q.all('t')).toEqual(['a', 'b']);
    expect(q.filters()).toEqual({ status: ['exited'] });
  });
});

describe('splitVersionPath', () => {
  it('strips the prefix and keeps unversioned paths', () => {
    expect(splitVersionPath('/v1.41/containers/json')).toEqual({ path: '/containers/json', apiVersion: '1.41' });
    expect(splitVersionPath('/containers/json')).toEqual({ path: '/containers/json', apiVersion: '1.50' });
    expect(() => splitVersionPath('/v2.0/x')).toThrow('client version 2.0 is too new');
  });
});

describe('stdcopy', () => {
  it('frames with a big-endian length and decodes partial input', () => {
    const f = encodeFrame(2, Buffer.alloc(300, 1));
    expect([...f.subarray(0, 8)]).toEqual([2, 0, 0, 0, 0, 0, 1, 44]);
    const both = Buffer.concat([encodeFrame(1, Buffer.from('ab')), f.subarray(0, 20)]);
    const { frames, rest } = decodeFrames(both);
    expect(frames.map((x) => [x.type, x.data.toString()])).toEqual([[1, 'ab']]);
    expect(rest.length).toBe(20);
  });
});
