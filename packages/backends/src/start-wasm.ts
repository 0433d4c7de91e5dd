/** Starts @tensorflow/tfjs-backend-wasm. */
import * as tf from '@tensorflow/tfjs-core';
import { registerWasmAdamKernel, registerWasmRankKernels } from '@croloss/wasm-kernels';
import { activateBackend, isBackendInitialized } from './activate';
import { isModuleNotFound, isNode, messageOf } from './environment';
import { registerWasmKernels } from './register-wasm-kernels';
import type { BackendSelection } from './selection';

const NODE_MODULE = 'node:module';

/** The one function of `node:module` used here (typed locally: the package has no @types/node). */
interface NodeModuleApi {
  createRequire(from: string): { resolve(request: string): string };
}

/**
 * Starts @tensorflow/tfjs-backend-wasm. In Node it reads its `.wasm` files from the installed
 * package's `dist/` folder (resolved from this module), so it also works from bundles that inline
 * the backend's JavaScript; `wasmPaths` overrides that (a folder prefix or URL ending in `/`).
 * Node gets SIMD but no threads (tfjs disables wasm threads in Node). Registers the kernels tfjs-backend-wasm lacks
 * for training embedding towers ({@link registerWasmKernels}) and the fused CROLoss kernels of `@croloss/wasm-kernels`
 * for `wasm`, which `@croloss/loss` then uses for its rank statistics (and `@croloss/two-tower`'s FusedAdamOptimizer
 * for its update).
 */
export async function startWasm(wasmPaths?: string): Promise<BackendSelection> {
  let wasm: typeof import('@tensorflow/tfjs-backend-wasm');
  try {
    wasm = await import('@tensorflow/tfjs-backend-wasm');
  } catch (error) {
    const missing = isModuleNotFound(error, 'tfjs-backend-wasm');
    throw new Error(
      `selectBackend: ${missing ? 'the optional peer dependency @tensorflow/tfjs-backend-wasm is not installed' : 'could not load @tensorflow/tfjs-backend-wasm'}` +
        ` (${messageOf(error)}); install it with \`npm install @tensorflow/tfjs-backend-wasm@4.22.0\``,
    );
  }
  const alreadyStarted = isBackendInitialized('wasm');
  const prefix = alreadyStarted ? undefined : (wasmPaths ?? (isNode() ? await installedWasmFolder() : undefined));
  if (prefix !== undefined) wasm.setWasmPaths(prefix);
  await activateBackend(
    'wasm',
    prefix !== undefined
      ? `The .wasm files are looked up in ${prefix}; pass options.wasmPaths to point elsewhere.`
      : 'The .wasm files are looked up next to the tfjs-backend-wasm script; from a bundle, pass options.wasmPaths: the folder (ending in /) holding the files of @tensorflow/tfjs-backend-wasm/dist/*.wasm.',
  );
  registerWasmRankKernels();
  registerWasmAdamKernel();
  registerWasmKernels(); // UnsortedSegmentSum: embedding layers train on wasm
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = wasm.getThreadsCount();
  return {
    backend: 'wasm',
    details: `tfjs-backend-wasm ${wasm.version_wasm}, SIMD ${simd ? 'on' : 'off'}, ${threads > 1 ? `${threads} threads` : 'single thread'}`,
  };
}

/** `…/node_modules/@tensorflow/tfjs-backend-wasm/dist/` as a file path, or undefined when it can't be resolved. */
async function installedWasmFolder(): Promise<string | undefined> {
  try {
    const { createRequire } = (await import(/* webpackIgnore: true */ /* @vite-ignore */ NODE_MODULE)) as NodeModuleApi;
    const packageJson = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json');
    return `${packageJson.slice(0, -'package.json'.length)}dist/`;
  } catch {
    return undefined; // e.g. a bundle with no node_modules: keep tfjs's own lookup
  }
}
