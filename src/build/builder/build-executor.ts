// The interfaces the builder needs from its host (the engine implements them): running one RUN
// step in a container and reporting the filesystem difference it made, and finding base images.
// Everything else (COPY, ADD, WORKDIR, metadata) the builder does itself on TreeEntry data.
import type { TreeEntry } from '../../abi/tree-entry.js';
import type { DiffID, OverlayEntry } from '../../image/index.js';

/** One RUN step to execute in a throw-away container. */
export interface RunStep {
  /** The image the command runs on (already stored in the ImageStore), or null for scratch. */
  imageId: string | null;
  /** That image's layers, bottom first (its rootfs.diff_ids): a convenience for the engine. */
  layers: readonly DiffID[];
  /** The argv to execute, already wrapped with the SHELL for the shell form (no entrypoint). */
  cmd: string[];
  /** The environment: the image's Env plus the build args in scope, `KEY=value`. */
  env: string[];
  /** `USER` in effect ('' = the image default, root). */
  user: string;
  /** `WORKDIR` in effect ('' = /). */
  workdir: string;
  /** `RUN --network` (default, none, host) or null when not given. */
  network: string | null;
  /**
   * Extra files the command must see at their (absolute) paths while it runs, but which are
   * NOT part of the result's changes (heredoc scripts under /dev/pipes). Usually empty.
   */
  files: TreeEntry[];
  /** Called once the container exists, before it starts: its full ID (" ---> Running in <id12>"). */
  started(containerId: string): void;
  /** Standard output of the command as it comes. */
  output(chunk: Uint8Array): void;
  /**
   * Standard error of the command (Docker shows it in red). An executor that cannot tell the
   * two apart may send everything to output().
   */
  stderr(chunk: Uint8Array): void;
  /** Aborted when the build is cancelled: the executor kills the command and rejects. */
  signal: AbortSignal;
}

/** The outcome of a RUN step; the executor has removed its container when it resolves. */
export interface RunResult {
  /** Exit status of the command (non-zero fails the build with Docker's message). */
  exitCode: number;
  /**
   * The filesystem difference the command made, in overlay form as an upper layer holds it:
   * added/changed entries (with every parent directory that was changed), 0/0 character devices
   * for deleted entries, `opaque` directories. Paths relative, without leading `/`.
   */
  changes: OverlayEntry[];
}

/** Runs RUN steps. Implemented by the engine with real (simulated) containers. */
export interface BuildExecutor {
  /** Runs one step. Rejects only for failures other than a non-zero exit (e.g. no such program). */
  run(step: RunStep): Promise<RunResult>;
}

/**
 * Finds a base image (FROM, COPY --from=<image>) and returns its image ID in the store. The
 * engine imports it from its built-in catalogue when missing; `pull` is the build's --pull flag.
 * Rejects (with Docker's text, e.g. `pull access denied for x, ...`) when there is no such image.
 */
export type ResolveBaseImage = (ref: string, opts: { pull: boolean; platform: string | null }) => Promise<string>;
