// Renders a command tree back to (approximate) source text, for `jobs` and `type` output.
import type { Command, Redir } from '../ast.js';

const redir = (r: Redir): string => `${r.fd === (r.op.startsWith('<') ? 0 : 1) ? '' : r.fd}${r.op}${r.target.text}`;

/** Source-like text of a command. */
export function unparse(n: Command | null): string {
  if (!n) return '';
  switch (n.type) {
    case 'simple':
      return [...n.assigns.map((a) => `${a.name}=${a.value.text}`), ...n.words.map((w) => w.text), ...n.redirs.map(redir)].join(' ');
    case 'pipeline':
      return `${n.bang ? '! ' : ''}${n.cmds.map(unparse).join(' | ')}`;
    case 'andor':
      return `${unparse(n.left)} ${n.op} ${unparse(n.right)}`;
    case 'seq':
      return `${unparse(n.left)}; ${unparse(n.right)}`;
    case 'bg':
      return `${unparse(n.body)} &`;
    case 'subshell':
      return `(${unparse(n.body)})${n.redirs.map((r) => ` ${redir(r)}`).join('')}`;
    case 'group':
      return `{ ${unparse(n.body)}; }${n.redirs.map((r) => ` ${redir(r)}`).join('')}`;
    case 'if':
      return `if ${unparse(n.cond)}; then ${unparse(n.then)}; ${n.else ? `else ${unparse(n.else)}; ` : ''}fi`;
    case 'loop':
      return `${n.until ? 'until' : 'while'} ${unparse(n.cond)}; do ${unparse(n.body)}; done`;
    case 'for':
      return `for ${n.name}${n.words ? ` in ${n.words.map((w) => w.text).join(' ')}` : ''}; do ${unparse(n.body)}; done`;
    case 'case':
      return `case ${n.word.text} in ${n.items.map((i) => `${i.patterns.map((p) => p.text).join('|')}) ${unparse(i.body)};;`).join(' ')} esac`;
    case 'funcdef':
      return `${n.name}() ${unparse(n.body)}`;
  }
}
