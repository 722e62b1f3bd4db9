// Wire types of the exec routes: POST /containers/{id}/exec, POST /exec/{id}/start,
// GET /exec/{id}/json (moby container.ExecOptions / ExecStartOptions / ExecInspect).

/** Body of POST /containers/{id}/exec. */
export interface ExecCreateRequest {
  User?: string;
  Privileged?: boolean;
  Tty?: boolean;
  ConsoleSize?: [number, number] | null;
  AttachStdin?: boolean;
  AttachStderr?: boolean;
  AttachStdout?: boolean;
  Detach?: boolean;
  DetachKeys?: string;
  Env?: string[] | null;
  WorkingDir?: string;
  Cmd: string[];
}

/** Body of POST /exec/{id}/start. */
export interface ExecStartRequest {
  Detach?: boolean;
  Tty?: boolean;
  ConsoleSize?: [number, number] | null;
}

/** `ProcessConfig` of an exec inspect. */
export interface ExecProcessConfig {
  tty: boolean;
  entrypoint: string;
  arguments: string[];
  privileged: boolean;
  user: string;
}

/** Body of GET /exec/{id}/json. ExitCode is null while running; set it before closing the stream. */
export interface ExecInspect {
  ID: string;
  Running: boolean;
  ExitCode: number | null;
  ProcessConfig: ExecProcessConfig;
  OpenStdin: boolean;
  OpenStderr: boolean;
  OpenStdout: boolean;
  CanRemove: boolean;
  ContainerID: string;
  DetachKeys: string;
  Pid: number;
}
