/** The public entry of @croloss/sampling. */
export { uniformSampler } from './uniform-sampler';
export type { ItemRangeOptions } from './uniform-sampler';
export { logUniformSampler } from './log-uniform-sampler';
export { popularitySampler } from './popularity-sampler';
export type { PopularityOptions } from './popularity-sampler';
export { inBatchSampler } from './in-batch-sampler';
export type { InBatchOptions, InBatchSampler } from './in-batch-sampler';
export { accidentalHitMask } from './negative-sample';
export type { DistributionSampler, NegativeSample, NegativeSampler, SamplerKind, SamplerState } from './negative-sample';
export { createRandomStream } from './random-stream';
export type { RandomState, RandomStream } from './random-stream';
