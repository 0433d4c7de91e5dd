/** Uniform negatives over the item ids, and the log-uniform sampler built on the same options. */
import type { DistributionSampler } from './negative-sample';
import { createDistributionSampler } from './distribution-sampler';
import { checkOptions, checkInteger, MAX_ID } from './validate';

/** Options of {@link uniformSampler} and {@link logUniformSampler}. */
export interface ItemRangeOptions {
  /** Count of real items: ids are low, low + 1, ..., low + numItems - 1. */
  numItems: number;
  /** Seed of the random stream: any finite number. */
  seed: number;
  /** First real id. Default 1 (id 0 is padding), so ids are 1..numItems. */
  low?: number;
}

/** Resolves and checks numItems, seed (checked by the stream) and low. */
export function checkItemRange(fn: string, options: unknown): { numItems: number; low: number; high: number; seed: number } {
  const { numItems, seed, low = 1 } = checkOptions(fn, options, false, '{ numItems, seed, low? }');
  checkInteger(fn, 'low', low, 0);
  checkInteger(fn, 'numItems', numItems, 1, MAX_ID - (low as number) + 1);
  return { numItems: numItems as number, low: low as number, high: (low as number) + (numItems as number) - 1, seed: seed as number };
}

/**
 * Uniform negatives, as in the paper (section 4.1) and its reference code: every draw is independent
 * (with replacement) and uniform over the ids low..low + numItems - 1, so q(id) = 1 / numItems.
 * With M = n_rn * B shared negatives every positive meets n_rn * n_bs negatives (the paper uses n_rn = 10).
 *
 * @example
 * ```ts
 * const sampler = uniformSampler({ numItems: 1000, seed: 7 });       // ids 1..1000, 0 = padding
 * const { ids, probabilities, mask } = sampler.sample([3, 17], 20);  // M = 10 * B
 * probabilities[0]; // 0.001 (as float32)
 * mask.length;      // 2 * 20
 * ```
 */
export function uniformSampler(options: ItemRangeOptions): DistributionSampler {
  const fn = 'uniformSampler';
  const { numItems, low, high, seed } = checkItemRange(fn, options);
  const q = 1 / numItems;
  return createDistributionSampler({
    kind: 'uniform',
    fn,
    support: `ids ${low}..${high}`,
    low,
    high,
    seed,
    drawOne: (stream) => low + stream.nextInt(numItems),
    probability: () => q,
  });
}
