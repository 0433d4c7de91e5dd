/** Loader checks on real data committed in the repository: test-fixtures/ (heads of the real files) and the embedded Beauty data. */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { embeddedBeautyText, fixturePath } from '@croloss/testing/fixtures';
import {
  loadComiRecFile,
  loadComiRecItemCategories,
  loadDefaultDataset,
  loadInteractionFile,
  loadPaddleRecValidFile,
  loadTaobaoUserBehavior,
  paddleRecEvaluationSet,
  userItems,
  type SequenceDataset,
} from './index';

const VIDEO = fixturePath('amazon-video/Video_head.txt');
const BOOK_TRAIN = fixturePath('comirec-book-sample/book_train_head.txt');
const BOOK_CATE = fixturePath('comirec-book-sample/book_item_cate_subset.txt');
const PADDLE_VALID = fixturePath('comirec-book-sample/paddlerec_valid_part-0.txt');
const TAOBAO = fixturePath('taobao-userbehavior-head/UserBehavior_head_400k.csv');

/** Independent reading: the whole file in memory, split with plain string functions. */
function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.length > 0);
}
const fileLines = (path: string) => lines(readFileSync(path, 'utf8'));
const md5 = (path: string) => createHash('md5').update(readFileSync(path)).digest('hex');

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

describe('the committed fixtures are the files test-fixtures/README.md describes (md5)', () => {
  it.each([
    ['amazon-video/Video_head.txt', 'c967bb2939e7a050a48016fe53da3b4a'],
    ['comirec-book-sample/book_item_cate_subset.txt', '11775a2fdaab2d4693ed3a0b7d8fab6a'],
    ['comirec-book-sample/book_train_head.txt', '77d6dd45d4bc7f664794b918ef088186'],
    ['comirec-book-sample/paddlerec_valid_part-0.txt', '4dcf36e443e6c1616a3e0e8445d20d89'],
    ['taobao-userbehavior-head/UserBehavior_head_400k.csv', '1075012843a63bc41218fff9f3e4d7d2'],
  ])('%s', (relative, expected) => {
    expect(md5(fixturePath(relative))).toBe(expected);
  });
});

describe('loaders on real data in the repository (counts from test-fixtures/README.md)', () => {
  it('embedded Amazon Beauty: 22,363 users, 12,101 items, 198,502 interactions, each line in order', async () => {
    const beauty = await loadDefaultDataset();
    expect([beauty.name, beauty.numUsers, beauty.numItems, beauty.items.length]).toEqual(['amazon-beauty', 22363, 12101, 198502]);
    expect(distinctItems(beauty)).toBe(12101);
    expect(beauty.warnings).toEqual([]);
    expect(beauty.itemIds).toBeUndefined();
    expectWellFormed(beauty);
    const expected = lines(embeddedBeautyText()).map((line) => line.split(' ').map(Number));
    expect(Array.from(beauty.userIds as Int32Array)).toEqual(expected.map((fields) => fields[0]));
    expect(Array.from(beauty.offsets.subarray(1))).toEqual(expected.map((_, u) => beauty.offsets[u] + expected[u].length - 1));
    expect(Array.from(beauty.items)).toEqual(expected.flatMap((fields) => fields.slice(1)));
  });

  it('Amazon Video head: 2,000 users, 37,421 interactions grouped per user in file order, ids kept (max 23,705)', async () => {
    const video = await loadInteractionFile(VIDEO);
    const rows = fileLines(VIDEO).map((line) => line.split(' ').map(Number));
    expect([video.numUsers, video.items.length, distinctItems(video)]).toEqual([2000, 37421, 11007]);
    expect(video.numItems).toBe(Math.max(...rows.map((r) => r[1])));
    expect(video.numItems).toBe(23705);
    expect(video.warnings).toEqual([]);
    expectWellFormed(video);
    const byUser = new Map<number, number[]>();
    for (const [user, item] of rows) {
      if (!byUser.has(user)) byUser.set(user, []);
      byUser.get(user)!.push(item);
    }
    expect(byUser.size).toBe(2000);
    for (const u of [0, 1, 777, 1999]) expect(Array.from(userItems(video, u))).toEqual(byUser.get(video.userIds[u] as number));
  });

  it('ComiRec Books head: 20,000 rows, users 0..1466 (the last one cut), items sorted by order', async () => {
    const books = await loadComiRecFile(BOOK_TRAIN);
    const rows = fileLines(BOOK_TRAIN).map((line) => line.split(',').map(Number));
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

  it('ComiRec item categories (the lines of the items the Books fixtures use): 21,311 items, 441 categories, every line matched', async () => {
    const cate = await loadComiRecItemCategories(BOOK_CATE);
    const rows = fileLines(BOOK_CATE).map((line) => line.split(',').map(Number));
    expect(rows).toHaveLength(21311);
    expect([cate.numItems, cate.numCategories, cate.numAssigned, cate.categories.length])
      .toEqual([Math.max(...rows.map((r) => r[0])), new Set(rows.map((r) => r[1])).size, 21311, Math.max(...rows.map((r) => r[0])) + 1]);
    expect(cate.numCategories).toBe(441);
    expect(cate.categories[0]).toBe(-1);
    expect(cate.warnings).toEqual([]);
    for (const [item, category] of rows) expect(cate.categories[item]).toBe(category);
    // Every item of the Books training head has its category here.
    for (const line of fileLines(BOOK_TRAIN)) expect(cate.categories[Number(line.split(',')[1])]).toBeGreaterThanOrEqual(0);
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
    const first = fileLines(PADDLE_VALID)[0].split(' ');
    const hist = first.filter((f) => f.startsWith('hist_item:')).map((f) => Number(f.slice(10)));
    const evals = first.filter((f) => f.startsWith('eval_item:')).map((f) => Number(f.slice(10)));
    expect(valid.dataset.userIds[0]).toBe(Number(first[0].slice(8)));
    expect(Array.from(queries.histories.subarray(0, hist.length))).toEqual(hist);
    expect(Array.from(queries.targets[0])).toEqual(evals);
  });

  it('Taobao head (400,033 bytes): 10,632 complete rows, 98 users, exactly one warning for the cut last line', async () => {
    const all = await loadTaobaoUserBehavior(TAOBAO, { behaviors: ['pv', 'buy', 'cart', 'fav'] });
    expect([all.numUsers, all.items.length]).toEqual([98, 10632]);
    expect(all.warnings).toHaveLength(1);
    expect(all.warnings[0]).toContain('UserBehavior_head_400k.csv line 10633');
    expect(all.warnings[0]).toContain('expected 5 comma-separated fields');
    expectWellFormed(all);

    const text = readFileSync(TAOBAO, 'utf8');
    expect(text.endsWith('\n')).toBe(false);
    const rows = lines(text).map((line) => line.split(','));
    expect(rows[rows.length - 1]).toHaveLength(4);
    const complete = rows.filter((r) => r.length === 5);
    expect(complete).toHaveLength(10632);
    const pvRows = complete.filter((r) => r[3] === 'pv');
    const pv = await loadTaobaoUserBehavior(TAOBAO);
    expect([pv.numUsers, pv.items.length, pv.numItems]).toEqual([98, pvRows.length, new Set(pvRows.map((r) => r[1])).size]);
    expect([pv.items.length, pv.numItems]).toEqual([9550, 7315]);
    expect(pv.warnings).toHaveLength(1);
    expectWellFormed(pv);
    // Dense ids map back to the original ones, and each user's items are ordered by timestamp.
    const itemIds = pv.itemIds!;
    expect(itemIds.length).toBe(pv.numItems + 1);
    for (const u of [0, 50, 97]) {
      const expected = pvRows
        .filter((r) => Number(r[0]) === pv.userIds[u])
        .map((r, i) => ({ item: Number(r[1]), time: Number(r[4]), i }))
        .sort((a, b) => a.time - b.time || a.i - b.i)
        .map((r) => r.item);
      expect(Array.from(userItems(pv, u), (d) => itemIds[d])).toEqual(expected);
    }
  });

  it('Taobao strict mode turns the cut last line into an Error naming the line', async () => {
    await expect(loadTaobaoUserBehavior(TAOBAO, { strict: true })).rejects.toThrow(/UserBehavior_head_400k\.csv line 10633/);
  });

  it('the fixture helper fails loudly (never skips) when a fixture is missing', () => {
    expect(() => fixturePath('amazon-video/absent.txt')).toThrow(/fixturePath: test-fixtures\/amazon-video\/absent\.txt is missing/);
  });
});
