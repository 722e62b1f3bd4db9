// The engine's public API (dockerd's daemon package): createEngine and the services that
// implement the daemon's Backend interfaces (src/daemon/*-backend.ts).
export { createEngine, type Engine, type EngineOptions } from './create-engine.js';
export type { UserlandFiles } from './base-images/catalogue.js';
export { loadCatalogue, defaultImagesDir } from './base-images/catalogue.js';
export type { EngineLogger } from './engine-context.js';
export { ContainerService } from './container-service.js';
export { ExecService } from './exec-service.js';
export { ImageService } from './image-service.js';
export { SystemService } from './system-service.js';
export { BuildService } from './build/build-service.js';
