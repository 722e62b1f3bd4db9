// The kernel ABI: numbers and records shared by the kernel and the programs that call it.
export * from './errno.js';
export * from './syscall-result.js';
export * from './fcntl.js';
export * from './stat.js';
export * from './signal.js';
export * from './sched.js';
export * from './mount.js';
export * from './capability.js';
export * from "./tree-entry.js";
export * from "./syscalls.js";
