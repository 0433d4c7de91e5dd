/** The machinery every distribution-based negative sampler shares (draws, masks, state). */
import { argumentError } from '@croloss/internal';
import { accidentalHitMask, type DistributionSampler, type SamplerKind, type SamplerState } from './negative-sample';
import { checkRandomState, createRandomStream, type RandomStream } from './random-stream';
import { checkInteger, checkPositives } from './validate';

/** What a concrete distribution sampler supplies to {@link createDistributionSampler}. */
export interface DistributionDefinition {
  kind: SamplerKind;
  /** Function name used in error messages, e.g. `uniformSampler`. */
  fn: string;
  /** Describes the distribution; part of the saved state. */
  support: string;
  low: number;
  high: number;
  seed: number;
  /** One id drawn from q using the stream. */
  drawOne(stream: RandomStream): number;
  /** q(id) for an integer id in [low, high]. */
  probability(id: number): number;
}

/** Shared machinery: seeding, state, validation, the mask and the q lookup of every drawn id. */
export function createDistributionSampler(definition: DistributionDefinition): DistributionSampler {
  const { kind, fn, support, low, high, drawOne, probability } = definition;
  const stream = createRandomStream(definition.seed, fn);
  const draw = (count: number): Int32Array => {
    checkInteger(`${fn}.draw`, 'count', count, 1);
    const ids = new Int32Array(count);
    for (let j = 0; j < count; j++) ids[j] = drawOne(stream);
    return ids;
  };
  const probabilityOf = (id: number): number => (Number.isInteger(id) && id >= low && id <= high ? probability(id) : 0);
  return {
    kind,
    low,
    high,
    probability: probabilityOf,
    draw,
    sample(positives, numNegatives) {
      checkPositives(`${fn}.sample`, positives, low, high);
      checkInteger(`${fn}.sample`, 'numNegatives', numNegatives, 1);
      const ids = new Int32Array(numNegatives);
      for (let j = 0; j < numNegatives; j++) ids[j] = drawOne(stream);
      const probabilities = new Float32Array(numNegatives);
      for (let j = 0; j < numNegatives; j++) probabilities[j] = probability(ids[j]);
      return { ids, probabilities, mask: accidentalHitMask(ids, positives), numNegatives, batchSize: positives.length };
    },
    getState: (): SamplerState => ({ kind, support, rng: stream.getState() }),
    setState(state) {
      checkStateHeader(`${fn}.setState`, state, kind, support);
      checkRandomState(`${fn}.setState`, state.rng);
      stream.setState(state.rng);
    },
  };
}

/** Throws unless `state` is an object of this sampler's kind and support. */
export function checkStateHeader(fn: string, state: unknown, kind: SamplerKind, support: string): asserts state is SamplerState {
  if (state === null || typeof state !== 'object') throw argumentError(fn, 'state', 'an object from getState()', state);
  const { kind: stateKind, support: stateSupport } = state as SamplerState;
  if (stateKind !== kind) throw argumentError(fn, 'state.kind', JSON.stringify(kind), stateKind);
  if (stateSupport !== support) {
    throw argumentError(fn, 'state.support', `${JSON.stringify(support)} (a state of a sampler built the same way)`, stateSupport);
  }
}
