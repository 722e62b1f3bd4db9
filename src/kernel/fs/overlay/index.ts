// The overlay union filesystem (Linux overlayfs semantics): read-only lower layers shared by
// every mount over them, copy-up on change, whiteouts, opaque directories, EXDEV for renaming
// lower directories. boot/ calls registerOverlay() once.
import { fileSystems } from '../../vfs/fs-type-registry.js';
import { overlayType } from './overlay-type.js';

export { overlayType, mountOverlay } from './overlay-type.js';
export { OVERLAY_MAX_LOWER, parseOverlayOptions, type OverlayOptions } from './overlay-options.js';
export { OPAQUE_MARKER, isWhiteout } from './whiteout.js';
export { OverlaySuperBlock } from './overlay-super.js';
export { OverlayInode } from './overlay-inode.js';
export { LowerStack, LowerDir, lowerStackFor } from './lower-stack.js';

/** Registers the `overlay` type with the kernel's filesystem registry (idempotent). */
export function registerOverlay(): void {
  fileSystems.register(overlayType);
}
