/** Gathers (user, item, sort key) triples while a file streams by, then builds a SequenceDataset. */
import { argumentError } from '@croloss/internal';
import { GrowableFloat64Array, GrowableInt32Array } from './growable-array';
import { IntIdMap } from './int-id-map';
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
  private readonly userIndexBySourceId = new IntIdMap();
  private readonly sourceUserIds = new GrowableInt32Array();
  private readonly users = new GrowableInt32Array();
  private readonly items = new GrowableInt32Array();
  private readonly keys: GrowableFloat64Array | null;

  constructor(withKeys: boolean) {
    this.keys = withKeys ? new GrowableFloat64Array() : null;
  }

  private lastSourceId = -1;
  private lastIndex = -1;

  /**
   * Dense index of source user id `sourceId` (an integer in 0..2^31-1), registering the user (even
   * with no items) if new. Consecutive lines of one user skip the lookup.
   */
  user(sourceId: number): number {
    if (sourceId === this.lastSourceId) return this.lastIndex;
    let index = this.userIndexBySourceId.indexOf(sourceId);
    if (index < 0) {
      index = this.userIndexBySourceId.add(sourceId);
      this.sourceUserIds.push(sourceId);
    }
    this.lastSourceId = sourceId;
    this.lastIndex = index;
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
    return this.userIndexBySourceId.indexOf(sourceId) >= 0;
  }

  get numInteractions(): number {
    return this.items.length;
  }

  /**
   * The CSR data set. Memory while building: the collected columns (4 bytes per interaction for users
   * and items, 8 for keys) plus the result (4 bytes per interaction) and, with keys, one Int32Array
   * permutation: nothing per line is kept as a JS object.
   */
  build(fn: string, name: string, warnings: string[], options: DatasetBuildOptions): SequenceDataset {
    const numUsers = this.sourceUserIds.length;
    const count = this.items.length;
    const users = this.users;
    const rawItems = this.items;
    const offsets = new Int32Array(numUsers + 1);
    for (let i = 0; i < count; i++) offsets[users.get(i) + 1]++;
    for (let u = 0; u < numUsers; u++) offsets[u + 1] += offsets[u];

    // Dense ids are decided in file order (first appearance), before the items are grouped by user.
    const remapping = options.remap ? itemRemapping(rawItems, options.remapOrder ?? 'first-seen') : null;

    // Stable scatter into each user's segment: file order within a user, then sorted by key if any.
    const cursor = offsets.slice(0, numUsers);
    const items = new Int32Array(count);
    if (this.keys) {
      const order = new Int32Array(count); // order[p] = file index of the interaction at CSR position p
      for (let i = 0; i < count; i++) order[cursor[users.get(i)]++] = i;
      sortSegmentsByKey(order, offsets, this.keys);
      for (let p = 0; p < count; p++) items[p] = rawItems.get(order[p]);
    } else {
      for (let i = 0; i < count; i++) items[cursor[users.get(i)]++] = rawItems.get(i);
    }

    let numItems: number;
    let itemIds: Int32Array | undefined;
    if (remapping) {
      const { denseOf } = remapping;
      for (let p = 0; p < count; p++) items[p] = denseOf(items[p]);
      numItems = remapping.itemIds.length - 1;
      itemIds = remapping.itemIds;
    } else {
      let maxId = 0;
      for (let p = 0; p < count; p++) if (items[p] > maxId) maxId = items[p];
      numItems = options.numItems ?? maxId;
      if (numItems < maxId) {
        throw argumentError(fn, 'options.numItems', `>= the largest item id in the file (${maxId})`, numItems);
      }
    }
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
function sortSegmentsByKey(order: Int32Array, offsets: Int32Array, keys: GrowableFloat64Array): void {
  for (let u = 0; u + 1 < offsets.length; u++) {
    const start = offsets[u];
    const end = offsets[u + 1];
    let sorted = true;
    for (let p = start + 1; p < end && sorted; p++) sorted = keys.get(order[p - 1]) <= keys.get(order[p]);
    if (sorted) continue;
    order.subarray(start, end).sort((a, b) => keys.get(a) - keys.get(b) || a - b);
  }
}

/**
 * Dense item ids 1..n for the source ids of `rawItems` (in file order): by first appearance, or by
 * descending count (ties: first appearance). `itemIds[d]` is the source id of dense id d (0 unused);
 * `denseOf(source)` is the dense id of a source id present in the file.
 */
function itemRemapping(rawItems: GrowableInt32Array, remapOrder: RemapOrder): { denseOf: (source: number) => number; itemIds: Int32Array } {
  const firstSeenIndex = new IntIdMap(); // source id -> first-seen rank - 1
  const firstSeen = new GrowableInt32Array();
  firstSeen.push(0);
  for (let i = 0; i < rawItems.length; i++) {
    const source = rawItems.get(i);
    if (firstSeenIndex.indexOf(source) < 0) {
      firstSeenIndex.add(source);
      firstSeen.push(source);
    }
  }
  const numItems = firstSeen.length - 1;
  if (remapOrder === 'first-seen') return { denseOf: (source) => firstSeenIndex.indexOf(source) + 1, itemIds: firstSeen.toArray() };

  const counts = new Float64Array(numItems + 1);
  for (let i = 0; i < rawItems.length; i++) counts[firstSeenIndex.indexOf(rawItems.get(i)) + 1]++;
  const byPopularity = new Int32Array(numItems);
  for (let d = 0; d < numItems; d++) byPopularity[d] = d + 1;
  byPopularity.sort((a, b) => counts[b] - counts[a] || a - b);
  const itemIds = new Int32Array(numItems + 1);
  const rankOfFirstSeen = new Int32Array(numItems + 1);
  for (let rank = 0; rank < numItems; rank++) {
    itemIds[rank + 1] = firstSeen.get(byPopularity[rank]);
    rankOfFirstSeen[byPopularity[rank]] = rank + 1;
  }
  return { denseOf: (source) => rankOfFirstSeen[firstSeenIndex.indexOf(source) + 1], itemIds };
}
