/**
 * Fused WebGPU kernels for CROLoss: importing this module registers them for tfjs's `webgpu` backend, once.
 * No Node built-ins and no import of tfjs-backend-webgpu (which must load after `navigator.gpu` exists).
 */
import { registerFusedRankKernels } from './register';

export {
  FUSED_PHI_NAMES,
  FUSED_ROW_SUMS_GRAD_KERNEL,
  FUSED_ROW_SUMS_KERNEL,
  isFusedPhiName,
} from './kernel-names';
export type { FusedPhiName, FusedRowSumsAttrs, FusedRowSumsGradAttrs } from './kernel-names';
export { fusedRankKernelsRegistered, registerFusedRankKernels, unregisterFusedRankKernels } from './register';

registerFusedRankKernels();
