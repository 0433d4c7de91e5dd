/** The shared helpers of the @croloss packages (private; bundled into each package by tsup, never published). */
export { argumentError, describeValue } from './argument-error';
export { castToFloat32 } from './cast-to-float32';
export { customOp } from './custom-op';
export { saveWithoutCopy } from './save-without-copy';
export type { CustomOpResult } from './custom-op';
export { mulberry32, mulberry32Advance, mulberry32Output } from './mulberry32';
export {
  checkFloat32Matrix,
  checkNumber,
  checkNumericTensor,
  checkTensorArgument,
  expectShape,
  isNumericDtype,
  isRectangularNumbers,
  rankError,
  shapeOf,
  toFloatTensor,
  toFloatTensorOfRank,
} from './tensor-input';
export type { RankHint, TensorInput } from './tensor-input';
export {
  ADAM_UPDATE_KERNEL,
  FUSED_PHI_NAMES,
  FUSED_ROW_SUMS_GRAD_KERNEL,
  FUSED_ROW_SUMS_KERNEL,
  FUSED_SCORE_ROW_SUMS_GRAD_KERNEL,
  FUSED_SCORE_ROW_SUMS_KERNEL,
  ROW_TOP_K_KERNEL,
  ROW_TOP_K_MAX_K,
} from './kernel-names';
export { fusedRowSumsArgs, fusedRowSumsGradArgs, kernelConfigsRegistered, registerKernelConfigs, unregisterKernelConfigs } from './fused-kernel-args';
export type { FusedPhi, FusedRowSumsArgs, FusedRowSumsGradArgs } from './fused-kernel-args';
export { FUSED_SCORE_PHI_NAMES, fusedScoreRowSumsArgs, fusedScoreRowSumsGradArgs } from './fused-score-kernel-args';
export type { FusedScorePhi, FusedScoreRowSumsArgs, FusedScoreRowSumsGradArgs } from './fused-score-kernel-args';
