/** Loads a one-line-per-user sequence file, `user item item ...` separated by blanks, items oldest first, ids from 1 (the SASRec... */
import { loadInteractions, type LoaderOptions } from './load-lines';
import { integerProblem, MAX_ID, PADDING_NOTE, parseInteger } from './parse-integer';
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
  return loadInteractions(FN, path, options, { withKeys: false, remapByDefault: false, lines: '"user item item ..." lines', noItems: 'lines with only a user id' }, (line, lineNumber, collector, issues) => {
    const fields = line.trim().split(/\s+/);
    const user = parseInteger(fields[0], 1, MAX_ID);
    if (user === null) return issues.malformed(lineNumber, integerProblem('user id (field 1)', fields[0], 1, MAX_ID), line);
    const items = new Int32Array(fields.length - 1);
    for (let f = 1; f < fields.length; f++) {
      const item = parseInteger(fields[f], 1, MAX_ID);
      if (item === null) {
        return issues.malformed(lineNumber, integerProblem(`item id (field ${f + 1})`, fields[f], 1, MAX_ID, PADDING_NOTE), line);
      }
      items[f - 1] = item;
    }
    const userIndex = collector.user(user);
    for (let i = 0; i < items.length; i++) collector.add(userIndex, items[i]);
  });
}
