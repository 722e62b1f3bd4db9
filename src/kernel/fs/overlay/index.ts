// The overlay union filesystem (Linux overlayfs semantics): read-only lower layers shared by
// every mount over them, copy-up on change, whiteouts, opaque directories, EXDEV for renaming
// lower directories. boot/ calls registerOverlay() once. Layer format on disk (what an
// extracted image layer must hold): a deletion is a 0/0 character device at the deleted name;
// an opaque directory contains an entry named `.wh..wh..opq` (OPAQUE_MARKER).
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
