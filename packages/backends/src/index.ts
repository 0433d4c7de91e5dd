/** The public entry of @croloss/backends. */
export { selectBackend } from './select-backend';
export type { BackendSelection, SelectBackendOptions } from './selection';
export { describeBackend } from './describe-backend';
export type { BackendDescription } from './describe-backend';
export { BACKEND_NAMES, checkBackendName } from './backend-name';
export type { BackendName } from './backend-name';
export { installNodeWebGPU } from './node-webgpu';
export { describeAdapter, isSoftwareAdapter } from './webgpu-adapter';
export type { WebGPUAdapterInfoLike, WebGPUAdapterLike } from './webgpu-adapter';
export { registerWasmKernels, WASM_KERNELS_ADDED } from './register-wasm-kernels';
