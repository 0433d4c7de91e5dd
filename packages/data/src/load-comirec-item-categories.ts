/** Loads a ComiRec item-category file, lines `item_id,cate_id` (item ids from 1, category ids >= 0), into an Int32Array indexed... */
import { basename } from 'node:path';
import { argumentError } from '@croloss/internal';
import { GrowableInt32Array } from './growable-array';
import { ParseIssues, type MalformedLineOptions } from './parse-issues';
import { noInteractionsError } from './load-lines';
import { integerProblem, MAX_ID, PADDING_NOTE, parseInteger } from './parse-integer';
import { readLineBatches } from './read-lines';

const FN = 'loadComiRecItemCategories';

/** Category of every item id, as read from a ComiRec `*_item_cate.txt` file. */
export interface ItemCategories {
  /** `categories[itemId]` = category id, -1 for ids without a line (and for the padding id 0). */
  categories: Int32Array;
  /** Largest item id (or `options.numItems`): `categories.length = numItems + 1`. */
  numItems: number;
  /** Number of distinct category ids. */
  numCategories: number;
  /** Number of item ids that have a category. */
  numAssigned: number;
  /** Malformed lines skipped (at most ~20 plus a count line). */
  warnings: string[];
}

export interface ItemCategoryOptions extends MalformedLineOptions {
  /** Size of the item vocabulary when larger than the largest id in the file. */
  numItems?: number;
}

/**
 * Loads a ComiRec item-category file, lines `item_id,cate_id` (item ids from 1, category ids >= 0),
 * into an Int32Array indexed by item id. A line without two integer fields, with an item id <= 0, a
 * negative category or an item already seen is skipped with a warning (Error with `strict: true`).
 *
 * @example
 * ```ts
 * const cate = await loadComiRecItemCategories('./book_item_cate.txt');
 * [cate.numItems, cate.numCategories]; // [367982, 1600]
 * cate.categories[1]; // category of item 1
 * ```
 */
export async function loadComiRecItemCategories(path: string, options: ItemCategoryOptions = {}): Promise<ItemCategories> {
  if (options === null || typeof options !== 'object') throw argumentError(FN, 'options', 'an object', options);
  const { numItems: wantedItems } = options;
  if (wantedItems !== undefined && !(Number.isInteger(wantedItems) && wantedItems >= 1 && wantedItems <= MAX_ID)) {
    throw argumentError(FN, 'options.numItems', 'an integer >= 1', wantedItems);
  }
  const issues = new ParseIssues(FN, path, options);
  const items = new GrowableInt32Array();
  const cates = new GrowableInt32Array();
  const lineNumbers = new GrowableInt32Array();
  const counts = { lines: 0, blank: 0 };
  const handleLine = (line: string, lineNumber: number): void => {
    const fields = line.trim().split(',');
    if (fields.length !== 2) {
      issues.malformed(lineNumber, `expected 2 comma-separated fields (item_id,cate_id), got ${fields.length}`, line);
      return;
    }
    const [itemToken, cateToken] = fields.map((field) => field.trim());
    const item = parseInteger(itemToken, 1, MAX_ID);
    const cate = parseInteger(cateToken, 0, MAX_ID);
    if (item === null) issues.malformed(lineNumber, integerProblem('item_id (field 1)', itemToken, 1, MAX_ID, PADDING_NOTE), line);
    else if (cate === null) issues.malformed(lineNumber, integerProblem('cate_id (field 2)', cateToken, 0, MAX_ID), line);
    else {
      items.push(item);
      cates.push(cate);
      lineNumbers.push(lineNumber);
    }
  };
  for await (const lines of readLineBatches(path, FN)) {
    for (const line of lines) {
      counts.lines += 1;
      if (line.trim().length === 0) counts.blank += 1;
      else handleLine(line, counts.lines);
    }
  }
  if (items.length === 0) throw noInteractionsError(FN, path, { lines: '"item_id,cate_id" lines' }, counts, issues);
  let maxItem = 0;
  for (let i = 0; i < items.length; i++) maxItem = Math.max(maxItem, items.get(i));
  const numItems = wantedItems ?? maxItem;
  if (numItems < maxItem) {
    throw argumentError(FN, 'options.numItems', `>= the largest item id in ${basename(path)} (${maxItem})`, numItems);
  }
  const categories = new Int32Array(numItems + 1).fill(-1);
  const distinct = new Set<number>();
  let numAssigned = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items.get(i);
    if (categories[item] !== -1) {
      issues.malformed(lineNumbers.get(i), `item_id ${item} already has category ${categories[item]}`, `${item},${cates.get(i)}`);
      continue;
    }
    categories[item] = cates.get(i);
    distinct.add(cates.get(i));
    numAssigned += 1;
  }
  return { categories, numItems, numCategories: distinct.size, numAssigned, warnings: issues.finish() };
}
