/** Full-size loader checks on the whole real files of the development data folder (opt-in suite, `npm run test:data`). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  loadComiRecFile,
  loadComiRecItemCategories,
  loadInteractionFile,
  loadPaddleRecValidFile,
  loadSequenceFile,
  loadTaobaoUserBehavior,
  paddleRecEvaluationSet,
  userItems,
  type SequenceDataset,
} from './index';
import { sharedDataPath } from '@croloss/testing/fixtures';

const BEAUTY = sharedDataPath('amazon-beauty/Beauty.txt');
const VIDEO = sharedDataPath('amazon-video/Video.txt');
const BOOK_TRAIN = sharedDataPath('comirec-book-sample/book_train_head.txt');
const BOOK_CATE = sharedDataPath('comirec-book-sample/book_item_cate.txt');
const PADDLE_VALID = sharedDataPath('comirec-book-sample/paddlerec_valid_part-0.txt');
const TAOBAO = sharedDataPath('taobao-userbehavior-head/UserBehavior_head.csv');

/** Independent reading: the whole file in memory, split with plain string functions. */
function lines(path: string): string[] {
  return readFileSync(path, 'utf8').split('\n').filter((line) => line.length > 0);
}

function distinctItems(dataset: SequenceDataset): number {
  return new Set(dataset.items).size;
}

/** Every CSR invariant: offsets monotone from 0 to items.length, items in 1..numItems. */
function expectWellFormed(dataset: SequenceDataset): void {
  expect(dataset.offsets.length).toBe(dataset.numUsers + 1);
  expect(dataset.offsets[0]).toBe(0);
  expect(dataset.offsets[dataset.numUsers]).toBe(dataset.items.length);
  for (let u = 0; u < dataset.numUsers; u++) expect(dataset.offsets[u + 1] >= dataset.offsets[u]).toBe(true);
  expect(dataset.items.every((item) => item >= 1 && item <= dataset.numItems)).toBe(true);
  expect(dataset.userIds.length).toBe(dataset.numUsers);
}

describe('loaders on the whole files of the shared data folder (opt-in: npm run test:data; counts from its README)', () => {
  it('Amazon Beauty: 22,363 users, 12,101 items, 198,502 interactions, each line in order', async () => {
    const beauty = await loadSequenceFile(BEAUTY);
    expect([beauty.name, beauty.numUsers, beauty.numItems, beauty.items.length]).toEqual(['Beauty', 22363, 12101, 198502]);
    expect(distinctItems(beauty)).toBe(12101);
    expect(beauty.warnings).toEqual([]);
    expect(beauty.itemIds).toBeUndefined();
    expectWellFormed(beauty);
    const expected = lines(BEAUTY).map((line) => line.split(' ').map(Number));
    expect(Array.from(beauty.userIds as Int32Array)).toEqual(expected.map((fields) => fields[0]));
    expect(Array.from(beauty.offsets.subarray(1))).toEqual(expected.map((_, u) => beauty.offsets[u] + expected[u].length - 1));
    expect(Array.from(beauty.items)).toEqual(expected.flatMap((fields) => fields.slice(1)));
  });

  it('Amazon Video: 31,013 users, 23,715 items, 287,107 interactions grouped per user in file order', async () => {
    const video = await loadInteractionFile(VIDEO);
    expect([video.numUsers, video.numItems, video.items.length, distinctItems(video)]).toEqual([31013, 23715, 287107, 23715]);
    expect(video.warnings).toEqual([]);
    expectWellFormed(video);
    const byUser = new Map<number, number[]>();
    for (const line of lines(VIDEO)) {
      const [user, item] = line.split(' ').map(Number);
      if (!byUser.has(user)) byUser.set(user, []);
      byUser.get(user)!.push(item);
    }
    for (const u of [0, 1, 777, 31012]) expect(Array.from(userItems(video, u))).toEqual(byUser.get(video.userIds[u] as number));
  });

  it('ComiRec Books head: 20,000 rows, users 0..1466 (the last one cut), items sorted by order', async () => {
    const books = await loadComiRecFile(BOOK_TRAIN);
    const rows = lines(BOOK_TRAIN).map((line) => line.split(',').map(Number));
    expect([books.numUsers, books.items.length, distinctItems(books)]).toEqual([1467, 20000, new Set(rows.map((r) => r[1])).size]);
    expect(books.numItems).toBe(Math.max(...rows.map((r) => r[1])));
    expect(Array.from(books.userIds as Int32Array)).toEqual(Array.from({ length: 1467 }, (_, u) => u));
    expect(books.warnings).toEqual([]);
    expectWellFormed(books);
    const last = rows.filter((r) => r[0] === 1466).sort((a, b) => a[2] - b[2]).map((r) => r[1]);
    expect(Array.from(userItems(books, 1466))).toEqual(last);
    // With the Books vocabulary of the category file, ids stay ComiRec's popularity-ordered ids.
    const full = await loadComiRecFile(BOOK_TRAIN, { numItems: 367982 });
    expect(full.numItems).toBe(367982);
    expect(full.items).toEqual(books.items);
  });

  it('ComiRec item categories: 367,982 items, 1,600 categories, matching every line', async () => {
    const cate = await loadComiRecItemCategories(BOOK_CATE);
    expect([cate.numItems, cate.numCategories, cate.numAssigned, cate.categories.length]).toEqual([367982, 1600, 367982, 367983]);
    expect(cate.categories[0]).toBe(-1);
    expect(cate.warnings).toEqual([]);
    for (const line of lines(BOOK_CATE).slice(0, 2000)) {
      const [item, category] = line.split(',').map(Number);
      expect(cate.categories[item]).toBe(category);
    }
  });

  it('PaddleRec validation part: 499 users, 4,027 history and 1,764 eval items', async () => {
    const valid = await loadPaddleRecValidFile(PADDLE_VALID);
    expect(valid.dataset.numUsers).toBe(499);
    expect(valid.historyLengths.reduce((s, h) => s + h, 0)).toBe(4027);
    expect(valid.dataset.items.length).toBe(4027 + 1764);
    expect(valid.dataset.warnings).toEqual([]);
    expectWellFormed(valid.dataset);
    const queries = paddleRecEvaluationSet(valid, { maxHistory: 20 });
    expect(queries.targets.reduce((s, t) => s + t.length, 0)).toBe(1764);
    const first = lines(PADDLE_VALID)[0].split(' ');
    const hist = first.filter((f) => f.startsWith('hist_item:')).map((f) => Number(f.slice(10)));
    const evals = first.filter((f) => f.startsWith('eval_item:')).map((f) => Number(f.slice(10)));
    expect(valid.dataset.userIds[0]).toBe(Number(first[0].slice(8)));
    expect(Array.from(queries.histories.subarray(0, hist.length))).toEqual(hist);
    expect(Array.from(queries.targets[0])).toEqual(evals);
  });

  it('Taobao head: 84,475 complete rows, 815 users, exactly one warning for the cut last line', async () => {
    const all = await loadTaobaoUserBehavior(TAOBAO, { behaviors: ['pv', 'buy', 'cart', 'fav'] });
    expect([all.numUsers, all.items.length]).toEqual([815, 84475]);
    expect(all.warnings).toHaveLength(1);
    expect(all.warnings[0]).toContain('UserBehavior_head.csv line 84476');
    expect(all.warnings[0]).toContain('expected 5 comma-separated fields');
    expectWellFormed(all);

    const rows = lines(TAOBAO).map((line) => line.split(',')).filter((r) => r.length === 5);
    expect(rows).toHaveLength(84475);
    const pvRows = rows.filter((r) => r[3] === 'pv');
    const pv = await loadTaobaoUserBehavior(TAOBAO);
    expect([pv.numUsers, pv.items.length, pv.numItems]).toEqual([815, pvRows.length, new Set(pvRows.map((r) => r[1])).size]);
    expect(pv.warnings).toHaveLength(1);
    expectWellFormed(pv);
    // Dense ids map back to the original ones, and each user's items are ordered by timestamp.
    const itemIds = pv.itemIds!;
    expect(itemIds.length).toBe(pv.numItems + 1);
    for (const u of [0, 100, 814]) {
      const expected = pvRows
        .filter((r) => Number(r[0]) === pv.userIds[u])
        .map((r, i) => ({ item: Number(r[1]), time: Number(r[4]), i }))
        .sort((a, b) => a.time - b.time || a.i - b.i)
        .map((r) => r.item);
      expect(Array.from(userItems(pv, u), (d) => itemIds[d])).toEqual(expected);
    }
  });

  it('the shared data helper fails loudly (never skips) when a file is missing', () => {
    expect(() => sharedDataPath('amazon-beauty/absent.txt')).toThrow(/sharedDataPath: amazon-beauty\/absent\.txt is missing from the development data folder/);
  });

  it('Taobao strict mode turns the cut last line into an Error naming the line', async () => {
    await expect(loadTaobaoUserBehavior(TAOBAO, { strict: true })).rejects.toThrow(/UserBehavior_head\.csv line 84476/);
  });
});
