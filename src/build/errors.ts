// Errors of the Dockerfile frontend: every parse or plan error names the file and the line,
// as `Containerfile:7: unknown instruction: RUNN`. The wording after the location is Docker's
// (BuildKit's dockerfile frontend).

/** A Dockerfile error located at a line range of a named file. */
export class DockerfileError extends Error {
  /** The error text without location, in Docker's wording. */
  readonly detail: string;
  /** File name as given to the parser (`Containerfile`, `Dockerfile`, ...). */
  readonly fileName: string;
  /** First line of the offending instruction (1-based); 0 when the error has no line. */
  readonly line: number;
  /** Last line of the offending instruction. */
  readonly endLine: number;

  constructor(detail: string, fileName: string, line: number, endLine = line) {
    super(line > 0 ? `${fileName}:${line}: ${detail}` : `${fileName}: ${detail}`);
    this.name = 'DockerfileError';
    this.detail = detail;
    this.fileName = fileName;
    this.line = line;
    this.endLine = Math.max(line, endLine);
  }
}

/** An error without location yet (raised deep inside a helper); the parser adds the location. */
export class BuildSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BuildSyntaxError';
  }
}

/** The message of any thrown value. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
