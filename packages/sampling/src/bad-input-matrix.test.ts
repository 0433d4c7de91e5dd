/**
 * Bad-input matrix of @croloss/sampling (pure JavaScript: no tensors, so "leaks" do not apply).
 * ✓ = tested here, ✓(bad) = tested in bad-inputs.test.ts, ✓(rs) = random-stream.test.ts, ✓(smp) = samplers.test.ts,
 * n.a. = the category does not apply.
 *
 * | function                    | wrong rank (nested positives) | mismatched sizes      | NaN / Inf numbers            | negative / bad parameter | zero negatives        | empty batch         | every negative a hit   | int / float arrays |
 * |-----------------------------|-------------------------------|-----------------------|------------------------------|--------------------------|-----------------------|---------------------|------------------------|--------------------|
 * | uniformSampler (+ sample)   | ✓ throws                      | n.a.                  | ✓ numItems NaN/Inf; ✓(bad) seed | ✓(bad) numItems, low  | ✓(bad) numNegatives 0 | ✓(bad) positives [] | ✓ mask row all 0       | ✓ same result      |
 * | logUniformSampler           | ✓ throws                      | n.a.                  | ✓ numItems NaN; ✓(bad) seed  | ✓(bad)                   | ✓ throws              | ✓ throws            | n.a.                   | ✓ same result      |
 * | popularitySampler           | ✓ throws                      | ✓ counts shorter/low  | ✓(bad) counts NaN/Inf, power NaN | ✓ power < 0 = result; ✓(bad) counts < 0 | ✓ throws | ✓ throws    | ✓ mask row all 0       | ✓ Int32Array counts |
 * | inBatchSampler              | ✓ throws                      | ✓(bad) numNegatives≠B | ✓ positive NaN               | ✓(bad)                   | n.a. (M = B)          | ✓ throws            | ✓ all duplicates       | ✓ same result      |
 * | DistributionSampler.draw    | n.a.                          | n.a.                  | ✓ count NaN                  | ✓(bad) count 0           | ✓(bad) count 0        | n.a.                | n.a.                   | n.a.               |
 * | DistributionSampler.probability | n.a.                      | n.a.                  | ✓ NaN / Inf → 0              | ✓ outside → 0            | n.a.                  | n.a.                | n.a.                   | ✓ 2.5 → 0          |
 * | setState (all samplers)     | n.a.                          | ✓(smp) other support  | ✓ rng NaN                    | ✓(smp) kind, null        | n.a.                  | n.a.                | n.a.                   | n.a.               |
 * | accidentalHitMask           | ✓ throws                      | ✓ any sizes           | ✓ NaN id throws              | ✓ non-array throws       | ✓ [] → empty          | ✓ [] → empty        | ✓                      | ✓ same result      |
 * | createRandomStream          | n.a.                          | n.a.                  | ✓(rs) seed; ✓ nextInt NaN    | ✓ nextInt(0), 2.5, 2^33  | n.a.                  | n.a.                | n.a.                   | n.a.               |
 */
import { describe, expect, it } from 'vitest';
import { accidentalHitMask, createRandomStream, inBatchSampler, logUniformSampler, popularitySampler, uniformSampler } from './index';

type Case = [string, () => unknown, string];

const throwCases: Case[] = [
  // wrong rank: nested positives
  ['uniform.sample: nested positives', () => uniformSampler({ numItems: 10, seed: 1 }).sample([[1, 2]] as never, 3), "uniformSampler.sample: argument 'positives[0]' must be an integer item id in [1, 10], got [1, 2]"],
  ['logUniform.sample: nested positives', () => logUniformSampler({ numItems: 10, seed: 1 }).sample([[1]] as never, 3), "logUniformSampler.sample: argument 'positives[0]' must be an integer item id in [1, 10], got [1]"],
  ['popularity.sample: nested positives', () => popularitySampler({ counts: [0, 1, 2], seed: 1 }).sample([[1]] as never, 3), "popularitySampler.sample: argument 'positives[0]' must be an integer item id in [1, 2], got [1]"],
  ['inBatch.sample: nested positives', () => inBatchSampler().sample([[1]] as never), "inBatchSampler.sample: argument 'positives[0]' must be an integer item id in [1, 2147483647], got [1]"],
  ['accidentalHitMask: nested ids', () => accidentalHitMask([[1]] as never, [1]), "accidentalHitMask: argument 'ids[0]' must be an integer item id, got [1]"],
  // NaN / Infinity numbers
  ['uniform: numItems NaN', () => uniformSampler({ numItems: NaN, seed: 1 }), "uniformSampler: argument 'numItems' must be an integer in [1, 2147483647], got NaN"],
  ['uniform: numItems Infinity', () => uniformSampler({ numItems: Infinity, seed: 1 }), "uniformSampler: argument 'numItems' must be an integer in [1, 2147483647], got Infinity"],
  ['logUniform: numItems NaN', () => logUniformSampler({ numItems: NaN, seed: 1 }), "logUniformSampler: argument 'numItems' must be an integer in [1, 2147483647], got NaN"],
  ['uniform.sample: numNegatives NaN', () => uniformSampler({ numItems: 10, seed: 1 }).sample([1], NaN), "uniformSampler.sample: argument 'numNegatives' must be an integer in [1, 2147483647], got NaN"],
  ['uniform.sample: a NaN positive', () => uniformSampler({ numItems: 10, seed: 1 }).sample([1, NaN], 3), "uniformSampler.sample: argument 'positives[1]' must be an integer item id in [1, 10], got NaN"],
  ['inBatch.sample: a NaN positive', () => inBatchSampler().sample([NaN]), "inBatchSampler.sample: argument 'positives[0]' must be an integer item id in [1, 2147483647], got NaN"],
  ['popularity.draw: count NaN', () => popularitySampler({ counts: [0, 1], seed: 1 }).draw(NaN), "popularitySampler.draw: argument 'count' must be an integer in [1, 2147483647], got NaN"],
  ['popularity: power Infinity', () => popularitySampler({ counts: [0, 1], seed: 1, power: Infinity }), "popularitySampler: argument 'power' must be a finite number, got Infinity"],
  ['uniform.setState: a NaN rng word', () => uniformSampler({ numItems: 10, seed: 1 }).setState({ kind: 'uniform', support: 'ids 1..10', rng: [1, NaN, 3, 4] } as never), "uniformSampler.setState: argument 'state.rng' must be four integers in [0, 2^32), not all zero, got [1, NaN, 3, 4]"],
  ['accidentalHitMask: a NaN id', () => accidentalHitMask([1, NaN], [1]), "accidentalHitMask: argument 'ids[1]' must be an integer item id, got NaN"],
  ['accidentalHitMask: a fractional positive', () => accidentalHitMask([1], [1.5]), "accidentalHitMask: argument 'positives[0]' must be an integer item id, got 1.5"],
  ['accidentalHitMask: ids not an array', () => accidentalHitMask(5 as never, [1]), "accidentalHitMask: argument 'ids' must be an array of integer item ids, got 5"],
  ['accidentalHitMask: positives undefined', () => accidentalHitMask([1], undefined as never), "accidentalHitMask: argument 'positives' must be an array of integer item ids, got undefined"],
  ['nextInt(0)', () => createRandomStream(1).nextInt(0), "createRandomStream.nextInt: argument 'n' must be an integer in [1, 2^32], got 0"],
  ['nextInt(NaN)', () => createRandomStream(1).nextInt(NaN), "createRandomStream.nextInt: argument 'n' must be an integer in [1, 2^32], got NaN"],
  ['nextInt(2.5)', () => createRandomStream(1).nextInt(2.5), "createRandomStream.nextInt: argument 'n' must be an integer in [1, 2^32], got 2.5"],
  ['nextInt(2^33)', () => createRandomStream(1).nextInt(2 ** 33), "createRandomStream.nextInt: argument 'n' must be an integer in [1, 2^32], got 8589934592"],
  // zero negatives / empty batch for the samplers not covered in bad-inputs.test.ts
  ['logUniform.sample: numNegatives 0', () => logUniformSampler({ numItems: 10, seed: 1 }).sample([1], 0), "logUniformSampler.sample: argument 'numNegatives' must be an integer in [1, 2147483647], got 0"],
  ['popularity.sample: empty positives', () => popularitySampler({ counts: [0, 1], seed: 1 }).sample([], 3), "popularitySampler.sample: argument 'positives' must be a non-empty array of item ids (one per batch row), got []"],
  ['inBatch.sample: empty positives', () => inBatchSampler().sample([]), "inBatchSampler.sample: argument 'positives' must be a non-empty array of item ids (one per batch row), got []"],
  ['popularity: counts shorter than low + 1', () => popularitySampler({ counts: [0, 1, 2], seed: 1, low: 3 }), "popularitySampler: argument 'counts' must be an array longer than low = 3 (counts[id] for ids low..), got \"length 3\""],
];

describe('sampling: bad-input matrix — clear errors', () => {
  it.each(throwCases)('%s', (_, call, message) => {
    expect(call).toThrow(message);
  });
});

describe('sampling: bad-input matrix — documented results', () => {
  it('int and float arrays: Int32Array, Float64Array and number[] positives give the same sample', () => {
    const draw = (positives: ArrayLike<number>) => uniformSampler({ numItems: 20, seed: 5 }).sample(positives, 12);
    const plain = draw([3, 7, 3]);
    for (const other of [Int32Array.from([3, 7, 3]), Float64Array.from([3, 7, 3]), Float32Array.from([3, 7, 3])]) {
      expect(draw(other)).toEqual(plain);
    }
    expect(inBatchSampler().sample(Int32Array.from([4, 9])).mask).toEqual(inBatchSampler().sample([4, 9]).mask);
  });

  it('int and float counts: Int32Array counts give the same popularity sampler (q, draws and state) as number[]', () => {
    const fromInts = popularitySampler({ counts: Int32Array.from([0, 3, 0, 9]), seed: 2 });
    const fromFloats = popularitySampler({ counts: [0, 3, 0, 9], seed: 2 });
    expect([1, 2, 3].map(fromInts.probability)).toEqual([0.25, 0, 0.75]);
    expect(fromInts.draw(50)).toEqual(fromFloats.draw(50));
    expect(fromInts.getState()).toEqual(fromFloats.getState());
  });

  it('a row with every negative an accidental hit gets an all-zero mask row (the loss then has R = 1, not NaN)', () => {
    const single = uniformSampler({ numItems: 1, seed: 3 }).sample([1, 1], 4); // every draw is id 1
    expect(Array.from(single.ids)).toEqual([1, 1, 1, 1]);
    expect(Array.from(single.mask)).toEqual(new Array(8).fill(0));
    const onlyOne = popularitySampler({ counts: [0, 0, 5], seed: 3 }).sample([2, 1], 3); // only id 2 has a count
    expect(Array.from(onlyOne.mask)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(Array.from(inBatchSampler().sample([6, 6, 6]).mask)).toEqual(new Array(9).fill(0));
  });

  it('accidentalHitMask: empty ids or positives give an empty mask; any sizes are fine', () => {
    expect(accidentalHitMask([], [1, 2]).length).toBe(0);
    expect(accidentalHitMask([1, 2], []).length).toBe(0);
    expect(Array.from(accidentalHitMask(Int32Array.from([2, 5, 2]), Float64Array.from([2])))).toEqual([0, 1, 0]);
  });

  it('probability(): NaN, Infinity, fractional or out-of-range ids have q = 0 (a query, not an error)', () => {
    for (const sampler of [uniformSampler({ numItems: 10, seed: 1 }), logUniformSampler({ numItems: 10, seed: 1 }), popularitySampler({ counts: [0, 1, 2], seed: 1 })]) {
      for (const id of [NaN, Infinity, -Infinity, 2.5, 0, 11, -1]) expect(sampler.probability(id), `${sampler.kind} ${id}`).toBe(0);
    }
  });

  it('a negative power is allowed: q ∝ counts^power favours rare items', () => {
    const inverse = popularitySampler({ counts: [0, 1, 3], seed: 1, power: -1 });
    expect(inverse.probability(1)).toBeCloseTo(0.75, 12);
    expect(inverse.probability(2)).toBeCloseTo(0.25, 12);
  });

  it('nextInt accepts its whole documented range [1, 2^32]', () => {
    const stream = createRandomStream(4);
    expect(stream.nextInt(1)).toBe(0);
    const big = stream.nextInt(2 ** 32);
    expect(Number.isInteger(big) && big >= 0 && big < 2 ** 32).toBe(true);
  });
});
