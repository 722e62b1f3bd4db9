// Tests of the filters query helpers.
import { describe, expect, it } from 'vitest';
import { encodeFilters, parseFilters, validateFilterKeys } from './filters.js';
import { compareApiVersions } from './api-version.js';

describe('filters', () => {
  it('parses the map form and the old array form', () => {
    expect(parseFilters('{"status":{"exited":true,"created":false},"name":{"web":true}}')).toEqual({ status: ['exited'], name: ['web'] });
    expect(parseFilters('{"type":["container"]}')).toEqual({ type: ['container'] });
    expect(parseFilters('')).toEqual({});
    expect(parseFilters(null)).toEqual({});
  });
  it('rejects bad JSON as invalid-parameter', () => {
    expect(() => parseFilters('{')).toThrow(/invalid filter/);
    expect(() => parseFilters('{"a":1}')).toThrow(/invalid filter 'a'/);
  });
  it('round-trips through encodeFilters', () => {
    const f = { label: ['a=b'], dangling: ['true'] };
    expect(parseFilters(encodeFilters(f))).toEqual(f);
    expect(encodeFilters({ x: [] })).toBe('');
  });
  it('validates keys', () => {
    expect(() => validateFilterKeys({ foo: ['1'] }, ['status'])).toThrow("invalid filter 'foo'");
    expect(() => validateFilterKeys({ status: ['1'] }, ['status'])).not.toThrow();
  });
  it('compares API versions numerically', () => {
    expect(compareApiVersions('1.9', '1.24')).toBeLessThan(0);
    expect(compareApiVersions('1.50', '1.50')).toBe(0);
    expect(compareApiVersions('2.0', '1.50')).toBeGreaterThan(0);
  });
});
