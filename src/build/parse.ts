// parse(): Dockerfile/Containerfile text → typed AST grouped in stages, with Docker's errors
// located at file and line. The scanner is parser/parse-raw.ts, the typing instructions/.
import { BuildSyntaxError, DockerfileError } from './errors.js';
import { parseInstruction } from './instructions/parse-instruction.js';
import type { ArgInstruction, Dockerfile, Stage } from './instructions/types.js';
import { parseRaw } from './parser/parse-raw.js';

/**
 * Parses a Dockerfile. Throws DockerfileError (`Containerfile:7: unknown instruction: RUNN`)
 * on anything Docker rejects at parse time.
 */
export function parse(text: string, fileName = 'Containerfile'): Dockerfile {
  if (text.length === 0) throw new DockerfileError('the Dockerfile cannot be empty', fileName, 0);
  const raw = parseRaw(text, fileName);
  const metaArgs: ArgInstruction[] = [];
  const stages: Stage[] = [];
  for (const node of raw.nodes) {
    let instruction;
    try {
      instruction = parseInstruction(node);
    } catch (err) {
      if (err instanceof BuildSyntaxError) throw new DockerfileError(err.message, fileName, node.startLine, node.endLine);
      throw err;
    }
    if (instruction.kind === 'FROM') {
      stages.push({
        index: stages.length,
        name: instruction.stageName,
        from: instruction,
        instructions: [],
        startLine: instruction.startLine,
        endLine: instruction.endLine,
      });
      continue;
    }
    const stage = stages[stages.length - 1];
    if (!stage) {
      if (instruction.kind === 'ARG') {
        metaArgs.push(instruction);
        continue;
      }
      throw new DockerfileError('no build stage in current context', fileName, node.startLine, node.endLine);
    }
    stage.instructions.push(instruction);
    stage.endLine = instruction.endLine;
  }
  return {
    fileName,
    escapeToken: raw.escapeToken,
    directives: raw.directives,
    metaArgs,
    stages,
    warnings: raw.warnings,
  };
}
