// Tests of .dockerignore reading and matching (moby/patternmatcher rules) and of the choice of
// Dockerfile and ignore file. The context listing case was recorded from a real docker build.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findBuildFiles, keepBuildFiles, listContextFiles, loadIgnoreMatcher } from './context-files.js';
import { cleanPath } from './dockerignore/clean-path.js';
import { IgnoreMatcher } from './dockerignore/ignore-matcher.js';
import { readIgnorePatterns } from './dockerignore/read-ignore-file.js';

const dirs: string[] = [];
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'skiff-ctx-'));
  dirs.push(root);
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    if (path.endsWith('/')) mkdirSync(full, { recursive: true });
    else {
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content);
    }
  }
  return root;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('cleanPath (Go path.Clean)', () => {
  it.each([
    ['', '.'], ['./a', 'a'], ['a//b/', 'a/b'], ['a/./b/../c', 'a/c'], ['../a', '../a'], ['/../a', '/a'], ['a/../..', '..'], ['/', '/'],
  ])('%s → %s', (input, want) => expect(cleanPath(input)).toBe(want));
});

describe('readIgnorePatterns', () => {
  it('drops comments and blanks, trims, cleans, strips a leading slash, keeps exceptions', () => {
    const text = '\uFEFF# comment\n\n  /node_modules  \r\n!  ./docs//keep/ \n  # indented is a pattern\n/\n!/a/../b\n';
    expect(readIgnorePatterns(text)).toEqual(['node_modules', '!docs/keep', '# indented is a pattern', '/', '!b']);
  });
});

describe('IgnoreMatcher', () => {
  const cases: [string[], string, boolean][] = [
    [['foo'], 'foo', true],
    [['foo'], 'foo/bar/baz', true], // a matched directory takes its contents
    [['foo'], 'bar/foo', false], // patterns are anchored at the context root
    [['*.md'], 'a.md', true],
    [['*.md'], 'docs/a.md', false], // * does not cross /
    [['**/*.md'], 'docs/deep/a.md', true],
    [['**/*.md'], 'a.md', true],
    [['**/foo'], 'foo', true],
    [['**/foo'], 'x/foo/y', true],
    [['**'], 'anything/at/all', true],
    [['dir/**'], 'dir/x', true],
    [['dir/**'], 'dirx', false],
    [['a/**/c'], 'a/c', true],
    [['a/**/c'], 'a/b/b/c', true],
    [['a?c'], 'abc', true],
    [['a?c'], 'a/c', false],
    [['[a-c]x'], 'bx', true],
    [['[a-c]x'], 'dx', false],
    [['[^a]x'], 'bx', true],
    [['a\\*b'], 'a*b', true],
    [['a\\*b'], 'axb', false],
    [['file.txt'], 'fileXtxt', false], // . is literal
    [['*', '!keep'], 'keep', false],
    [['*', '!keep', 'keep'], 'keep', true], // last match wins
    [['logs', '!logs/keep.log'], 'logs/keep.log', false],
    [['logs', '!logs/keep.log'], 'logs/other.log', true],
    [['!x'], 'x', false],
    [['foo'], './foo/', true],
  ];
  for (const [patterns, path, want] of cases) {
    it(`${JSON.stringify(patterns)} ${want ? 'excludes' : 'keeps'} ${path}`, () => {
      expect(new IgnoreMatcher(patterns).excludes(path)).toBe(want);
    });
  }

  it('never excludes the context root', () => {
    expect(new IgnoreMatcher(['**', '.']).excludes('.')).toBe(false);
  });

  it('rejects a lone ! and malformed patterns', () => {
    expect(() => new IgnoreMatcher(['!'])).toThrow('illegal exclusion pattern: "!"');
    for (const bad of ['[a', 'a\\', '[]', '[a-]', '[-a]']) expect(() => new IgnoreMatcher([bad])).toThrow('syntax error in pattern');
  });

  it('knows when exceptions exist', () => {
    expect(new IgnoreMatcher(['a']).hasExclusions).toBe(false);
    expect(new IgnoreMatcher(['a', '!a/b']).hasExclusions).toBe(true);
  });
});

describe('listContextFiles', () => {
  it('keeps what docker build kept for the same tree and .dockerignore', () => {
    const files: Record<string, string> = {};
    for (const f of [
      'src/a.go', 'src/a_test.go', 'src/sub/b.go', 'src/sub/x.md', 'docs/readme.md', 'docs/keep/k.md', 'node_modules/pkg/index.js',
      'logs/1.log', 'logs/keep.log', 'a/b/c/deep.txt', 'build/out.bin', 'README.md', '.env', 'notes.txt', 'we?ird', 'x.tmp', 'src/y.tmp',
    ]) files[f] = '';
    files['.dockerignore'] = [
      '# comment line', '  # not a comment: a pattern "# not..."', '/node_modules', '**/*.md', '!docs/keep/**', '!README.md',
      'logs', '!logs/keep.log', '*.tmp', 'a/**/c', './build/', '.env', 'Dockerfile', '',
    ].join('\n');
    files.Dockerfile = 'FROM busybox\nCOPY . /ctx\n';
    const root = tree(files);
    const { ignoreFile } = findBuildFiles(root);
    const kept = listContextFiles(root, loadIgnoreMatcher(ignoreFile));
    // `find /ctx | sort` inside the image built by a real docker engine:
    expect([...kept].sort()).toEqual([
      '.dockerignore', 'README.md', 'a', 'a/b', 'docs', 'docs/keep', 'docs/keep/k.md', 'logs', 'logs/keep.log', 'notes.txt',
      'src', 'src/a.go', 'src/a_test.go', 'src/sub', 'src/sub/b.go', 'src/y.tmp', 'we?ird',
    ]);
  });

  it('lists a directory before its contents', () => {
    const root = tree({ 'a/x': '', 'a-b': '' });
    expect(listContextFiles(root, new IgnoreMatcher([]))).toEqual(['a', 'a/x', 'a-b']);
  });
});

describe('keepBuildFiles', () => {
  it('adds exceptions for an excluded Dockerfile and .dockerignore', () => {
    expect(keepBuildFiles(['*'], 'Dockerfile')).toEqual(['*', '!.dockerignore', '!Dockerfile']);
    expect(keepBuildFiles(['tmp'], 'build/Containerfile')).toEqual(['tmp']);
  });
});

describe('findBuildFiles', () => {
  it('prefers Containerfile over Dockerfile', () => {
    const root = tree({ Containerfile: 'FROM a\n', Dockerfile: 'FROM b\n' });
    expect(findBuildFiles(root).dockerfile).toBe(join(root, 'Containerfile'));
    const only = tree({ Dockerfile: 'FROM b\n' });
    expect(findBuildFiles(only).dockerfile).toBe(join(only, 'Dockerfile'));
  });

  it('resolves -f against cwd and says when it is missing', () => {
    const root = tree({ 'sub/app.Dockerfile': 'FROM a\n' });
    expect(findBuildFiles('.', { file: 'sub/app.Dockerfile', cwd: root }).dockerfile).toBe(join(root, 'sub/app.Dockerfile'));
    expect(() => findBuildFiles(root, { file: 'nope', cwd: root })).toThrow('Cannot locate specified Dockerfile: nope');
    expect(() => findBuildFiles(tree({ 'x/': '' }))).toThrow('no Containerfile or Dockerfile specified or found in context directory');
  });

  it('uses <dockerfile>.dockerignore, then .dockerignore, then .containerignore', () => {
    const all = tree({
      'build/app.Dockerfile': '', 'build/app.Dockerfile.dockerignore': '', '.dockerignore': '', '.containerignore': '', Containerfile: '',
    });
    expect(findBuildFiles(all, { file: join(all, 'build/app.Dockerfile') }).ignoreFile).toBe(join(all, 'build/app.Dockerfile.dockerignore'));
    expect(findBuildFiles(all).ignoreFile).toBe(join(all, '.dockerignore'));
    const podman = tree({ Containerfile: '', '.containerignore': '' });
    expect(findBuildFiles(podman).ignoreFile).toBe(join(podman, '.containerignore'));
    expect(findBuildFiles(tree({ Containerfile: '' })).ignoreFile).toBeNull();
  });
});
