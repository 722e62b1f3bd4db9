// The engine's ResolveBaseImage for builds: FROM and COPY --from=<image> find the image in the
// store, or "pull" it from the built-in catalogue through the image service (--pull re-imports
// the catalogue's definition even when a local image has the name).
import type { ResolveBaseImage } from '../../build/index.js';
import { familiarString, parseReference } from '../../image/index.js';
import type { ImageService } from '../image-service.js';

/** Docker's text for an image that is neither local nor in the catalogue. */
function pullDenied(ref: string): Error {
  let repo = ref;
  try { repo = familiarString(parseReference(ref)).replace(/:[^/:]+$/, ''); } catch { /* as typed */ }
  return new Error(`pull access denied for ${repo}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`);
}

/** A ResolveBaseImage over the engine's image service. */
export function resolveBaseImageWith(images: ImageService): ResolveBaseImage {
  return async (ref, opts) => {
    if (opts.pull) {
      try {
        for await (const _ of await images.imagePull({ fromImage: ref, tag: '' }, new AbortController().signal)) { /* progress is not shown by the classic builder */ }
      } catch {
        throw pullDenied(ref);
      }
    }
    const id = await images.ensureImage(ref);
    if (!id) throw pullDenied(ref);
    return id;
  };
}
