/**
 * `@croloss/loss/blocks`: the building blocks under the loss entries, for kernel authors and benchmarks: gaps, rank
 * statistics, the eq. 24 factor, the per-row losses from gaps, the reductions, stop-gradient. Each checks its own
 * arguments (the loss entries call unchecked forms after validating once). Less stable than the main entry.
 */
export { croLossFromGaps } from './cro-loss';
export { lambdaCroLossFromGaps } from './lambda-cro-loss';
export { gapsFromLabels, gapsFromScores } from './gaps';
export type { Gaps } from './gaps';
export type { RankScaleOptions } from './options';
export { keepMask, logRankStatistic, rankStatistic } from './rank-statistic';
export { weightedLogRankStatistic, weightedRankStatistic } from './weighted-rank-statistic';
export { rankScale } from './rank-scale';
export { logOnePlusSumExp } from './log-one-plus-sum-exp';
export { reduceLoss, resolveReduction } from './reduce';
export { stopGradient } from './stop-gradient';
