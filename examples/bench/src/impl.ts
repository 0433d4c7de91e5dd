/**
 * Which implementation a workload line reports: 'tfjs-fused' when the fused WGSL kernels of @croloss/webgpu-kernels
 * run (webgpu active and the kernels registered): for W1 and W3 @croloss/loss's rank statistics, for W2
 * @croloss/metrics' per-chunk top-k (CrolossRowTopK, k <= 1024); on wasm, when the kernels of @croloss/wasm-kernels
 * are registered: for W1 and W3 the rank kernels (W1's dense Adam is fused when CrolossAdamUpdate is), for W2 its
 * row top-k (--composed removes them all); else 'tfjs-composed' (tfjs ops, tf.topk).
 */
import { wasmRankKernelsRegistered, wasmRowTopKKernelRegistered } from '@croloss/wasm-kernels';
import { fusedRankKernelsRegistered, ROW_TOP_K_MAX_K, rowTopKKernelRegistered } from '@croloss/webgpu-kernels';
import type { WorkloadId } from './shapes';

export type Impl = 'tfjs-fused' | 'tfjs-composed';

/** @param k W2's top-k size (the fused row top-k takes k <= 1024); ignored for W1 and W3. */
export function implOf(workload: WorkloadId, backend: string, k = 500): Impl {
  if (backend === 'wasm') {
    const fused = workload === 'W2' ? wasmRowTopKKernelRegistered() && k <= ROW_TOP_K_MAX_K : wasmRankKernelsRegistered();
    return fused ? 'tfjs-fused' : 'tfjs-composed';
  }
  if (backend !== 'webgpu') return 'tfjs-composed';
  if (workload === 'W2') return rowTopKKernelRegistered() && k <= ROW_TOP_K_MAX_K ? 'tfjs-fused' : 'tfjs-composed';
  return fusedRankKernelsRegistered() ? 'tfjs-fused' : 'tfjs-composed';
}
