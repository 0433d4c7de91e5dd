/**
 * Makes TensorFlow.js's `webgpu` backend available, in Node through Dawn: loads the npm package
 * `webgpu`, copies its `GPU*` globals onto `globalThis`, sets `navigator.gpu`, and only then imports
 * `@tensorflow/tfjs-backend-webgpu` (which registers its backend only if `navigator.gpu` exists at
 * its first import). Where `navigator.gpu` already exists (browsers) only the import is done.
 * Idempotent. It starts nothing: follow it with `tf.setBackend('webgpu')` and check the result,
 * which is false when there is no adapter (Dawn needs a Vulkan driver on Linux: a GPU's, or Mesa's
 * lavapipe on machines without one, see `.ci/install-lavapipe.sh`). {@link selectBackend} does all of it.
 *
 * @throws when there is no `navigator.gpu` outside Node, when `webgpu` or
 *   `@tensorflow/tfjs-backend-webgpu` is missing, or when the backend module was imported earlier,
 *   before `navigator.gpu` existed, and so never registered.
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { installNodeWebGPU } from '@croloss/backends';
 * await installNodeWebGPU();
 * if (!(await tf.setBackend('webgpu'))) throw new Error('no WebGPU adapter');
 * ```
 */
export declare function installNodeWebGPU(): Promise<void>;
/**
 * Sets `navigator.gpu` from Dawn in Node (no-op where it exists); does not touch tfjs. Idempotent.
 * Used alone by `auto`, which looks at the adapter before deciding to register tfjs's backend.
 */
export declare function installDawn(): Promise<void>;
/** Imports @tensorflow/tfjs-backend-webgpu (after navigator.gpu exists) and checks that it registered. */
export declare function registerWebGPUBackend(): Promise<void>;
