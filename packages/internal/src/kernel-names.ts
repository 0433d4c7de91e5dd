/** The one source of the custom tfjs kernel names and attributes shared by loss, metrics and webgpu-kernels (and wasm kernels). */

/**
 * The fused rank-statistic forward kernel (row sums of one or two comparison kernels). Registered by
 * @croloss/webgpu-kernels (documented there as FUSED_ROW_SUMS_KERNEL), called by name by @croloss/loss.
 */
export const FUSED_ROW_SUMS_KERNEL = 'CrolossFusedRowSums';

/** The fused rank-statistic backward kernel (element-wise gradient of one slot). */
export const FUSED_ROW_SUMS_GRAD_KERNEL = 'CrolossFusedRowSumsGrad';

/**
 * The fused rank-statistic forward kernel of the scores form: the gaps tau (s_neg - s_pos) computed in the same pass,
 * and optionally the derivative of one slot for the backward (registered by @croloss/wasm-kernels).
 */
export const FUSED_SCORE_ROW_SUMS_KERNEL = 'CrolossFusedScoreRowSums';

/** The backward of the scores form: the saved derivative scaled by the upstream gradient, per row. */
export const FUSED_SCORE_ROW_SUMS_GRAD_KERNEL = 'CrolossFusedScoreRowSumsGrad';

/** The fused row-wise top-k kernel, called by name by @croloss/metrics. */
export const ROW_TOP_K_KERNEL = 'CrolossRowTopK';

/** The fused dense Adam update (one pass per variable), registered by @croloss/wasm-kernels, called by name by @croloss/two-tower's FusedAdamOptimizer. */
export const ADAM_UPDATE_KERNEL = 'CrolossAdamUpdate';

/** The largest k the row top-k kernel accepts. */
export const ROW_TOP_K_MAX_K = 1024 as const;

/** The comparison kernels the fused rank-statistic programs compute, by the `name` of the @croloss/kernels built-ins. */
export const FUSED_PHI_NAMES = ['unit-step', 'sigmoid', 'softplus', 'exponential', 'hinge', 'log-exponential'] as const;
