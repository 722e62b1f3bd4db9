// The container runtime (runc's job), run by the engine in its host process through syscalls
// only: root filesystem preparation, cgroups, namespaces, mounts, pivot_root, credentials, exec.
export * from './spec.js';
export { startContainer, RuntimeError, CONTAINER_CLONE_FLAGS, readToEnd, type StartedContainer } from './start-container.js';
export { execInContainer, type ExecSpec } from './exec-process.js';
export type { ConsoleSize } from './console.js';
export { prepareRootfs, releaseRootfs, populateTree, extractLayer, type RootfsLayout } from './rootfs.js';
export { closeFdsExcept } from './close-fds.js';
export { setupCgroup, removeCgroup, cgroupsAvailable, cgroupFiles, writeCgroupFile, CGROUP_ROOT, type CgroupSetup } from './cgroup-setup.js';
export { mkdirp, removeAll, exists } from './fs-util.js';
export { parsePasswd, parseGroup, resolveUser, UserLookupError, type ExecUser, type PasswdEntry, type GroupEntry } from './user-lookup.js';
export { lookupExecutable, ExecLookupError, DEFAULT_PATH } from './exec-lookup.js';
export { DEFAULT_DEVICES } from './mount-setup.js';
