/** Loads Alibaba's Tianchi UserBehavior CSV, lines `user,item,category,behavior,timestamp`, keeping the chosen behaviours... */
import { argumentError } from '@croloss/internal';
import { loadInteractions, type LoaderOptions } from './load-lines';
import { integerProblem, MAX_ID, parseInteger } from './parse-integer';
import type { SequenceDataset } from './sequence-dataset';

const FN = 'loadTaobaoUserBehavior';

/** The four behaviour types of Tianchi UserBehavior: page view, purchase, add to cart, favourite. */
export const TAOBAO_BEHAVIORS = ['pv', 'buy', 'cart', 'fav'] as const;
export type TaobaoBehavior = (typeof TAOBAO_BEHAVIORS)[number];

export interface TaobaoLoaderOptions extends LoaderOptions {
  /** Behaviour types to keep (default `['pv']`, the clicks used by ComiRec and CROLoss). */
  behaviors?: readonly TaobaoBehavior[];
}

/**
 * Loads Alibaba's Tianchi UserBehavior CSV, lines `user,item,category,behavior,timestamp`, keeping
 * the chosen behaviours (default page views). Each user's items are sorted by timestamp (stable: ties
 * keep file order). Item ids are remapped densely to 1..n by default (`itemIds[d]` = original id;
 * `remap: false` keeps the original ids, then numItems is the largest one). Every user of a
 * well-formed row is a user of the data set, also when none of their rows has a kept behaviour (such
 * users have 0 items and are excluded by the protocol). A row without 5 fields (such as a line cut
 * mid-row), with a non-integer or non-positive user/item id, a negative category or timestamp or an
 * unknown behaviour is skipped with a warning naming the file and line (an Error with `strict: true`).
 *
 * @example
 * ```ts
 * const taobao = await loadTaobaoUserBehavior('./UserBehavior.csv');
 * [taobao.numUsers, taobao.items.length, taobao.warnings.length]; // [815, 75872, 1]
 * ```
 */
export async function loadTaobaoUserBehavior(path: string, options: TaobaoLoaderOptions = {}): Promise<SequenceDataset> {
  const behaviors = options?.behaviors ?? ['pv'];
  if (!Array.isArray(behaviors) || behaviors.length === 0 || !behaviors.every((b) => TAOBAO_BEHAVIORS.includes(b))) {
    throw argumentError(FN, 'options.behaviors', `a non-empty array of ${TAOBAO_BEHAVIORS.join('/')}`, behaviors);
  }
  const kept = new Set<string>(behaviors);
  const known = new Set<string>(TAOBAO_BEHAVIORS);
  return loadInteractions(FN, path, options, { withKeys: true, remapByDefault: true, lines: '"user,item,category,behavior,timestamp" rows', noItems: `rows whose behavior is not ${behaviors.join('/')}` }, (line, lineNumber, collector, issues) => {
    const fields = line.trim().split(',').map((field) => field.trim());
    if (fields.length !== 5) {
      return issues.malformed(lineNumber, `expected 5 comma-separated fields (user,item,category,behavior,timestamp), got ${fields.length}`, line);
    }
    const user = parseInteger(fields[0], 1, MAX_ID);
    if (user === null) return issues.malformed(lineNumber, integerProblem('user (field 1)', fields[0], 1, MAX_ID), line);
    const item = parseInteger(fields[1], 1, MAX_ID);
    if (item === null) return issues.malformed(lineNumber, integerProblem('item (field 2)', fields[1], 1, MAX_ID), line);
    if (parseInteger(fields[2], 0, MAX_ID) === null) {
      return issues.malformed(lineNumber, integerProblem('category (field 3)', fields[2], 0, MAX_ID), line);
    }
    if (!known.has(fields[3])) return issues.malformed(lineNumber, `behavior (field 4): expected one of pv/buy/cart/fav, got ${JSON.stringify(fields[3])}`, line);
    const timestamp = parseInteger(fields[4], 0, Number.MAX_SAFE_INTEGER);
    if (timestamp === null) return issues.malformed(lineNumber, integerProblem('timestamp (field 5)', fields[4], 0, Number.MAX_SAFE_INTEGER), line);
    const userIndex = collector.user(user);
    if (kept.has(fields[3])) collector.add(userIndex, item, timestamp);
  });
}
