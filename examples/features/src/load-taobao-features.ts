// Loads the committed Taobao UserBehavior head: page-view sequences (via @croloss/data) plus each item's category, densely numbered.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import { loadTaobaoUserBehavior, type SequenceDataset } from '@croloss/data';

/** The committed data file of this example (a gzip copy of the Tianchi UserBehavior head, see data/README.md). */
export const DATA_FILE = fileURLToPath(new URL('../data/UserBehavior_head.csv.gz', import.meta.url));

/** Sequences with side information: the dense category of every dense item id. */
export interface TaobaoFeatures {
  dataset: SequenceDataset;
  /** [numItems + 1]: itemCategory[item] = dense category id in 1..numCategories (0 for the padding item 0). */
  itemCategory: Int32Array;
  numCategories: number;
  /** Items seen with more than one category in the file (real Taobao data has a few); the first one is kept. */
  itemsWithSeveralCategories: number;
}

/**
 * Page views of the Tianchi UserBehavior file at `path` as a SequenceDataset (items remapped to 1..n by
 * loadTaobaoUserBehavior) and each item's category (the file's third field), categories remapped to 1..C in order
 * of first appearance. An item seen under several categories (a few in the real file) keeps its first row's category;
 * `itemsWithSeveralCategories` counts them.
 *
 * @example
 * ```ts
 * const { dataset, itemCategory, numCategories } = await loadTaobaoFeatures(DATA_FILE);
 * [dataset.numUsers, dataset.numItems, numCategories]; // [815, 52063, 2822] for the committed head
 * ```
 */
export async function loadTaobaoFeatures(path: string = DATA_FILE): Promise<TaobaoFeatures> {
  const dataset = await loadTaobaoUserBehavior(path);
  if (!dataset.itemIds) throw new Error('loadTaobaoFeatures: the loader did not remap item ids');
  const categoryOfSource = new Map<number, number>();
  const several = new Set<number>();
  const input = path.endsWith('.gz') ? createReadStream(path).pipe(createGunzip()) : createReadStream(path);
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    const fields = line.split(',');
    if (fields.length !== 5) continue; // the cut last line; the loader warned about it
    const item = Number(fields[1]);
    const category = Number(fields[2]);
    const known = categoryOfSource.get(item);
    if (known === undefined) categoryOfSource.set(item, category);
    else if (known !== category) several.add(item);
  }
  const dense = new Map<number, number>();
  const itemCategory = new Int32Array(dataset.numItems + 1);
  for (let item = 1; item <= dataset.numItems; item++) {
    const category = categoryOfSource.get(dataset.itemIds[item]);
    if (category === undefined) throw new Error(`loadTaobaoFeatures: item ${dataset.itemIds[item]} has no category row`);
    if (!dense.has(category)) dense.set(category, dense.size + 1);
    itemCategory[item] = dense.get(category)!;
  }
  return { dataset, itemCategory, numCategories: dense.size, itemsWithSeveralCategories: several.size };
}

/** Maps item ids (0 = padding) to their categories (0 for padding): the category feature of a history or a candidate. */
export function categoriesOf(items: Int32Array, itemCategory: Int32Array): Int32Array {
  return items.map((item) => itemCategory[item]);
}
