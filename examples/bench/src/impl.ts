/**
 * Which implementation a workload line reports: 'tfjs-fused' when the fused WGSL kernels of @croloss/webgpu-kernels
 * run (webgpu active and the kernels registered): for W1 and W3 @croloss/loss's rank statistics, for W2
 * @croloss/metrics' per-chunk top-k (CrolossRowTopK, k <= 1024); on wasm, for W1 and W3, when the fused rank kernels of
 * @croloss/wasm-kernels are registered (W1's dense Adam is fused when CrolossAdamUpdate is: --composed removes both); else 'tfjs-composed' (tfjs ops, tf.topk).
 */
import { wasmRankKernelsRegistered } from '@croloss/wasm-kernels';
import { fusedRankKernelsRegistered, ROW_TOP_K_MAX_K, rowTopKKernelRegistered } from '@croloss/webgpu-kernels';
import type { WorkloadId } from './shapes';

export type Impl = 'tfjs-fused' | 'tfjs-composed';

/** @param k W2's top-k size (the fused row top-k takes k <= 1024); ignored for W1 and W3. */
export function implOf(workload: WorkloadId, backend: string, k = 500): Impl {
  if (backend === 'wasm') return workload !== 'W2' && wasmRankKernelsRegistered() ? 'tfjs-fused' : 'tfjs-composed';
  if (backend !== 'webgpu') return 'tfjs-composed';
  if (workload === 'W2') return rowTopKKernelRegistered() && k <= ROW_TOP_K_MAX_K ? 'tfjs-fused' : 'tfjs-composed';
  return fusedRankKernelsRegistered() ? 'tfjs-fused' : 'tfjs-composed';
}
