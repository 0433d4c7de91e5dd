/** Loads a ComiRec interaction file (`book_train.txt`, `book_valid.txt`, `taobao_*.txt`). */
import { loadInteractions, type LoaderOptions } from './load-lines';
import { integerProblem, MAX_ID, PADDING_NOTE, parseInteger } from './parse-integer';
import type { SequenceDataset } from './sequence-dataset';

const FN = 'loadComiRecFile';

/**
 * Loads a ComiRec interaction file (`book_train.txt`, `book_valid.txt`, `taobao_*.txt`): lines
 * `user_id,item_id,order` where user ids start at 0, item ids at 1 (0 is ComiRec's padding, ids are
 * assigned by descending popularity, which is why they are kept by default) and `order` is the
 * interaction's position (or timestamp) in the user's sequence. Each user's items are sorted by
 * `order` (stable for ties). Pass `numItems: 367982` for the Books vocabulary when the file holds only
 * part of it. A line without 3 comma-separated integer fields, with a negative user or order or with
 * an item id <= 0 is skipped with a warning (an Error with `strict: true`).
 *
 * @example
 * ```ts
 * const head = await loadComiRecFile('./book_train.txt');
 * [head.numUsers, head.items.length]; // [1467, 20000]
 * ```
 */
export async function loadComiRecFile(path: string, options: LoaderOptions = {}): Promise<SequenceDataset> {
  return loadInteractions(FN, path, options, { withKeys: true, remapByDefault: false, lines: '"user_id,item_id,order" lines' }, (line, lineNumber, collector, issues) => {
    const fields = line.trim().split(',');
    if (fields.length !== 3) {
      return issues.malformed(lineNumber, `expected 3 comma-separated fields (user_id,item_id,order), got ${fields.length}`, line);
    }
    const [userToken, itemToken, orderToken] = fields.map((field) => field.trim());
    const user = parseInteger(userToken, 0, MAX_ID);
    if (user === null) return issues.malformed(lineNumber, integerProblem('user_id (field 1)', userToken, 0, MAX_ID), line);
    const item = parseInteger(itemToken, 1, MAX_ID);
    if (item === null) return issues.malformed(lineNumber, integerProblem('item_id (field 2)', itemToken, 1, MAX_ID, PADDING_NOTE), line);
    const order = parseInteger(orderToken, 0, Number.MAX_SAFE_INTEGER);
    if (order === null) return issues.malformed(lineNumber, integerProblem('order (field 3)', orderToken, 0, Number.MAX_SAFE_INTEGER), line);
    collector.add(collector.user(user), item, order);
  });
}
