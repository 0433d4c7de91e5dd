/** Fused wasm kernels for CROLoss (the rank statistic and its gradient, the Adam update, the row top-k of retrieval): importing this module registers them for tfjs's `wasm` backend. */
import { registerWasmAdamKernel } from './adam-kernel';
import { registerWasmRankKernels } from './register';
import { registerWasmRowTopKKernel } from './row-top-k';

export { ADAM_UPDATE_KERNEL, registerWasmAdamKernel, unregisterWasmAdamKernel, type AdamUpdateAttrs } from './adam-kernel';
export {
  FUSED_PHI_NAMES,
  FUSED_ROW_SUMS_GRAD_KERNEL,
  FUSED_ROW_SUMS_KERNEL,
  FUSED_SCORE_ROW_SUMS_GRAD_KERNEL,
  FUSED_SCORE_ROW_SUMS_KERNEL,
  isFusedPhiName,
} from './kernel-names';
export type { FusedPhiName } from './kernel-names';
export type { WasmBackendLike } from './wasm-heap';
export { defaultWasmKernelThreads, setWasmKernelThreads, wasmKernelThreads } from './row-threads';
export { registerWasmRowTopKKernel, unregisterWasmRowTopKKernel, wasmRowTopKKernelRegistered } from './row-top-k';
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
registerWasmAdamKernel();
registerWasmRowTopKKernel();
