/** Splits users into train / validation / test by a seeded shuffle (Fisher-Yates with mulberry32). */
import { argumentError } from '@croloss/internal';
import { checkDataset } from './check-dataset';
import { SeededRandom } from './seeded-random';
import type { SequenceDataset } from './sequence-dataset';

export interface SplitUsersOptions {
  /** Seed of the shuffle (any integer); the same seed gives the same split. */
  seed: number;
  /** Train / validation / test fractions, each >= 0, summing to 1 (default [0.8, 0.1, 0.1], the paper's 8:1:1). */
  fractions?: readonly [number, number, number];
  /** With a data set: users with fewer items are left out of every split (default 2). */
  minItems?: number;
}

export interface UserSplit {
  /** Dense user indices of each split, ascending; the three are disjoint. */
  train: Int32Array;
  valid: Int32Array;
  test: Int32Array;
  /** Users left out because they have fewer than `minItems` items. */
  dropped: number;
}

const FN = 'splitUsers';

/**
 * Splits users into train / validation / test by a seeded shuffle (Fisher-Yates with mulberry32):
 * of E eligible users, valid gets floor(f1 * E), test floor(f2 * E) and train the rest, i.e. the first
 * ones of the shuffled order go to train. Given a data set, only users with at least `minItems` (2)
 * items are eligible (one item can make neither a training sample nor a history + target); given a
 * number, all users 0..n-1 are. Each split is returned sorted ascending.
 *
 * @example
 * ```ts
 * const split = splitUsers(10, { seed: 1 });
 * [split.train.length, split.valid.length, split.test.length]; // [8, 1, 1]
 * ```
 */
export function splitUsers(dataset: SequenceDataset | number, options: SplitUsersOptions): UserSplit {
  if (options === null || typeof options !== 'object') throw argumentError(FN, 'options', 'an object with a seed', options);
  const fractions = options.fractions ?? [0.8, 0.1, 0.1];
  const ok = Array.isArray(fractions) && fractions.length === 3 && fractions.every((f) => Number.isFinite(f) && f >= 0);
  if (!ok || Math.abs(fractions[0] + fractions[1] + fractions[2] - 1) > 1e-9) {
    throw argumentError(FN, 'options.fractions', '3 numbers >= 0 summing to 1', fractions);
  }
  const minItems = options.minItems ?? 2;
  if (!(Number.isInteger(minItems) && minItems >= 0)) throw argumentError(FN, 'options.minItems', 'an integer >= 0', minItems);
  const random = new SeededRandom(options.seed, FN, 'options.seed');

  const eligible = eligibleUsers(dataset, minItems);
  const numUsers = typeof dataset === 'number' ? dataset : dataset.numUsers;
  random.shuffle(eligible);
  const numValid = Math.floor(fractions[1] * eligible.length);
  const numTest = Math.floor(fractions[2] * eligible.length);
  const numTrain = eligible.length - numValid - numTest;
  return {
    train: eligible.slice(0, numTrain).sort(),
    valid: eligible.slice(numTrain, numTrain + numValid).sort(),
    test: eligible.slice(numTrain + numValid).sort(),
    dropped: numUsers - eligible.length,
  };
}

function eligibleUsers(dataset: SequenceDataset | number, minItems: number): Int32Array {
  if (typeof dataset === 'number') {
    if (!(Number.isInteger(dataset) && dataset >= 0 && dataset < 2 ** 31)) throw argumentError(FN, 'numUsers', 'an integer >= 0', dataset);
    return Int32Array.from({ length: dataset }, (_, u) => u);
  }
  checkDataset(FN, dataset);
  const kept: number[] = [];
  for (let u = 0; u < dataset.numUsers; u++) {
    if (dataset.offsets[u + 1] - dataset.offsets[u] >= minItems) kept.push(u);
  }
  return Int32Array.from(kept);
}
