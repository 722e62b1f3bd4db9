// mount(2) and umount2(2) flags, and pivot_root's conventions.

/** mount flags. */
export const MS = {
  RDONLY: 1, NOSUID: 2, NODEV: 4, NOEXEC: 8, SYNCHRONOUS: 16, REMOUNT: 32, MANDLOCK: 64,
  DIRSYNC: 128, NOATIME: 1024, NODIRATIME: 2048, BIND: 4096, MOVE: 8192, REC: 16384,
  SILENT: 32768, UNBINDABLE: 1 << 17, PRIVATE: 1 << 18, SLAVE: 1 << 19, SHARED: 1 << 20,
  RELATIME: 1 << 21, STRICTATIME: 1 << 24,
} as const;

/** umount2 flags. */
export const MNT = { FORCE: 1, DETACH: 2, EXPIRE: 4 } as const;
export const UMOUNT_NOFOLLOW = 8;
