/**
 * Which implementation of the loss a workload line reports: 'tfjs-fused' when @croloss/loss computes the rank
 * statistics with the fused WGSL kernels of @croloss/webgpu-kernels (webgpu active and the kernels registered),
 * else 'tfjs-composed' (tfjs ops). W2 has no loss: always 'tfjs-composed'.
 */
import { fusedRankKernelsRegistered } from '@croloss/webgpu-kernels';
import type { WorkloadId } from './shapes';

export type Impl = 'tfjs-fused' | 'tfjs-composed';

export function implOf(workload: WorkloadId, backend: string): Impl {
  const usesLoss = workload === 'W1' || workload === 'W3';
  return usesLoss && backend === 'webgpu' && fusedRankKernelsRegistered() ? 'tfjs-fused' : 'tfjs-composed';
}
