/** Popularity negatives by the alias method (O(1) per draw). */
import { argumentError } from '@croloss/internal';
import { buildAliasTable, drawFromAlias } from './alias-table';
import { createDistributionSampler } from './distribution-sampler';
import type { DistributionSampler } from './negative-sample';
import { checkInteger, checkOptions } from './validate';

/** Options of {@link popularitySampler}. */
export interface PopularityOptions {
  /** counts[id] >= 0, e.g. interaction counts of the training data; entries below `low` are ignored. */
  counts: ArrayLike<number>;
  /** Seed of the random stream: any finite number. */
  seed: number;
  /** Exponent applied to the counts: q(id) ∝ counts[id]^power. Default 1; 0.75 is word2vec's choice. */
  power?: number;
  /** First real id. Default 1 (id 0 is padding): ids low..counts.length - 1 can be drawn. */
  low?: number;
}

/**
 * Popularity negatives by the alias method (O(1) per draw):
 *
 *   q(id) = counts[id]^power / sum_{j >= low, counts[j] > 0} counts[j]^power
 *
 * exact in float64 (reported as float32). Ids with count 0 are never drawn (the table is built over the
 * ids with a positive count only). Positives may be any id in [low, counts.length).
 *
 * @example
 * ```ts
 * const sampler = popularitySampler({ counts: [0, 10, 0, 30], seed: 3 }); // id 0 = padding
 * sampler.probability(3); // 0.75
 * sampler.probability(2); // 0: never drawn
 * sampler.sample([1, 2], 8).ids; // ids from {1, 3}
 * ```
 */
export function popularitySampler(options: PopularityOptions): DistributionSampler {
  const fn = 'popularitySampler';
  const { counts, seed, power = 1, low = 1 } = checkOptions(fn, options, false, '{ counts, seed, power?, low? }');
  if (!(Array.isArray(counts) || ArrayBuffer.isView(counts))) throw argumentError(fn, 'counts', 'an array of counts indexed by item id', counts);
  const list = counts as ArrayLike<number>;
  if (typeof power !== 'number' || !Number.isFinite(power)) throw argumentError(fn, 'power', 'a finite number', power);
  checkInteger(fn, 'low', low, 0);
  if (list.length <= (low as number)) {
    throw argumentError(fn, 'counts', `an array longer than low = ${low as number} (counts[id] for ids low..)`, `length ${list.length}`);
  }
  for (let id = 0; id < list.length; id++) {
    const c = list[id];
    if (typeof c !== 'number' || !Number.isFinite(c) || c < 0) throw argumentError(fn, `counts[${id}]`, 'a finite number >= 0', c);
  }
  const support: number[] = [];
  for (let id = low as number; id < list.length; id++) if (list[id] > 0) support.push(id);
  if (support.length === 0) throw argumentError(fn, 'counts', `at least one count > 0 at ids >= ${low as number}`, 'all zero');
  const weights = Float64Array.from(support, (id) => list[id] ** (power as number));
  let total = 0;
  for (const w of weights) total += w;
  if (!Number.isFinite(total) || weights.some((w) => !(w > 0))) {
    throw argumentError(fn, 'power', 'a value for which every counts[id]^power > 0 and their sum is finite', power);
  }
  const table = buildAliasTable(weights);
  const columnOf = new Map<number, number>(support.map((id, column) => [id, column]));
  return createDistributionSampler({
    kind: 'popularity',
    fn,
    support: `ids ${low as number}..${list.length - 1}, power ${power as number}, counts hash ${hashCounts(list)}`,
    low: low as number,
    high: list.length - 1,
    seed: seed as number,
    drawOne: (stream) => support[drawFromAlias(table, stream)],
    probability: (id) => {
      const column = columnOf.get(id);
      return column === undefined ? 0 : weights[column] / total;
    },
  });
}

/** FNV-1a over the counts' float64 bits: ties a saved state to the counts it was drawn from. */
function hashCounts(counts: ArrayLike<number>): string {
  const view = new DataView(new ArrayBuffer(8));
  let h = 0x811c9dc5;
  for (let i = 0; i < counts.length; i++) {
    view.setFloat64(0, counts[i], true);
    for (let b = 0; b < 8; b++) h = Math.imul(h ^ view.getUint8(b), 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
