/**
 * Users' interaction sequences in CSR form: user `u` (0-based dense index) interacted with
 * `items[offsets[u]] ... items[offsets[u + 1] - 1]`, oldest first. Item ids run 1..numItems and 0 is
 * reserved for padding. Memory is one Int32Array entry per interaction plus one per user.
 */
export interface SequenceDataset {
  /** Short name, e.g. `amazon-beauty` or the file's base name. */
  name: string;
  /** Number of users; dense user indices are 0..numUsers-1. */
  numUsers: number;
  /** Item ids are 1..numItems (0 = padding), so an embedding table needs numItems + 1 rows. */
  numItems: number;
  /** CSR offsets, length numUsers + 1, offsets[0] = 0, offsets[numUsers] = items.length. */
  offsets: Int32Array;
  /** All interactions, each user's items contiguous and in time order. */
  items: Int32Array;
  /** Source id of each dense user index (the id as written in the file). */
  userIds: Int32Array | string[];
  /** Source id of each dense item id (index 0 unused, = 0) when the loader remapped item ids. */
  itemIds?: Int32Array;
  /** Malformed lines skipped while loading and other remarks (at most ~20 plus a count line). */
  warnings: string[];
}

/**
 * The items of user `user` in time order, as a view into `dataset.items` (no copy).
 *
 * @example
 * ```ts
 * const data = sequenceDatasetFromArrays('toy', [[1, 2, 3], [2]]);
 * userItems(data, 0); // Int32Array [1, 2, 3]
 * ```
 */
export function userItems(dataset: SequenceDataset, user: number): Int32Array {
  return dataset.items.subarray(dataset.offsets[user], dataset.offsets[user + 1]);
}

/**
 * Number of interactions of user `user`: offsets[user + 1] - offsets[user].
 *
 * @example
 * ```ts
 * userLength(sequenceDatasetFromArrays('toy', [[1, 2, 3], [2]]), 1); // 1
 * ```
 */
export function userLength(dataset: SequenceDataset, user: number): number {
  return dataset.offsets[user + 1] - dataset.offsets[user];
}
