/** In-batch negatives. */
import { argumentError } from '@croloss/internal';
import { checkStateHeader } from './distribution-sampler';
import type { NegativeSample, NegativeSampler, SamplerState } from './negative-sample';
import { checkInteger, checkOptions, checkPositives, MAX_ID } from './validate';

/** Options of {@link inBatchSampler}: an optional id range to validate positives against. */
export interface InBatchOptions {
  /** Count of real items: when given, positives must lie in low..low + numItems - 1. */
  numItems?: number;
  /** First real id. Default 1. */
  low?: number;
}

/** The in-batch sampler: `numNegatives` may be left out (it is always B). */
export interface InBatchSampler extends NegativeSampler {
  sample(positives: ArrayLike<number>, numNegatives?: number): NegativeSample;
}

/**
 * In-batch negatives: the batch's own positives are the negatives (M = B, no randomness). Row b's
 * mask is 0 on the diagonal and on every column whose id equals row b's positive (a duplicate of the
 * positive in the batch is an accidental hit, not a negative).
 *
 * probabilities: a per-draw q is not defined here (the negatives are not drawn from a fixed
 * distribution). They are set to the id's in-batch frequency count_in_batch(id) / B, the empirical
 * estimate of how likely the id is to appear as a positive, which is what the usual in-batch log-q
 * correction subtracts (up to a constant). Treat it as an estimate, not an exact q.
 *
 * @example
 * ```ts
 * const { ids, mask, probabilities } = inBatchSampler().sample([4, 7, 4], 3);
 * ids;           // Int32Array [4, 7, 4]
 * mask;          // Float32Array [0, 1, 0,  1, 0, 1,  0, 1, 0]
 * probabilities; // Float32Array [2/3, 1/3, 2/3]
 * ```
 */
export function inBatchSampler(options?: InBatchOptions): InBatchSampler {
  const fn = 'inBatchSampler';
  const { numItems, low = 1 } = checkOptions(fn, options, true, '{ numItems?, low? }');
  checkInteger(fn, 'low', low, 0);
  if (numItems !== undefined) checkInteger(fn, 'numItems', numItems, 1, MAX_ID - (low as number) + 1);
  const high = numItems === undefined ? undefined : (low as number) + (numItems as number) - 1;
  const support = high === undefined ? `ids >= ${low as number}` : `ids ${low as number}..${high}`;
  return {
    kind: 'in-batch',
    sample(positives, numNegatives): NegativeSample {
      checkPositives(`${fn}.sample`, positives, low as number, high);
      const batchSize = positives.length;
      if (numNegatives !== undefined && numNegatives !== batchSize) {
        throw argumentError(`${fn}.sample`, 'numNegatives', `the batch size ${batchSize} (in-batch negatives are the positives) or undefined`, numNegatives);
      }
      const ids = Int32Array.from(positives);
      const frequency = new Map<number, number>();
      for (const id of ids) frequency.set(id, (frequency.get(id) ?? 0) + 1);
      const probabilities = Float32Array.from(ids, (id) => frequency.get(id)! / batchSize);
      const mask = new Float32Array(batchSize * batchSize);
      for (let b = 0; b < batchSize; b++) {
        for (let j = 0; j < batchSize; j++) mask[b * batchSize + j] = ids[j] === ids[b] ? 0 : 1;
      }
      return { ids, probabilities, mask, numNegatives: batchSize, batchSize };
    },
    getState: (): SamplerState => ({ kind: 'in-batch', support, rng: [] }),
    setState(state) {
      checkStateHeader(`${fn}.setState`, state, 'in-batch', support);
    },
  };
}
