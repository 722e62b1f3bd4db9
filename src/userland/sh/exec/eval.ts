// Parsing and running source text command line by command line (as ash's evalstring does):
// `sh -c`, scripts, `eval`, `.`, and trap actions. Syntax errors print ash's message.
import { EOF_NODE, Parser } from '../parser.js';
import { ShSyntaxError } from '../tokens.js';
import type { Ctx } from './context.js';
import { ShellError } from './control.js';
import { run } from './run.js';

/** A parser over `src` that expands the shell's aliases. */
export function parserFor(ctx: Ctx, src: string, line = ctx.st.lineno): Parser {
  return new Parser(src, { alias: (n) => ctx.st.aliases.get(n) }, 0, line);
}

/** Reports a syntax error the way ash does (the line is where the parser stopped). */
export async function syntaxError(ctx: Ctx, e: ShSyntaxError): Promise<void> {
  const saved = ctx.st.commandName;
  ctx.st.commandName = ctx.st.topCommandName;
  ctx.st.lineno = e.line;
  await ctx.msg(e.message);
  ctx.st.commandName = saved;
}

/** Parses and runs `src` one command line at a time; returns the last status. */
export async function evalString(ctx: Ctx, src: string, line = ctx.st.lineno): Promise<number> {
  const parser = parserFor(ctx, src, line);
  let status = 0;
  for (;;) {
    let cmd;
    try {
      cmd = parser.parseCommandLine();
    } catch (e) {
      if (!(e instanceof ShSyntaxError)) throw e;
      await syntaxError(ctx, e);
      ctx.st.status = 2;
      throw new ShellError(2);
    }
    if (cmd === EOF_NODE) break;
    if (cmd === null) continue;
    status = await run(ctx, cmd);
  }
  return status;
}
