// The line scanner (BuildKit's parser.Parse): parser directives, comments, line continuation
// with the escape character (comments and empty lines allowed inside), heredoc bodies, and the
// start/end line of every instruction. Output is a list of untyped RawNodes.
import { BuildSyntaxError, DockerfileError } from '../errors.js';
import { isGoSpace, trimGoSpace, trimGoSpaceLeft } from '../shell/go-space.js';
import { checkEscapeToken, DirectiveParser, type Directive } from './directives.js';
import { heredocsFromLine } from './heredoc.js';
import { LINE_PARSERS } from './line-parsers.js';
import type { RawNode } from './raw-node.js';
import { splitCommand } from './split-command.js';

/** A non-fatal finding of the parser. */
export interface ParseWarning {
  message: string;
  line: number;
}

/** The scanner's output. */
export interface RawDockerfile {
  nodes: RawNode[];
  directives: Directive[];
  /** The escape character in force: `\` or a backtick. */
  escapeToken: string;
  warnings: ParseWarning[];
}

const HEREDOC_INSTRUCTIONS = new Set(['add', 'copy', 'run']);

/** Splits text into lines that keep their `\n`. */
function splitLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl + 1;
    lines.push(text.slice(start, end));
    start = end;
  }
  return lines;
}

const trimNewline = (s: string): string => s.replace(/[\r\n]+$/, '');
const isComment = (s: string): boolean => trimGoSpaceLeft(s).startsWith('#');

function continuationRegExp(escape: string): RegExp {
  const e = escape === '\\' ? '\\\\' : escape;
  return new RegExp(`([^${e}])${e}[ \\t]*$|^${e}[ \\t]*$`);
}

/** Builds the node of one logical line (also used for ONBUILD's wrapped instruction). */
function nodeFromLine(line: string, escape: string, comments: string[]): RawNode {
  const { command, flags, rest } = splitCommand(line, escape);
  const node: RawNode = { command, flags, args: [], json: false, heredocs: [], original: line, startLine: 0, endLine: 0, comments };
  const lower = command.toLowerCase();
  if (lower === 'onbuild') {
    if (rest !== '') {
      node.sub = nodeFromLine(rest, escape, []);
      node.args = [node.sub.command, ...node.sub.args];
    }
    return node;
  }
  const parser = LINE_PARSERS[lower];
  if (parser) {
    const parsed = parser(rest, escape);
    node.args = parsed.args;
    node.json = parsed.json;
  }
  return node;
}

function canContainHeredoc(node: RawNode): boolean {
  const target = node.command.toLowerCase() === 'onbuild' && node.sub ? node.sub : node;
  return HEREDOC_INSTRUCTIONS.has(target.command.toLowerCase()) && !target.json;
}

/**
 * Scans a Dockerfile into raw nodes. Throws DockerfileError located at the offending lines
 * (`unterminated heredoc`, `file with no instructions`, directive errors, JSON errors...).
 */
export function parseRaw(text: string, fileName: string): RawDockerfile {
  const lines = splitLines(text.startsWith('\uFEFF') ? text.slice(1) : text);
  const directiveParser = new DirectiveParser();
  const directives: Directive[] = [];
  const warnings: ParseWarning[] = [];
  const nodes: RawNode[] = [];
  let escape = '\\';
  let continuation = continuationRegExp(escape);
  let comments: string[] = [];
  let currentLine = 0;
  let i = 0;

  const fail = (err: unknown, start: number, end = start): never => {
    if (err instanceof BuildSyntaxError) throw new DockerfileError(err.message, fileName, start, end);
    throw err;
  };
  const trimContinuation = (s: string): [string, boolean] =>
    continuation.test(s) ? [s.replace(continuation, '$1'), false] : [s, true];

  while (i < lines.length) {
    const raw = lines[i++];
    if (isComment(raw)) {
      const comment = trimGoSpace(raw.slice(1));
      if (comment === '') comments = [];
      else comments.push(comment);
    }
    let text = trimGoSpaceLeft(trimNewline(raw));
    try {
      const directive = directiveParser.parseLine(text);
      if (directive) {
        if (directive.name === 'escape') {
          escape = checkEscapeToken(directive.value);
          continuation = continuationRegExp(escape);
        }
        directives.push(directive);
        comments.pop();
      }
    } catch (err) {
      fail(err, currentLine + 1);
    }
    if (isComment(text)) text = '';
    currentLine++;
    const startLine = currentLine;
    let [buf, endOfLine] = trimContinuation(text);
    if (endOfLine && buf === '') continue;

    let emptyContinuation = false;
    while (!endOfLine && i < lines.length) {
      const next = lines[i++];
      currentLine++;
      if (isComment(next)) continue;
      const part = trimNewline(next);
      if (Array.from(part).every(isGoSpace)) {
        emptyContinuation = true;
        continue;
      }
      let piece: string;
      [piece, endOfLine] = trimContinuation(part);
      buf += piece;
    }
    if (emptyContinuation) warnings.push({ message: `Empty continuation line found in: ${buf}`, line: currentLine });

    let node: RawNode;
    try {
      node = nodeFromLine(buf, escape, comments);
    } catch (err) {
      return fail(err, startLine, currentLine);
    }

    if (canContainHeredoc(node) && buf.includes('<<')) {
      let docs;
      try {
        docs = heredocsFromLine(buf);
      } catch (err) {
        return fail(err, startLine, currentLine);
      }
      for (const doc of docs) {
        let terminated = false;
        let content = '';
        while (i < lines.length) {
          const line = lines[i++];
          currentLine++;
          let candidate = trimNewline(line);
          if (doc.chomp) candidate = candidate.replace(/^\t+/, '');
          if (candidate === doc.name) {
            terminated = true;
            break;
          }
          content += line;
        }
        if (!terminated) fail(new BuildSyntaxError('unterminated heredoc'), startLine, currentLine);
        node.heredocs.push({ ...doc, content });
      }
    }
    node.startLine = startLine;
    node.endLine = currentLine;
    if (node.sub) {
      node.sub.startLine = startLine;
      node.sub.endLine = currentLine;
    }
    nodes.push(node);
    comments = [];
  }

  if (nodes.length === 0) throw new DockerfileError('file with no instructions', fileName, 0);
  return { nodes, directives, escapeToken: escape, warnings };
}
