/** Log-uniform (Zipfian) negatives over ids in popularity order, TensorFlow's `log_uniform_candidate_sampler` formula. */
import type { DistributionSampler } from './negative-sample';
import { createDistributionSampler } from './distribution-sampler';
import { checkItemRange, type ItemRangeOptions } from './uniform-sampler';

/**
 * Log-uniform (Zipfian) negatives over ids in popularity order, TensorFlow's
 * `log_uniform_candidate_sampler` formula: with rank r = id - low in [0, numItems),
 *
 *   q(r) = (log(r + 2) - log(r + 1)) / log(numItems + 1)
 *
 * (sums to 1 by telescoping). A draw is r = floor(exp(u * log(numItems + 1))) - 1 with u uniform in
 * [0, 1), which lands on r exactly when u is in [log(r + 1), log(r + 2)) / log(numItems + 1). ComiRec
 * assigns ids in descending popularity, so this approximates popularity sampling without counts.
 *
 * @example
 * ```ts
 * const sampler = logUniformSampler({ numItems: 367982, seed: 1 });
 * sampler.probability(1); // log(2) / log(367983) ~ 0.0541
 * sampler.sample([5, 6], 20).ids; // small (popular) ids are the likeliest, the median rank is ~ sqrt(numItems)
 * ```
 */
export function logUniformSampler(options: ItemRangeOptions): DistributionSampler {
  const fn = 'logUniformSampler';
  const { numItems, low, high, seed } = checkItemRange(fn, options);
  const logRange = Math.log(numItems + 1);
  return createDistributionSampler({
    kind: 'log-uniform',
    fn,
    support: `ids ${low}..${high}`,
    low,
    high,
    seed,
    drawOne: (stream) => {
      const rank = Math.floor(Math.exp(stream.nextFloat() * logRange)) - 1;
      return low + Math.min(Math.max(rank, 0), numItems - 1); // guards exp rounding at the ends
    },
    probability: (id) => Math.log1p(1 / (id - low + 1)) / logRange,
  });
}
