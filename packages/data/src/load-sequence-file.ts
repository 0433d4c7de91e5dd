/** Loads a one-line-per-user sequence file, `user item item ...` separated by blanks, items oldest first, ids from 1 (the SASRec... */
import { loadInteractions, type LoaderOptions } from './load-lines';
import { SEQUENCE_FORMAT, sequenceLine } from './sequence-line';
import type { SequenceDataset } from './sequence-dataset';

const FN = 'loadSequenceFile';

/**
 * Loads a one-line-per-user sequence file, `user item item ...` separated by blanks, items oldest
 * first, ids from 1 (the SASRec / ICLRec format of Amazon Beauty, Sports, Toys, Yelp). Streams the
 * file (`.gz` is gunzipped on the fly). Users get dense indices 0..U-1 in order of first appearance
 * (`userIds` keeps the file's ids); a user on several lines gets the lines concatenated in file
 * order; a line with only a user id is a user with no items. Item ids are kept unless
 * `remap: true`. A line with a non-integer or non-positive id is skipped with a warning (an Error
 * with `strict: true`); blank lines are ignored; duplicate items are kept as they are.
 *
 * @example
 * ```ts
 * const beauty = await loadSequenceFile('./Beauty.txt');
 * beauty.numUsers; // 22363
 * beauty.numItems; // 12101
 * beauty.items.length; // 198502
 * ```
 */
export async function loadSequenceFile(path: string, options: LoaderOptions = {}): Promise<SequenceDataset> {
  return loadInteractions(FN, path, options, SEQUENCE_FORMAT, sequenceLine);
}
