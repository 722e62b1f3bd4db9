// Public surface of src/api: Docker Engine API wire types (Docker's casing), the shared
// ApiError, filter helpers and the create-body validator. Imports nothing outside src/api.

export * from './api-error.js';
export * from './api-version.js';
export * from './container-config.js';
export * from './container-create.js';
export * from './container-summary.js';
export * from './container-inspect.js';
export * from './exec.js';
export * from './stats.js';
export * from './image.js';
export * from './json-message.js';
export * from './event.js';
export * from './network.js';
export * from './volume.js';
export * from './system.js';
export * from './filters.js';
export * from './validate-create.js';
export * from './backend-options.js';
