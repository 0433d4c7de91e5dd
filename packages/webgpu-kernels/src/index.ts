/**
 * Fused WebGPU kernels for CROLoss (rank statistic, row top-k): importing this module registers them for tfjs's `webgpu` backend, once.
 * No Node built-ins and no import of tfjs-backend-webgpu (which must load after `navigator.gpu` exists).
 */
import { registerFusedRankKernels } from './register';
import { registerRowTopKKernel } from './row-top-k';

export {
  FUSED_PHI_NAMES,
  FUSED_ROW_SUMS_GRAD_KERNEL,
  FUSED_ROW_SUMS_KERNEL,
  isFusedPhiName,
  ROW_TOP_K_KERNEL,
  ROW_TOP_K_MAX_K,
} from './kernel-names';
export type { FusedPhiName, FusedRowSumsAttrs, FusedRowSumsGradAttrs, RowTopKAttrs } from './kernel-names';
export { fusedRankKernelsRegistered, registerFusedRankKernels, unregisterFusedRankKernels } from './register';

export { registerRowTopKKernel, rowTopKKernelRegistered, rowTopKOrderKey, unregisterRowTopKKernel } from './row-top-k';

registerFusedRankKernels();
registerRowTopKKernel();
