/** A negative sample shared by a batch and its accidental-hit mask; the NegativeSampler interface. */
import { argumentError } from '@croloss/internal';
import type { RandomState } from './random-stream';

/**
 * M negatives shared by a batch of B positives (sampled CROLoss, paper section 4.1: each positive
 * meets every shared negative).
 */
export interface NegativeSample {
  /** [M] sampled item ids. */
  ids: Int32Array;
  /**
   * [M] q(id): the probability that ONE draw yields that id, for the log-q correction
   * s - log(M q) of sampled softmax-style losses. For the in-batch sampler: the id's in-batch frequency.
   */
  probabilities: Float32Array;
  /** [B*M] row-major: mask[b*M + j] = 0 when ids[j] equals row b's positive (an accidental hit), else 1. */
  mask: Float32Array;
  /** M. */
  numNegatives: number;
  /** B. */
  batchSize: number;
}

/** Which sampler produced a state. */
export type SamplerKind = 'uniform' | 'log-uniform' | 'popularity' | 'in-batch';

/**
 * JSON-serialisable position of a sampler's stream. `support` describes the distribution the sampler
 * was built with; `setState` refuses a state from a sampler of another kind or support.
 */
export interface SamplerState {
  kind: SamplerKind;
  support: string;
  /** The random stream's four 32-bit words ([] for the in-batch sampler, which draws nothing). */
  rng: RandomState | [];
}

/** A seeded negative sampler whose stream can be saved and resumed. */
export interface NegativeSampler {
  readonly kind: SamplerKind;
  /**
   * Draws the negatives shared by the batch whose positives are given (length B) and marks the
   * accidental hits. Advances the stream by the draws of `numNegatives` ids only (the positives do not
   * influence which ids are drawn).
   */
  sample(positives: ArrayLike<number>, numNegatives: number): NegativeSample;
  /** A copy of the current stream position. */
  getState(): SamplerState;
  /** Resumes from a state returned by getState of a sampler with the same kind and support. */
  setState(state: SamplerState): void;
}

/** A sampler that draws independently (with replacement) from a fixed distribution q over item ids. */
export interface DistributionSampler extends NegativeSampler {
  /** Smallest and largest id that may be drawn or passed as a positive. */
  readonly low: number;
  readonly high: number;
  /** q(id), the probability that one draw yields `id` (0 for ids outside the support). */
  probability(id: number): number;
  /** `count` independent draws, no batch or mask. Advances the stream like sample(_, count). */
  draw(count: number): Int32Array;
}

/**
 * Accidental-hit mask: mask[b*M + j] = ids[j] === positives[b] ? 0 : 1 (row-major [B, M]).
 * O(B + M) per distinct positive with a hash map of where each id was drawn, not O(B*M) comparisons.
 * Both arguments must be arrays (or typed arrays) of integers; either may be empty (an empty mask results).
 *
 * @example
 * ```ts
 * accidentalHitMask(Int32Array.from([4, 9, 4]), [4, 7]); // Float32Array [0, 1, 0,  1, 1, 1]
 * ```
 */
export function accidentalHitMask(ids: ArrayLike<number>, positives: ArrayLike<number>): Float32Array {
  checkIdArray('accidentalHitMask', 'ids', ids);
  checkIdArray('accidentalHitMask', 'positives', positives);
  const numNegatives = ids.length;
  const mask = new Float32Array(positives.length * numNegatives).fill(1);
  const columnsOf = new Map<number, number[]>();
  for (let j = 0; j < numNegatives; j++) {
    const columns = columnsOf.get(ids[j]);
    if (columns) columns.push(j);
    else columnsOf.set(ids[j], [j]);
  }
  for (let b = 0; b < positives.length; b++) {
    const columns = columnsOf.get(positives[b]);
    if (columns) for (const j of columns) mask[b * numNegatives + j] = 0;
  }
  return mask;
}

/** Throws unless `list` is an array or typed array of integers (NaN would match NaN in the mask's Map). */
function checkIdArray(fn: string, argument: string, list: unknown): void {
  if (!(Array.isArray(list) || (ArrayBuffer.isView(list) && !(list instanceof DataView)))) {
    throw argumentError(fn, argument, 'an array of integer item ids', list);
  }
  const values = list as ArrayLike<unknown>;
  for (let i = 0; i < values.length; i++) {
    const id = values[i];
    if (typeof id !== 'number' || !Number.isInteger(id)) throw argumentError(fn, `${argument}[${i}]`, 'an integer item id', id);
  }
}
