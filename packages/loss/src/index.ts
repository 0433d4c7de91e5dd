/** `@croloss/loss`: CROLoss and CROLoss-lambda in their labels and scores forms, configured losses, presets, losses from a spec. */
export { croLoss, croLossFromScores } from './cro-loss';
export type { CroLossOptions, CroLossLabelOptions, CroLossScoresOptions } from './cro-loss';
export { lambdaCroLoss, lambdaCroLossFromScores } from './lambda-cro-loss';
export type { LambdaCroLossOptions, LambdaCroLossScoresOptions } from './lambda-cro-loss';
export type { LossOptions } from './options';
export { croLossFunction, lambdaCroLossFunction } from './loss-functions';
export { presets } from './presets';
export type { PresetOptions, PairwisePresetOptions } from './presets';
export { retrievalLoss } from './retrieval-loss';
export type { RetrievalLoss } from './retrieval-loss';
export type { Reduction } from './reduce';
export type { TensorInput } from './tensor-input';
export { LOSS_KEYS, lossFromSpec } from './loss-from-spec';
export type { LossKey, LossSpec } from './loss-from-spec';
export { logImportanceWeights } from './importance-weights';
export { croLossFromWeightedScores, weightedCroLoss } from './weighted-cro-loss';
export type { NegativeWeights, WeightedCroLossOptions, WeightedScoresLoss } from './weighted-cro-loss';
