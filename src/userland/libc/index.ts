// libc's module root: the C library programs (applets, the shell, the runtime) are written against.
export * from './libc.js';
export * from './stdio.js';
export * from './terminal.js';
