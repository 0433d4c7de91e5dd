/** Samples training examples as the paper and the authors' code do, with no epochs. */
import { argumentError } from '@croloss/internal';
import { checkDataset, checkUsers } from './check-dataset';
import { checkAlignment, checkMaxHistory, writeHistory, type HistoryAlignment } from './history-window';
import { SeededRandom } from './seeded-random';
import type { SequenceDataset } from './sequence-dataset';

export interface TrainingSamplerOptions {
  /** Seed of the sampler's PRNG (any integer). */
  seed: number;
  /** Histories keep the last maxHistory items before the target (paper: 20 for Amazon, 50 for Taobao; default 20). */
  maxHistory?: number;
  /**
   * Smallest 0-based target position k (default 1: at least one history item). The authors' code
   * uses 4. Users with no position k >= minPosition (fewer than minPosition + 1 items) are skipped.
   */
  minPosition?: number;
  /** Padding side of short histories (default `left`: items first, zeros after). */
  align?: HistoryAlignment;
}

/** One batch of B training samples. */
export interface TrainingBatch {
  /** `[B, maxHistory]` row-major: row b holds the (at most maxHistory) items before position k, oldest first, 0-padded. */
  histories: Int32Array;
  /** `[B]` number of real items in each history row (1..maxHistory when minPosition >= 1). */
  historyLengths: Int32Array;
  /** `[B]` target item of each sample: item k of the user. */
  targets: Int32Array;
  /** `[B]` dense user index of each sample. */
  users: Int32Array;
  /** `[B]` 0-based target position k of each sample in its user's sequence. */
  positions: Int32Array;
  batchSize: number;
  maxHistory: number;
}

/** Checkpoint of a sampler: its PRNG state. */
export interface TrainingSamplerState {
  random: number;
}

export interface TrainingSampler {
  /** Draws `batchSize` independent samples (with replacement); each call returns new arrays. */
  next(batchSize: number): TrainingBatch;
  getState(): TrainingSamplerState;
  setState(state: TrainingSamplerState): void;
  /** The users that samples are drawn from (those of `trainUsers` with a valid position), in the order given. */
  readonly users: Int32Array;
  /** Users of `trainUsers` left out because they have no position k >= minPosition. */
  readonly skippedUsers: number;
  readonly maxHistory: number;
}

const FN = 'trainingSampler';

/**
 * Samples training examples as the paper and the authors' code do, with no epochs: each sample picks
 * a user uniformly among the training users, then a target position k uniformly in
 * minPosition..n_u-1; the history is the items before k (the last maxHistory of them, oldest first)
 * and the target is item k. So no target or later item ever enters its own history. Deterministic
 * given the seed; `getState()` / `setState()` checkpoint the PRNG.
 *
 * @example
 * ```ts
 * const data = sequenceDatasetFromArrays('toy', [[1, 2, 3, 4], [5, 6]]);
 * const sampler = trainingSampler(data, [0, 1], { seed: 3, maxHistory: 2 });
 * const batch = sampler.next(4); // batch.histories has 4 * 2 entries
 * ```
 */
export function trainingSampler(dataset: SequenceDataset, trainUsers: ArrayLike<number>, options: TrainingSamplerOptions): TrainingSampler {
  checkDataset(FN, dataset);
  if (options === null || typeof options !== 'object') throw argumentError(FN, 'options', 'an object with a seed', options);
  const candidates = checkUsers(FN, 'trainUsers', trainUsers, dataset.numUsers);
  const maxHistory = checkMaxHistory(FN, options.maxHistory ?? 20);
  const align = checkAlignment(FN, options.align ?? 'left');
  const minPosition = options.minPosition ?? 1;
  if (!(Number.isInteger(minPosition) && minPosition >= 0)) throw argumentError(FN, 'options.minPosition', 'an integer >= 0', minPosition);
  const random = new SeededRandom(options.seed, FN, 'options.seed');

  const { offsets, items } = dataset;
  const users = candidates.filter((u) => offsets[u + 1] - offsets[u] > minPosition);
  if (users.length === 0) {
    throw argumentError(FN, 'trainUsers', `users with more than minPosition = ${minPosition} items`, `${candidates.length} users, none long enough`);
  }

  return {
    users,
    skippedUsers: candidates.length - users.length,
    maxHistory,
    next(batchSize: number): TrainingBatch {
      if (!(Number.isInteger(batchSize) && batchSize >= 1)) throw argumentError(`${FN}.next`, 'batchSize', 'an integer >= 1', batchSize);
      const histories = new Int32Array(batchSize * maxHistory);
      const historyLengths = new Int32Array(batchSize);
      const targets = new Int32Array(batchSize);
      const sampledUsers = new Int32Array(batchSize);
      const positions = new Int32Array(batchSize);
      for (let b = 0; b < batchSize; b++) {
        const user = users[random.nextInt(users.length)];
        const start = offsets[user];
        const length = offsets[user + 1] - start;
        const k = minPosition + random.nextInt(length - minPosition);
        historyLengths[b] = writeHistory(histories, b, maxHistory, items, start, start + k, align);
        targets[b] = items[start + k];
        sampledUsers[b] = user;
        positions[b] = k;
      }
      return { histories, historyLengths, targets, users: sampledUsers, positions, batchSize, maxHistory };
    },
    getState: () => ({ random: random.getState() }),
    setState(state: TrainingSamplerState) {
      if (state === null || typeof state !== 'object') throw argumentError(`${FN}.setState`, 'state', 'an object from getState()', state);
      random.setState(state.random, `${FN}.setState`);
    },
  };
}
