// Which files a build uses: the Containerfile/Dockerfile (Containerfile first when none is
// named), the ignore file (`<dockerfile>.dockerignore` beside it, then `.dockerignore`, then
// Podman's `.containerignore` in the context root), and the context files the ignore file
// leaves in.
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { IgnoreMatcher } from './dockerignore/ignore-matcher.js';
import { readIgnorePatterns } from './dockerignore/read-ignore-file.js';

/** The files chosen for a build. */
export interface BuildFiles {
  /** Absolute path of the Containerfile/Dockerfile. */
  dockerfile: string;
  /** Absolute path of the ignore file in force, or null. */
  ignoreFile: string | null;
}

/** Options of findBuildFiles. */
export interface FindBuildFilesOptions {
  /** `-f`: a file name; relative names resolve against cwd, as the docker CLI does. */
  file?: string;
  /** Directory for relative `file` (default process.cwd()). */
  cwd?: string;
}

const isFile = (p: string): boolean => existsSync(p) && statSync(p).isFile();

/**
 * Chooses the Dockerfile and the ignore file for a context directory. Throws Error with
 * `Cannot locate specified Dockerfile: x` or when neither Containerfile nor Dockerfile exists.
 */
export function findBuildFiles(contextDir: string, opts: FindBuildFilesOptions = {}): BuildFiles {
  const context = resolve(contextDir);
  let dockerfile: string;
  if (opts.file !== undefined && opts.file !== '') {
    dockerfile = resolve(opts.cwd ?? process.cwd(), opts.file);
    if (!isFile(dockerfile)) throw new Error(`Cannot locate specified Dockerfile: ${opts.file}`);
  } else {
    const found = ['Containerfile', 'Dockerfile'].map((n) => join(context, n)).find(isFile);
    if (!found) throw new Error(`no Containerfile or Dockerfile specified or found in context directory, ${context}`);
    dockerfile = found;
  }
  const candidates = [`${dockerfile}.dockerignore`, join(context, '.dockerignore'), join(context, '.containerignore')];
  return { dockerfile, ignoreFile: candidates.find(isFile) ?? null };
}

/** The matcher of an ignore file (an empty matcher when there is none). */
export function loadIgnoreMatcher(ignoreFile: string | null): IgnoreMatcher {
  return new IgnoreMatcher(ignoreFile ? readIgnorePatterns(readFileSync(ignoreFile, 'utf8')) : []);
}

/**
 * Adds exceptions so the ignore file and the Dockerfile are still sent when the patterns
 * exclude them (the docker CLI does this for the classic builder). Paths are context-relative.
 */
export function keepBuildFiles(patterns: readonly string[], dockerfile: string, ignoreFile = '.dockerignore'): string[] {
  const out = [...patterns];
  const matcher = new IgnoreMatcher(out);
  if (matcher.excludes(ignoreFile)) out.push('!' + ignoreFile);
  if (new IgnoreMatcher(out).excludes(dockerfile)) out.push('!' + dockerfile);
  return out;
}

/**
 * Lists the context entries the matcher keeps: slash-separated relative paths in walk order
 * (depth first, names sorted, a directory before its contents), with
 * directories that hold kept entries. Excluded directories are not entered unless some `!`
 * pattern could re-include something below them.
 */
export function listContextFiles(contextDir: string, matcher: IgnoreMatcher): string[] {
  const root = resolve(contextDir);
  const kept: string[] = [];
  const walk = (rel: string): boolean => {
    let any = false;
    const names = readdirSync(rel === '' ? root : join(root, rel)).sort();
    for (const name of names) {
      const path = rel === '' ? name : `${rel}/${name}`;
      const excluded = matcher.excludes(path);
      const isDir = lstatSync(join(root, path)).isDirectory();
      if (isDir) {
        if (excluded && !matcher.hasExclusions) continue;
        const index = kept.length;
        const inner = walk(path);
        if (!excluded || inner) {
          kept.splice(index, 0, path);
          any = true;
        }
      } else if (!excluded) {
        kept.push(path);
        any = true;
      }
    }
    return any;
  };
  walk('');
  return kept;
}
