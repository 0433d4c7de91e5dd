/** The backend tfjs runs on now and, for WebGPU, its adapter. */
import * as tf from '@tensorflow/tfjs-core';
import { recordedSelection } from './selection';

/** What {@link describeBackend} returns. */
export interface BackendDescription {
  /** `tf.getBackend()`: the active backend's name, or undefined before any backend started. */
  backend: string | undefined;
  /** For `webgpu`: the adapter (from the last {@link selectBackend}, else vendor / architecture from tfjs). */
  adapter?: string;
}

/**
 * The backend tfjs runs on now and, for WebGPU, its adapter: for logs and result files.
 *
 * @example
 * ```ts
 * import { describeBackend, selectBackend } from '@croloss/backends';
 * await selectBackend('cpu');
 * describeBackend(); // { backend: 'cpu' }
 * ```
 */
export function describeBackend(): BackendDescription {
  const backend = tf.getBackend() ?? undefined;
  if (backend !== 'webgpu') return { backend };
  const recorded = recordedSelection();
  if (recorded?.backend === 'webgpu' && recorded.adapter) return { backend, adapter: recorded.adapter };
  // Started elsewhere (e.g. the test setup): tfjs keeps only vendor and architecture.
  const info = (tf.backend() as { adapterInfo?: { vendor?: string; architecture?: string } }).adapterInfo;
  const adapter = [info?.vendor, info?.architecture].filter((part) => part).join(' / ');
  return adapter ? { backend, adapter } : { backend };
}
