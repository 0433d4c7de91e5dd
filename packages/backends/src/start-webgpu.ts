/** Starts tfjs's webgpu backend (Dawn in Node) and describes its adapter. */
import * as tf from '@tensorflow/tfjs-core';
import { activateBackend } from './activate';
import { backendError, isNode } from './environment';
import { installDawn, registerWebGPUBackend } from './node-webgpu';
import type { BackendSelection } from './selection';
import {
  describeAdapter,
  isSoftwareAdapter,
  navigatorGPU,
  requestWebGPUAdapter,
  type WebGPUAdapterLike,
} from './webgpu-adapter';

const NO_ADAPTER_HINT = isNode()
  ? 'Dawn found no GPU through Vulkan: install the GPU\'s Vulkan driver, or on a machine without a GPU the software driver lavapipe (Debian bookworm: bash .ci/install-lavapipe.sh; mesa-vulkan-drivers >= 24 elsewhere), then set XDG_RUNTIME_DIR to a private folder'
  : 'the browser offers WebGPU but no adapter (blocklisted GPU, or WebGPU disabled in the browser settings)';

/** The adapter WebGPU offers here, after setting up Dawn in Node. Throws when WebGPU or an adapter is missing. */
export async function findWebGPUAdapter(): Promise<WebGPUAdapterLike> {
  if (isNode()) await installDawn();
  const gpu = navigatorGPU();
  if (!gpu) {
    throw backendError(
      "selectBackend: 'webgpu' needs navigator.gpu, which this browser lacks (use Chrome/Edge 113+, recent Safari or Firefox, over https or localhost)",
      'no navigator.gpu',
    );
  }
  const flags = tf.env().getFlags() as Record<string, unknown>;
  const adapter = await requestWebGPUAdapter(gpu, flags.WEBGPU_USE_LOW_POWER_GPU === true);
  if (!adapter) throw backendError(`selectBackend: 'webgpu' has no adapter: ${NO_ADAPTER_HINT}`, isNode() ? 'no adapter (Dawn found no Vulkan driver)' : 'no adapter');
  return adapter;
}

/**
 * Starts tfjs-backend-webgpu on `adapter` (from {@link findWebGPUAdapter}). The backend package is
 * imported only now, after `navigator.gpu` exists, because it registers itself only if it does;
 * `auto` thus registers no `webgpu` backend when it passes the adapter over.
 */
export async function activateWebGPU(adapter: WebGPUAdapterLike): Promise<BackendSelection> {
  await registerWebGPUBackend();
  await activateBackend('webgpu', 'See the console warning above for the reason tfjs gives.');
  const limit = adapter.limits?.maxStorageBufferBindingSize;
  const details = [
    isNode() ? 'Dawn (npm webgpu) in Node' : 'browser WebGPU',
    'tfjs-backend-webgpu',
    typeof limit === 'number' ? `max storage binding ${formatBytes(limit)}` : '',
    isSoftwareAdapter(adapter) ? 'software adapter: correct but slow' : '',
  ].filter(Boolean);
  return { backend: 'webgpu', adapter: describeAdapter(adapter), details: details.join(', ') };
}

/** Starts the WebGPU backend or throws saying why not. */
export async function startWebGPU(): Promise<BackendSelection> {
  return activateWebGPU(await findWebGPUAdapter());
}

function formatBytes(bytes: number): string {
  const gib = bytes / 2 ** 30;
  return gib >= 1 ? `${Number(gib.toFixed(2))} GiB` : `${Number((bytes / 2 ** 20).toFixed(1))} MiB`;
}
