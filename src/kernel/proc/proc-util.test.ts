// Path and ID helpers of procfs.
import { describe, expect, it } from 'vitest';
import { cgroupPathFrom, escapePath } from './proc-util.js';

describe('cgroupPathFrom', () => {
  it('is relative to the namespace root, climbing with .. to the common ancestor', () => {
    expect(cgroupPathFrom('/', '/a/b')).toBe('/a/b');
    expect(cgroupPathFrom('/a', '/a')).toBe('/');
    expect(cgroupPathFrom('/a', '/a/b/c')).toBe('/b/c');
    expect(cgroupPathFrom('/a', '/')).toBe('/..');
    expect(cgroupPathFrom('/a/b', '/a/c')).toBe('/../c');
    expect(cgroupPathFrom('/a/b', '/x')).toBe('/../../x');
  });
});

describe('escapePath', () => {
  it('escapes space, tab, newline and backslash as octal like the kernel', () => {
    expect(escapePath('/a b\tc\nd\\e')).toBe('/a\\040b\\011c\\012d\\134e');
  });
});
