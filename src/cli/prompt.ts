// docker's yes/no prompt for prune commands: prints the question and reads one line of stdin.
import type { CliContext } from './cli-context.js';

/** Asks "<message> [y/N] " and resolves true for y/yes (case-insensitive). */
export async function confirm(ctx: CliContext, message: string): Promise<boolean> {
  ctx.out(`${message} [y/N] `);
  const stdin = ctx.io.stdin;
  const line = await new Promise<string>((resolve) => {
    let text = '';
    const onData = (chunk: Buffer | string) => {
      text += chunk.toString();
      const nl = text.indexOf('\n');
      if (nl >= 0) { done(); resolve(text.slice(0, nl)); }
    };
    const onEnd = () => { done(); resolve(text); };
    const done = () => { stdin.off('data', onData); stdin.off('end', onEnd); stdin.pause(); };
    stdin.on('data', onData);
    stdin.on('end', onEnd);
    stdin.resume();
  });
  return /^(y|yes)$/i.test(line.trim());
}
