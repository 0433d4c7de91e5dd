/** Makes TensorFlow.js's `webgpu` backend available, in Node through Dawn. */
import { registerFusedRankKernels } from '@croloss/webgpu-kernels';
import { isBackendRegistered } from './activate';
import { backendError, isModuleNotFound, isNode, messageOf } from './environment';

/** The npm package with Dawn's prebuilt Node addon (`dawn.node`); held in a variable so bundlers leave it alone. */
const WEBGPU_PACKAGE = 'webgpu';

let installingDawn: Promise<void> | undefined;
let installing: Promise<void> | undefined;

/**
 * Makes TensorFlow.js's `webgpu` backend available, in Node through Dawn: loads the npm package
 * `webgpu`, copies its `GPU*` globals onto `globalThis`, sets `navigator.gpu`, and only then imports
 * `@tensorflow/tfjs-backend-webgpu` (which registers its backend only if `navigator.gpu` exists at
 * its first import). Where `navigator.gpu` already exists (browsers) only the import is done. It also registers
 * the fused CROLoss kernels of `@croloss/webgpu-kernels` for the `webgpu` backend, which `@croloss/loss` then uses
 * for its rank statistics.
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
export function installNodeWebGPU(): Promise<void> {
  installing ??= installDawn()
    .then(registerWebGPUBackend)
    .catch((error: unknown) => {
      installing = undefined; // let a later call retry, e.g. after installing a package
      throw error;
    });
  return installing;
}

/**
 * Sets `navigator.gpu` from Dawn in Node (no-op where it exists); does not touch tfjs. Idempotent.
 * Used alone by `auto`, which looks at the adapter before deciding to register tfjs's backend.
 */
export function installDawn(): Promise<void> {
  installingDawn ??= setUpDawn().catch((error: unknown) => {
    installingDawn = undefined;
    throw error;
  });
  return installingDawn;
}

async function setUpDawn(): Promise<void> {
  const nav = (globalThis as { navigator?: { gpu?: unknown } }).navigator;
  if (nav?.gpu) return;
  if (!isNode()) {
    throw backendError(
      'installNodeWebGPU: this environment has no navigator.gpu (WebGPU) and is not Node.js; use a browser with WebGPU (Chrome/Edge 113+, recent Safari or Firefox, over https or localhost)',
      'no navigator.gpu',
    );
  }
  let dawn: { create(options: string[]): unknown; globals: Record<string, unknown> };
  try {
    dawn = await import(/* webpackIgnore: true */ /* @vite-ignore */ WEBGPU_PACKAGE);
  } catch (error) {
    throw backendError(
      `installNodeWebGPU: could not load the npm package 'webgpu' (Dawn for Node): ${messageOf(error)}. Install it with \`npm install webgpu@0.6.2\` (prebuilt for linux-x64, linux-arm64, macOS, Windows)`,
      isModuleNotFound(error, WEBGPU_PACKAGE) ? "npm package 'webgpu' (Dawn) not installed" : "npm package 'webgpu' (Dawn) failed to load",
    );
  }
  Object.assign(globalThis, dawn.globals);
  const g = globalThis as unknown as { navigator?: Record<string, unknown> };
  g.navigator ??= {};
  const gpu = dawn.create([]);
  try {
    g.navigator.gpu = gpu;
  } catch {
    // a navigator whose properties cannot be assigned: define it instead
  }
  if (g.navigator.gpu !== gpu) Object.defineProperty(g.navigator, 'gpu', { value: gpu, configurable: true, writable: true });
}

/** Imports @tensorflow/tfjs-backend-webgpu (after navigator.gpu exists) and checks that it registered. */
export async function registerWebGPUBackend(): Promise<void> {
  let webgpu: typeof import('@tensorflow/tfjs-backend-webgpu');
  try {
    webgpu = await import('@tensorflow/tfjs-backend-webgpu');
  } catch (error) {
    const missing = isModuleNotFound(error, 'tfjs-backend-webgpu');
    throw backendError(
      `installNodeWebGPU: ${missing ? 'the optional peer dependency @tensorflow/tfjs-backend-webgpu is not installed' : 'could not load @tensorflow/tfjs-backend-webgpu'}` +
        ` (${messageOf(error)}); install it with \`npm install @tensorflow/tfjs-backend-webgpu@4.22.0\``,
      missing ? '@tensorflow/tfjs-backend-webgpu not installed' : '@tensorflow/tfjs-backend-webgpu failed to load',
    );
  }
  explainSyncReadsInNode(webgpu.WebGPUBackend?.prototype as unknown as ReadSyncOwner | undefined);
  // @croloss/loss computes its rank statistics with these fused kernels whenever they are registered for webgpu
  registerFusedRankKernels();
  if (!isBackendRegistered('webgpu')) {
    throw backendError(
      'installNodeWebGPU: @tensorflow/tfjs-backend-webgpu did not register its backend: it was imported before navigator.gpu existed ' +
        '(call installNodeWebGPU or selectBackend before anything imports it), or it sees another copy of @tensorflow/tfjs-core (install one, 4.22.0)',
      'tfjs-backend-webgpu did not register',
    );
  }
}

interface ReadSyncOwner {
  readSync(dataId: object): unknown;
  [explained]?: true;
}
const explained = Symbol.for('@croloss/backends.readSyncExplained');

/**
 * tfjs-backend-webgpu 4.22 reads GPU memory synchronously (dataSync, arraySync, bufferSync) through
 * OffscreenCanvas, which Node lacks, so those calls die with "OffscreenCanvas is not defined" (Dawn
 * offers no synchronous readback either). Wraps `readSync` once so that failure says what to do
 * instead; reads of data already on the CPU still succeed as before.
 */
function explainSyncReadsInNode(proto: ReadSyncOwner | undefined): void {
  if (!proto || proto[explained] || typeof proto.readSync !== 'function' || typeof OffscreenCanvas !== 'undefined') return;
  const readSync = proto.readSync;
  proto.readSync = function (this: ReadSyncOwner, dataId: object) {
    try {
      return readSync.call(this, dataId);
    } catch (error) {
      if (error instanceof ReferenceError && error.message.includes('OffscreenCanvas')) {
        throw new Error(
          'webgpu backend in Node: dataSync(), arraySync() and bufferSync() cannot read GPU memory here (tfjs-backend-webgpu reads ' +
            'synchronously through OffscreenCanvas, which only browsers have); use `await tensor.data()` or `await tensor.array()`',
        );
      }
      throw error;
    }
  };
  proto[explained] = true;
}
