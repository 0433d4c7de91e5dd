/** Picks and starts a TensorFlow.js backend with one flag, then reports it in one line through `options.log` (default... */
import { argumentError } from '@croloss/internal';
import { checkBackendName, type BackendName } from './backend-name';
import { isNode, shortReason } from './environment';
import { recordSelection, type BackendSelection, type SelectBackendOptions } from './selection';
import { startCpu } from './start-cpu';
import { startTensorflow } from './start-tensorflow';
import { startWasm } from './start-wasm';
import { activateWebGPU, findWebGPUAdapter, startWebGPU } from './start-webgpu';
import { describeAdapter, isSoftwareAdapter } from './webgpu-adapter';

/**
 * Picks and starts a TensorFlow.js backend with one flag, then reports it in one line through
 * `options.log` (default `console.error`):
 *
 * - `webgpu`: WebGPU; in Node through Dawn (npm `webgpu`, needs a Vulkan driver), in browsers `navigator.gpu`.
 * - `tensorflow`: native libtensorflow from @tensorflow/tfjs-node-gpu (CUDA), else @tensorflow/tfjs-node (Node only).
 * - `wasm`: @tensorflow/tfjs-backend-wasm (SIMD; single-threaded in Node).
 * - `cpu`: @tensorflow/tfjs-backend-cpu (plain JavaScript).
 * - `auto`: the first that starts of: a hardware WebGPU adapter, tensorflow (Node), wasm, cpu. Software
 *   WebGPU adapters (lavapipe, SwiftShader) are passed over because wasm beats them; ask for
 *   `webgpu` by name to use one. `details` lists what was tried and why each was passed over.
 *
 * A backend asked for by name that cannot start is an Error saying why and how to fix it: never a
 * silent fallback to another backend.
 *
 * @param name which backend: `'auto' | 'webgpu' | 'tensorflow' | 'wasm' | 'cpu'`.
 * @returns the started backend's tfjs name, its WebGPU adapter (vendor / architecture / device /
 *   description) and a one-line description.
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { selectBackend } from '@croloss/backends';
 * const { backend, adapter } = await selectBackend('auto');
 * // stderr: "@croloss/backends: using wasm (auto: ...; wasm ok; tfjs-backend-wasm 4.22.0, SIMD on, single thread)"
 * console.log(await tf.matMul(tf.ones([2, 3]), tf.ones([3, 2])).array()); // [[3, 3], [3, 3]] on that backend
 * ```
 */
export async function selectBackend(name: BackendName, options: SelectBackendOptions = {}): Promise<BackendSelection> {
  const wanted = checkBackendName('selectBackend', name);
  if (options === null || typeof options !== 'object') {
    throw argumentError('selectBackend', 'options', 'an object { log?, wasmPaths? }', options);
  }
  const { log = (line: string) => console.error(line), wasmPaths } = options;
  if (typeof log !== 'function') throw argumentError('selectBackend', 'options.log', 'a function (line: string) => void', log);
  if (wasmPaths !== undefined && (typeof wasmPaths !== 'string' || wasmPaths.length === 0)) {
    throw argumentError('selectBackend', 'options.wasmPaths', 'a non-empty folder prefix or URL ending in /', wasmPaths);
  }

  const selection = wanted === 'auto' ? await startAuto(wasmPaths) : await startNamed(wanted, wasmPaths);
  recordSelection(selection);
  log(`@croloss/backends: using ${selection.backend}${selection.adapter ? ` on ${selection.adapter}` : ''} (${selection.details})`);
  return selection;
}

function startNamed(name: Exclude<BackendName, 'auto'>, wasmPaths: string | undefined): Promise<BackendSelection> {
  switch (name) {
    case 'webgpu':
      return startWebGPU();
    case 'tensorflow':
      return startTensorflow();
    case 'wasm':
      return startWasm(wasmPaths);
    case 'cpu':
      return startCpu();
  }
}

async function startAuto(wasmPaths: string | undefined): Promise<BackendSelection> {
  const tried: string[] = [];
  const attempt = async (label: string, start: () => Promise<BackendSelection | string>): Promise<BackendSelection | undefined> => {
    try {
      const result = await start();
      if (typeof result === 'string') {
        tried.push(`${label} passed over: ${result}`);
        return undefined;
      }
      return { ...result, details: `auto: ${[...tried, `${label} ok`].join('; ')}; ${result.details}` };
    } catch (error) {
      tried.push(`${label} failed: ${shortReason(error)}`);
      return undefined;
    }
  };

  const chosen =
    (await attempt('webgpu', async () => {
      const adapter = await findWebGPUAdapter();
      if (isSoftwareAdapter(adapter)) return `software adapter ${describeAdapter(adapter)} (ask for 'webgpu' to use it)`;
      return activateWebGPU(adapter);
    })) ??
    (isNode() ? await attempt('tensorflow', startTensorflow) : (tried.push('tensorflow passed over: not Node.js'), undefined)) ??
    (await attempt('wasm', () => startWasm(wasmPaths))) ??
    (await attempt('cpu', startCpu));
  if (!chosen) throw new Error(`selectBackend: 'auto' found no backend that starts: ${tried.join('; ')}`);
  return chosen;
}
