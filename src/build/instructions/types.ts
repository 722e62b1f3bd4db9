// The typed Dockerfile AST: one interface per instruction, each with its line range. Values
// are as written (unexpanded; ENV/LABEL/ARG values keep their quotes) — expansion happens at
// build time with the stage's environment (see expand-instruction.ts).
import type { Heredoc } from '../parser/raw-node.js';

export type { Heredoc };

/** Fields every instruction has. */
export interface InstructionBase {
  /** Keyword as written (`run`, `Run`, `RUN`). */
  keyword: string;
  /** The instruction's logical line, continuations joined, trimmed (Docker's String()). */
  code: string;
  startLine: number;
  endLine: number;
  /** Comment lines directly above (omitted when none). */
  comments?: string[];
}

/** `FROM [--platform=p] image [AS name]` */
export interface FromInstruction extends InstructionBase {
  kind: 'FROM';
  image: string;
  /** Stage name, lower-cased as Docker does; null when unnamed. */
  stageName: string | null;
  platform: string | null;
}

/** Exec form (JSON array) or shell form (one string run by the SHELL). */
export type CommandForm = 'exec' | 'shell';

/** One `--mount` of RUN, as key/value fields (the builder reports mounts unsupported). */
export interface RunMount {
  type: string;
  /** Every field as written, `type` included; flags without value (`ro`) map to 'true'. */
  fields: Record<string, string>;
}

/** `RUN [--mount=...] [--network=...] [--security=...] command` */
export interface RunInstruction extends InstructionBase {
  kind: 'RUN';
  form: CommandForm;
  /** Exec form: argv; shell form: one string. */
  command: string[];
  heredocs: Heredoc[];
  mounts: RunMount[];
  network: string | null;
  security: string | null;
  devices: string[];
}

/** A heredoc used as a COPY/ADD source: an inline file. */
export interface InlineSource {
  /** File name (the heredoc delimiter). */
  path: string;
  /** Body, already chomped for `<<-`. */
  data: string;
  /** Whether `$` forms in the body expand (unquoted delimiter). */
  expand: boolean;
}

/** Sources and destination shared by COPY and ADD. */
export interface CopyLike extends InstructionBase {
  sources: string[];
  inlineSources: InlineSource[];
  dest: string;
  chown: string | null;
  chmod: string | null;
  link: boolean;
  exclude: string[];
  /** Exec-form (JSON array) arguments. */
  json: boolean;
}

/** `COPY [--from=stage|index|image] [--chown] [--chmod] [--link] [--parents] [--exclude] src... dest` */
export interface CopyInstruction extends CopyLike {
  kind: 'COPY';
  from: string | null;
  parents: boolean;
}

/** `ADD [--chown] [--chmod] [--link] [--keep-git-dir] [--checksum] [--unpack] [--exclude] src... dest` */
export interface AddInstruction extends CopyLike {
  kind: 'ADD';
  keepGitDir: boolean | null;
  checksum: string | null;
  unpack: boolean | null;
}

/** A key and its (unexpanded) value; `noDelim` for the old `ENV key value` form. */
export interface KeyValue {
  key: string;
  value: string;
  noDelim: boolean;
}

/** `ENV k=v ...` or `ENV k v` */
export interface EnvInstruction extends InstructionBase {
  kind: 'ENV';
  pairs: KeyValue[];
}

/** `LABEL k=v ...` */
export interface LabelInstruction extends InstructionBase {
  kind: 'LABEL';
  labels: KeyValue[];
}

/** One ARG declaration: a name with or without default. */
export interface ArgDeclaration {
  key: string;
  value: string | null;
}

/** `ARG name[=default] ...` */
export interface ArgInstruction extends InstructionBase {
  kind: 'ARG';
  args: ArgDeclaration[];
}

/** `CMD` */
export interface CmdInstruction extends InstructionBase {
  kind: 'CMD';
  form: CommandForm;
  command: string[];
}

/** `ENTRYPOINT`; `ENTRYPOINT []` gives command null (clears the entrypoint). */
export interface EntrypointInstruction extends InstructionBase {
  kind: 'ENTRYPOINT';
  form: CommandForm;
  command: string[] | null;
}

/** `WORKDIR path` */
export interface WorkdirInstruction extends InstructionBase { kind: 'WORKDIR'; path: string }
/** `USER user[:group]` */
export interface UserInstruction extends InstructionBase { kind: 'USER'; user: string }
/** `STOPSIGNAL signal` */
export interface StopSignalInstruction extends InstructionBase { kind: 'STOPSIGNAL'; signal: string }
/** `MAINTAINER name` (deprecated) */
export interface MaintainerInstruction extends InstructionBase { kind: 'MAINTAINER'; maintainer: string }
/** `EXPOSE port[/proto] ...` (sorted, as Docker sorts them) */
export interface ExposeInstruction extends InstructionBase { kind: 'EXPOSE'; ports: string[] }
/** `VOLUME ["/a"]` or `VOLUME /a /b` */
export interface VolumeInstruction extends InstructionBase { kind: 'VOLUME'; volumes: string[]; json: boolean }
/** `SHELL ["exe", "arg"]` (JSON only) */
export interface ShellInstruction extends InstructionBase { kind: 'SHELL'; shell: string[] }

/** `HEALTHCHECK NONE` or `HEALTHCHECK [--interval=...] CMD ...`; durations in nanoseconds. */
export interface HealthcheckInstruction extends InstructionBase {
  kind: 'HEALTHCHECK';
  /** `["NONE"]`, `["CMD", argv...]` or `["CMD-SHELL", "cmd"]` as in the image config. */
  test: string[];
  interval: number;
  timeout: number;
  startPeriod: number;
  startInterval: number;
  retries: number;
}

/** `ONBUILD <instruction>`: stored as text (Docker re-parses it in the child build). */
export interface OnbuildInstruction extends InstructionBase {
  kind: 'ONBUILD';
  /** The trigger text, heredoc bodies included, as it goes into the image config. */
  expression: string;
  /** The trigger parsed now, or null if it would only fail when the trigger fires. */
  trigger: Instruction | null;
}

/** Any instruction except FROM (which opens a stage). */
export type Instruction =
  | RunInstruction | CopyInstruction | AddInstruction | EnvInstruction | LabelInstruction
  | ArgInstruction | CmdInstruction | EntrypointInstruction | WorkdirInstruction | UserInstruction
  | StopSignalInstruction | MaintainerInstruction | ExposeInstruction | VolumeInstruction
  | ShellInstruction | HealthcheckInstruction | OnbuildInstruction;

/** Any typed instruction. */
export type AnyInstruction = Instruction | FromInstruction;

/** A build stage: a FROM and the instructions up to the next FROM. */
export interface Stage {
  /** Position among the stages (what `COPY --from=0` refers to). */
  index: number;
  /** Lower-cased stage name, or null. */
  name: string | null;
  from: FromInstruction;
  instructions: Instruction[];
  startLine: number;
  endLine: number;
}

/** A parsed Dockerfile. */
export interface Dockerfile {
  fileName: string;
  /** `\` or a backtick. */
  escapeToken: string;
  /** Parser directives found at the top (`syntax`, `escape`, `check`). */
  directives: { name: string; value: string; line: number }[];
  /** ARG instructions before the first FROM (global scope). */
  metaArgs: ArgInstruction[];
  stages: Stage[];
  warnings: { message: string; line: number }[];
}
