/** Fused wasm kernels for CROLoss (the rank statistic and its gradient): importing this module registers them for tfjs's `wasm` backend. */
import { registerWasmRankKernels } from './register';

export { FUSED_PHI_NAMES, FUSED_ROW_SUMS_GRAD_KERNEL, FUSED_ROW_SUMS_KERNEL, isFusedPhiName } from './kernel-names';
export type { FusedPhiName } from './kernel-names';
export {
  registerWasmRankKernels,
  setWasmKernelImpl,
  simdAvailable,
  unregisterWasmRankKernels,
  wasmKernelImpl,
  wasmRankKernelsRegistered,
  type WasmKernelImpl,
} from './register';

registerWasmRankKernels();
