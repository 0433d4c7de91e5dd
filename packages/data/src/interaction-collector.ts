import { argumentError } from './argument-error';
import { GrowableFloat64Array, GrowableInt32Array } from './growable-array';
import type { SequenceDataset } from './sequence-dataset';

/** How dense item ids are assigned when a loader remaps them. */
export type RemapOrder = 'first-seen' | 'popularity';

/** Options of the CSR build that every loader exposes. */
export interface DatasetBuildOptions {
  /** Data-set name (default: the file's base name without extensions). */
  name?: string;
  /**
   * Remap item ids densely to 1..n. `false` keeps the ids of the file (they must be >= 1; numItems is
   * then the largest id seen). Loaders whose formats are already dense from 1 default to false.
   */
  remap?: boolean;
  /**
   * Order of the dense ids when remapping: `first-seen` (default) in order of first appearance in the
   * file, `popularity` by descending interaction count (ties: first appearance), like ComiRec's ids.
   */
  remapOrder?: RemapOrder;
  /**
   * Without remapping: the size of the item vocabulary when it is larger than the largest id seen
   * (e.g. 367,982 for ComiRec Books when loading only part of the file). Must be >= the largest id.
   */
  numItems?: number;
}

/**
 * Gathers (user, item, sort key) triples while a file streams by, then builds a
 * {@link SequenceDataset}: users get dense indices in order of first appearance, each user's
 * interactions keep file order (interleaved users are grouped) or are stably sorted by their key
 * (position or timestamp) when keys were given.
 */
export class InteractionCollector {
  private readonly userIndexBySourceId = new Map<number, number>();
  private readonly sourceUserIds = new GrowableInt32Array();
  private readonly users = new GrowableInt32Array();
  private readonly items = new GrowableInt32Array();
  private readonly keys: GrowableFloat64Array | null;

  constructor(withKeys: boolean) {
    this.keys = withKeys ? new GrowableFloat64Array() : null;
  }

  /** Dense index of source user id `sourceId`, registering the user (even with no items) if new. */
  user(sourceId: number): number {
    let index = this.userIndexBySourceId.get(sourceId);
    if (index === undefined) {
      index = this.sourceUserIds.length;
      this.userIndexBySourceId.set(sourceId, index);
      this.sourceUserIds.push(sourceId);
    }
    return index;
  }

  /** Appends one interaction; `key` orders it among the user's items when the collector has keys. */
  add(user: number, item: number, key = 0): void {
    this.users.push(user);
    this.items.push(item);
    this.keys?.push(key);
  }

  get numUsers(): number {
    return this.sourceUserIds.length;
  }

  /** Whether source user id `sourceId` was registered already. */
  hasUser(sourceId: number): boolean {
    return this.userIndexBySourceId.has(sourceId);
  }

  get numInteractions(): number {
    return this.items.length;
  }

  build(fn: string, name: string, warnings: string[], options: DatasetBuildOptions): SequenceDataset {
    const numUsers = this.sourceUserIds.length;
    const users = this.users.toArray();
    const rawItems = this.items.toArray();
    const offsets = new Int32Array(numUsers + 1);
    for (let i = 0; i < users.length; i++) offsets[users[i] + 1]++;
    for (let u = 0; u < numUsers; u++) offsets[u + 1] += offsets[u];

    // Stable scatter: `order[p]` = index in file order of the interaction stored at CSR position p.
    const cursor = offsets.slice(0, numUsers);
    const order = new Int32Array(users.length);
    for (let i = 0; i < users.length; i++) order[cursor[users[i]]++] = i;
    if (this.keys) sortSegmentsByKey(order, offsets, this.keys.toArray());

    const { items, numItems, itemIds } = assignItemIds(fn, rawItems, order, options);
    return {
      name,
      numUsers,
      numItems,
      offsets,
      items,
      userIds: this.sourceUserIds.toArray(),
      ...(itemIds ? { itemIds } : {}),
      warnings,
    };
  }
}

/** Sorts each user's segment of `order` by (key, file position): a stable sort by key. */
function sortSegmentsByKey(order: Int32Array, offsets: Int32Array, keys: Float64Array): void {
  for (let u = 0; u + 1 < offsets.length; u++) {
    const start = offsets[u];
    const end = offsets[u + 1];
    let sorted = true;
    for (let p = start + 1; p < end && sorted; p++) sorted = keys[order[p - 1]] <= keys[order[p]];
    if (sorted) continue;
    order.subarray(start, end).sort((a, b) => keys[a] - keys[b] || a - b);
  }
}

function assignItemIds(
  fn: string,
  rawItems: Int32Array,
  order: Int32Array,
  options: DatasetBuildOptions,
): { items: Int32Array; numItems: number; itemIds?: Int32Array } {
  const items = new Int32Array(order.length);
  if (!options.remap) {
    let maxId = 0;
    for (let p = 0; p < order.length; p++) {
      items[p] = rawItems[order[p]];
      if (items[p] > maxId) maxId = items[p];
    }
    const numItems = options.numItems ?? maxId;
    if (numItems < maxId) {
      throw argumentError(fn, 'options.numItems', `>= the largest item id in the file (${maxId})`, numItems);
    }
    return { items, numItems };
  }

  // Dense ids in order of first appearance in the file.
  const denseBySource = new Map<number, number>();
  const firstSeen: number[] = [0];
  for (let i = 0; i < rawItems.length; i++) {
    if (!denseBySource.has(rawItems[i])) {
      denseBySource.set(rawItems[i], firstSeen.length);
      firstSeen.push(rawItems[i]);
    }
  }
  const numItems = firstSeen.length - 1;
  let itemIds = Int32Array.from(firstSeen);
  if ((options.remapOrder ?? 'first-seen') === 'popularity') {
    const counts = new Float64Array(numItems + 1);
    for (let i = 0; i < rawItems.length; i++) counts[denseBySource.get(rawItems[i])!]++;
    const byPopularity = new Int32Array(numItems);
    for (let d = 0; d < numItems; d++) byPopularity[d] = d + 1;
    byPopularity.sort((a, b) => counts[b] - counts[a] || a - b);
    itemIds = new Int32Array(numItems + 1);
    for (let rank = 0; rank < numItems; rank++) {
      const source = firstSeen[byPopularity[rank]];
      itemIds[rank + 1] = source;
      denseBySource.set(source, rank + 1);
    }
  }
  for (let p = 0; p < order.length; p++) items[p] = denseBySource.get(rawItems[order[p]])!;
  return { items, numItems, itemIds };
}
