// Backend interface of the exec routes (/containers/{id}/exec, /exec/{id}/...).

import type { ExecCreateRequest, ExecInspect, IdResponse } from '../api/index.js';
import type { StreamSession } from './stream-session.js';

/** What the exec routes need from the engine. */
export interface ExecBackend {
  /** 409 when the container is not running or paused. Cmd is checked non-empty by the daemon. */
  execCreate(container: string, config: ExecCreateRequest): Promise<IdResponse>;
  /** Starts an attached exec; the session's `run` ends after ExitCode is set in execInspect. */
  execStart(id: string, options: { tty: boolean; consoleSize?: [number, number] }): Promise<StreamSession>;
  /** Starts a detached exec (`exec -d`) and returns at once. */
  execStartDetached(id: string, options: { tty: boolean }): Promise<void>;
  /** 404 "No such exec instance: <id>" when unknown. */
  execInspect(id: string): Promise<ExecInspect>;
  execResize(id: string, height: number, width: number): Promise<void>;
}
