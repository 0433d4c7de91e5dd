import { loadInteractions, type LoaderOptions } from './load-lines';
import { MAX_ID, parseInteger } from './parse-integer';
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
 * const head = await loadComiRecFile('../shared/data/comirec-book-sample/book_train_head.txt');
 * [head.numUsers, head.items.length]; // [1467, 20000]
 * ```
 */
export async function loadComiRecFile(path: string, options: LoaderOptions = {}): Promise<SequenceDataset> {
  return loadInteractions(FN, path, options, { withKeys: true, remapByDefault: false }, (line, lineNumber, collector, issues) => {
    const fields = line.trim().split(',');
    if (fields.length !== 3) {
      return issues.malformed(lineNumber, `expected 3 comma-separated fields (user_id,item_id,order), got ${fields.length}`, line);
    }
    const user = parseInteger(fields[0].trim(), 0, MAX_ID);
    if (user === null) return issues.malformed(lineNumber, `user_id ${JSON.stringify(fields[0])} is not an integer >= 0`, line);
    const item = parseInteger(fields[1].trim(), 1, MAX_ID);
    if (item === null) return issues.malformed(lineNumber, `item_id ${JSON.stringify(fields[1])} is not an integer >= 1`, line);
    const order = parseInteger(fields[2].trim(), 0, Number.MAX_SAFE_INTEGER);
    if (order === null) return issues.malformed(lineNumber, `order ${JSON.stringify(fields[2])} is not an integer >= 0`, line);
    collector.add(collector.user(user), item, order);
  });
}
