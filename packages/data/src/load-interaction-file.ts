/** Loads a one-interaction-per-line file, `user item` separated by blanks, ids from 1, in time order for each user (the SASRec... */
import { loadInteractions, type LoaderOptions } from './load-lines';
import { INTERACTION_FORMAT, interactionLine } from './interaction-line';
import type { SequenceDataset } from './sequence-dataset';

const FN = 'loadInteractionFile';

/**
 * Loads a one-interaction-per-line file, `user item` separated by blanks, ids from 1, in time order
 * for each user (the SASRec format of Amazon Video Games, Beauty, Steam, ML-1M). Lines of different
 * users may be interleaved: each user's items keep their file order. Users get dense indices in order
 * of first appearance (`userIds` keeps the file's ids); item ids are kept unless `remap: true`. A line
 * without exactly two fields, or with a non-integer or non-positive id, is skipped with a warning (an
 * Error with `strict: true`); blank lines are ignored; repeated interactions are kept.
 *
 * @example
 * ```ts
 * const video = await loadInteractionFile('./Video.txt');
 * [video.numUsers, video.numItems, video.items.length]; // [31013, 23715, 287107]
 * ```
 */
export async function loadInteractionFile(path: string, options: LoaderOptions = {}): Promise<SequenceDataset> {
  return loadInteractions(FN, path, options, INTERACTION_FORMAT, interactionLine);
}
