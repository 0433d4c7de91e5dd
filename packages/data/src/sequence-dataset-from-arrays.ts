/** Builds a SequenceDataset from in-memory sequences (one array of item ids per user). */
import { argumentError } from '@croloss/internal';
import type { SequenceDataset } from './sequence-dataset';

/**
 * Builds a {@link SequenceDataset} from in-memory sequences (one array of item ids per user, oldest
 * first, ids >= 1), e.g. for tests and small examples. numItems defaults to the largest id; user u's
 * source id is u.
 *
 * @example
 * ```ts
 * const data = sequenceDatasetFromArrays('toy', [[1, 2, 3], [3, 4]]);
 * [data.numUsers, data.numItems, Array.from(data.offsets)]; // [2, 4, [0, 3, 5]]
 * ```
 */
export function sequenceDatasetFromArrays(
  name: string,
  sequences: ReadonlyArray<ArrayLike<number>>,
  options: { numItems?: number } = {},
): SequenceDataset {
  const fn = 'sequenceDatasetFromArrays';
  if (!Array.isArray(sequences)) throw argumentError(fn, 'sequences', 'an array of item-id arrays', sequences);
  const offsets = new Int32Array(sequences.length + 1);
  sequences.forEach((sequence, u) => (offsets[u + 1] = offsets[u] + sequence.length));
  const items = new Int32Array(offsets[sequences.length]);
  let maxId = 0;
  sequences.forEach((sequence, u) => {
    for (let i = 0; i < sequence.length; i++) {
      const item = sequence[i];
      if (!(Number.isInteger(item) && item >= 1 && item < 2 ** 31)) throw argumentError(fn, `sequences[${u}][${i}]`, 'an item id >= 1', item);
      items[offsets[u] + i] = item;
      maxId = Math.max(maxId, item);
    }
  });
  const numItems = options.numItems ?? maxId;
  if (!(Number.isInteger(numItems) && numItems >= maxId)) throw argumentError(fn, 'options.numItems', `an integer >= ${maxId}`, numItems);
  return {
    name,
    numUsers: sequences.length,
    numItems,
    offsets,
    items,
    userIds: Int32Array.from({ length: sequences.length }, (_, u) => u),
    warnings: [],
  };
}
