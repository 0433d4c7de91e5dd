/** Builds the ComiRec / CROLoss evaluation queries. */
import { argumentError } from '@croloss/internal';
import { checkDataset, checkUsers } from './check-dataset';
import { checkAlignment, checkMaxHistory, writeHistory, type HistoryAlignment } from './history-window';
import type { SequenceDataset } from './sequence-dataset';

export interface EvaluationSetOptions {
  /** Histories keep the last maxHistory items of the history part (default 20; the paper uses 20 Amazon, 50 Taobao). */
  maxHistory?: number;
  /** Share of each sequence used as history (default 0.8): historyLength = floor(historyFraction * n) clamped to 1..n-1. */
  historyFraction?: number;
  /** Padding side of short histories (default `left`: items first, zeros after). */
  align?: HistoryAlignment;
}

/** Evaluation queries: one padded history and a list of target items per evaluated user. */
export interface EvaluationSet {
  /** `[U, maxHistory]` row-major: the last (at most maxHistory) history items of each user, oldest first, 0-padded. */
  histories: Int32Array;
  /** `[U]` number of real items in each history row. */
  historyLengths: Int32Array;
  /** Per user, the held-out items in time order (duplicates kept, as in the sequence). */
  targets: Int32Array[];
  /** `[U]` dense index of each evaluated user (the users given, minus those with fewer than 2 items). */
  users: Int32Array;
  /** Users given but left out because they have fewer than 2 items. */
  skippedUsers: number;
  maxHistory: number;
}

const FN = 'evaluationSet';

/**
 * Builds the ComiRec / CROLoss evaluation queries: for a user with n >= 2 items, the first
 * h = min(n - 1, max(1, floor(historyFraction * n))) items are the history (truncated to the last
 * maxHistory of them) and the remaining n - h items are the targets. With the default 0.8 this is
 * ComiRec's `int(0.8 * n)` for every n >= 2 (n = 2, 3, 4, 5, 10 -> h = 1, 2, 3, 4, 8). Users with fewer
 * than 2 items are skipped and counted.
 *
 * @example
 * ```ts
 * const data = sequenceDatasetFromArrays('toy', [[1, 2, 3, 4, 5]]);
 * const evaluation = evaluationSet(data, [0], { maxHistory: 3 });
 * evaluation.histories; // [2, 3, 4] (the last 3 of the first 4 items)
 * evaluation.targets[0]; // [5]
 * ```
 */
export function evaluationSet(dataset: SequenceDataset, users: ArrayLike<number>, options: EvaluationSetOptions = {}): EvaluationSet {
  checkDataset(FN, dataset);
  if (options === null || typeof options !== 'object') throw argumentError(FN, 'options', 'an object', options);
  const fraction = options.historyFraction ?? 0.8;
  if (!(Number.isFinite(fraction) && fraction > 0 && fraction < 1)) throw argumentError(FN, 'options.historyFraction', 'a number in (0, 1)', fraction);
  const requested = checkUsers(FN, 'users', users, dataset.numUsers);
  const { offsets } = dataset;
  const kept = requested.filter((u) => offsets[u + 1] - offsets[u] >= 2);
  const splitPoints = kept.map((u) => historyLength(offsets[u + 1] - offsets[u], fraction));
  const evaluation = buildEvaluationSet(FN, dataset, kept, splitPoints, options);
  return { ...evaluation, skippedUsers: requested.length - kept.length };
}

/**
 * Number of history items for a sequence of n >= 2 items: min(n - 1, max(1, floor(fraction * n))).
 *
 * @example
 * ```ts
 * historyLength(10, 0.8); // 8
 * historyLength(2, 0.8); // 1
 * ```
 */
export function historyLength(n: number, fraction = 0.8): number {
  return Math.min(n - 1, Math.max(1, Math.floor(fraction * n)));
}

/**
 * Evaluation queries for given split points: user users[i] has history items 0..splitPoints[i]-1
 * (the last maxHistory kept) and targets splitPoints[i]..n-1. Shared by {@link evaluationSet} and the
 * PaddleRec validation loader.
 */
export function buildEvaluationSet(
  fn: string,
  dataset: SequenceDataset,
  users: Int32Array,
  splitPoints: Int32Array,
  options: Pick<EvaluationSetOptions, 'maxHistory' | 'align'>,
): Omit<EvaluationSet, 'skippedUsers'> {
  const maxHistory = checkMaxHistory(fn, options.maxHistory ?? 20);
  const align = checkAlignment(fn, options.align ?? 'left');
  const { offsets, items } = dataset;
  const histories = new Int32Array(users.length * maxHistory);
  const historyLengths = new Int32Array(users.length);
  const targets: Int32Array[] = new Array(users.length);
  for (let i = 0; i < users.length; i++) {
    const start = offsets[users[i]];
    const split = start + splitPoints[i];
    historyLengths[i] = writeHistory(histories, i, maxHistory, items, start, split, align);
    targets[i] = items.slice(split, offsets[users[i] + 1]);
  }
  return { histories, historyLengths, targets, users, maxHistory };
}
