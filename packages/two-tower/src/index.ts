/** The public entry of @croloss/two-tower. */
export { TwoTowerModel, l2NormalizeRows } from './model';
export type { TwoTowerConfig, ResolvedTwoTowerConfig } from './config';
export { trainTwoTower } from './train';
export type { BatchSource, NegativeSource, ScoresLoss, TrainOptions, TrainResult, TrainingBatch } from './train';
export { evaluateModel } from './evaluate';
export type { EvaluateModelOptions, EvaluationUsers } from './evaluate';
export { captureState, applyState } from './training-state';
export type { CheckpointableOptimizer, OptimizerSlot, SavedTensor, TrainingState } from './training-state';
export { FusedAdamOptimizer } from './fused-adam';
export { LazyAdamOptimizer, remapRowIds } from './lazy-adam';
export type { LazyAdamConfig, SparseStep } from './lazy-adam';
export { embeddingLookup } from './embedding-lookup';
export { denseMatMul } from './dense-mat-mul';
