import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import {
  loadComiRecFile,
  loadComiRecItemCategories,
  loadInteractionFile,
  loadPaddleRecValidFile,
  loadSequenceFile,
  loadTaobaoUserBehavior,
  userItems,
} from './index';

const folder = mkdtempSync(join(tmpdir(), 'croloss-data-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let counter = 0;
function file(content: string | Buffer, name = `input-${counter++}.txt`): string {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
}
const sequences = (dataset: { numUsers: number }) =>
  Array.from({ length: dataset.numUsers }, (_, u) => Array.from(userItems(dataset as never, u)));

describe('malformed lines: a warning with file and 1-based line by default, an Error when strict', () => {
  it('sequence file: a non-integer item skips its whole line and names file and line', async () => {
    const path = file('1 1 2 3\n2 4 x 5\n3 6 7\n');
    const data = await loadSequenceFile(path);
    expect(sequences(data)).toEqual([[1, 2, 3], [6, 7]]);
    expect(data.warnings).toHaveLength(1);
    expect(data.warnings[0]).toContain(`${path} line 2`);
    expect(data.warnings[0]).toContain('item id "x"');
    await expect(loadSequenceFile(path, { strict: true })).rejects.toThrow(`loadSequenceFile: ${path} line 2`);
  });

  it('sequence file: id 0 (reserved for padding) is malformed', async () => {
    const data = await loadSequenceFile(file('1 1 0 3\n2 4\n'));
    expect(sequences(data)).toEqual([[4]]);
    expect(data.warnings[0]).toMatch(/line 1: item id "0" \(field 3\) is not an integer >= 1/);
  });

  it('interaction file: a line with a wrong field count is skipped with a warning', async () => {
    const data = await loadInteractionFile(file('1 5\n1 6 7\n1 8\n'));
    expect(sequences(data)).toEqual([[5, 8]]);
    expect(data.warnings[0]).toMatch(/line 2: expected 2 fields \(user item\), got 3/);
  });

  it('interaction file: a negative user id is skipped with a warning', async () => {
    const data = await loadInteractionFile(file('-1 5\n2 6\n'));
    expect(data.numUsers).toBe(1);
    expect(data.warnings[0]).toMatch(/line 1: user id "-1" is not an integer >= 1/);
  });

  it('ComiRec file: a decimal order is skipped with a warning', async () => {
    const data = await loadComiRecFile(file('0,5,0\n0,6,1.5\n0,7,1\n'));
    expect(sequences(data)).toEqual([[5, 7]]);
    expect(data.warnings[0]).toMatch(/line 2: order "1.5" is not an integer >= 0/);
  });

  it('item categories: a repeated item id is skipped with a warning (the first line wins)', async () => {
    const cate = await loadComiRecItemCategories(file('1,4\n2,5\n1,6\n'));
    expect(Array.from(cate.categories)).toEqual([-1, 4, 5]);
    expect(cate.warnings[0]).toMatch(/line 3: item_id 1 already has category 4/);
  });

  it('item categories: a missing field is an Error when strict', async () => {
    await expect(loadComiRecItemCategories(file('1,4\n2\n'), { strict: true })).rejects.toThrow(/line 2: expected 2 comma-separated fields/);
  });

  it('PaddleRec file: hist_item after eval_item, unknown key and missing eval_item are skipped', async () => {
    const valid = await loadPaddleRecValidFile(
      file(
        [
          'user_id:7 target_item:0 hist_item:1 hist_item:2 eval_item:3',
          'user_id:8 target_item:0 hist_item:1 eval_item:3 hist_item:4',
          'user_id:9 target_item:0 hist_item:1 color:3',
          'user_id:10 target_item:0 hist_item:1',
          'user_id:7 target_item:0 hist_item:1 eval_item:2',
        ].join('\n'),
      ),
    );
    expect(sequences(valid.dataset)).toEqual([[1, 2, 3]]);
    expect(Array.from(valid.historyLengths)).toEqual([2]);
    expect(valid.dataset.warnings.map((w) => w.match(/line (\d)/)![1])).toEqual(['2', '3', '4', '5']);
  });

  it('Taobao: an unknown behaviour is skipped with a warning', async () => {
    const data = await loadTaobaoUserBehavior(file('1,10,3,pv,100\n1,11,3,like,101\n'));
    expect(data.items.length).toBe(1);
    expect(data.warnings[0]).toMatch(/line 2: behavior "like" is not one of pv\/buy\/cart\/fav/);
  });

  it('keeps at most maxWarnings messages plus one line with the total count', async () => {
    const bad = Array.from({ length: 30 }, (_, i) => `${i + 1} a`).join('\n');
    const data = await loadInteractionFile(file(`${bad}\n1 2\n`));
    expect(data.warnings).toHaveLength(21);
    expect(data.warnings[20]).toMatch(/10 more malformed lines not listed \(30 skipped in all\)/);
    const few = await loadInteractionFile(file(`${bad}\n`), { maxWarnings: 2 });
    expect(few.warnings).toHaveLength(3);
    expect(few.numUsers).toBe(0);
  });
});

describe('loader behaviour', () => {
  it('reads .gz files transparently and ignores blank lines and CRLF', async () => {
    const text = '1 3 4\r\n\r\n2 5 5 3\r\n';
    const plain = await loadSequenceFile(file(text));
    const zipped = await loadSequenceFile(file(gzipSync(text), 'toy.txt.gz'));
    expect(zipped.name).toBe('toy');
    expect(sequences(zipped)).toEqual([[3, 4], [5, 5, 3]]);
    expect(zipped.items).toEqual(plain.items);
    expect(zipped.warnings).toEqual([]);
  });

  it('reads a last line without a final newline', async () => {
    const data = await loadInteractionFile(file('1 3\n1 4'));
    expect(sequences(data)).toEqual([[3, 4]]);
  });

  it('groups interleaved users, keeps file order and consecutive duplicates, and keeps users without items', async () => {
    const data = await loadInteractionFile(file('5 1\n9 2\n5 3\n5 3\n9 1\n'));
    expect(Array.from(data.userIds as Int32Array)).toEqual([5, 9]);
    expect(sequences(data)).toEqual([[1, 3, 3], [2, 1]]);
    const lonely = await loadSequenceFile(file('1 2 3\n2\n3 4\n'));
    expect(sequences(lonely)).toEqual([[2, 3], [], [4]]);
  });

  it('ComiRec: sorts each user by order, stable for equal orders', async () => {
    const data = await loadComiRecFile(file('3,10,2\n3,11,0\n4,12,0\n3,13,1\n3,14,1\n'));
    expect(sequences(data)).toEqual([[11, 13, 14, 10], [12]]);
  });

  it('Taobao: stable timestamp sort, first-seen or popularity remapping, behaviour filter', async () => {
    const csv = '7,500,1,pv,30\n7,400,1,pv,10\n8,400,1,buy,5\n7,600,1,pv,10\n8,600,1,pv,20\n8,600,1,pv,21\n';
    const firstSeen = await loadTaobaoUserBehavior(file(csv));
    expect(Array.from(firstSeen.itemIds!)).toEqual([0, 500, 400, 600]);
    expect(sequences(firstSeen)).toEqual([[2, 3, 1], [3, 3]]);
    const popular = await loadTaobaoUserBehavior(file(csv), { remapOrder: 'popularity' });
    expect(Array.from(popular.itemIds!)).toEqual([0, 600, 500, 400]);
    expect(sequences(popular)).toEqual([[3, 1, 2], [1, 1]]);
    const withBuys = await loadTaobaoUserBehavior(file(csv), { behaviors: ['pv', 'buy'], remap: false });
    expect(withBuys.itemIds).toBeUndefined();
    expect(withBuys.numItems).toBe(600);
    expect(sequences(withBuys)).toEqual([[400, 600, 500], [400, 600, 600]]);
  });

  it('remap: true makes dense ids for dense formats too', async () => {
    const data = await loadSequenceFile(file('1 50 70 50\n2 70 90\n'), { remap: true });
    expect([data.numItems, Array.from(data.itemIds!)]).toEqual([3, [0, 50, 70, 90]]);
    expect(sequences(data)).toEqual([[1, 2, 1], [2, 3]]);
  });
});

describe('loader bad input', () => {
  it('a missing file rejects naming the loader and the path', async () => {
    await expect(loadSequenceFile(join(folder, 'absent.txt'))).rejects.toThrow(/loadSequenceFile: argument 'path' must be an existing file/);
  });

  it('a corrupt .gz file rejects instead of hanging', async () => {
    await expect(loadSequenceFile(file(Buffer.from('not gzip at all'), 'broken.txt.gz'))).rejects.toThrow(/loadSequenceFile: could not read/);
  });

  it('numItems smaller than the largest id is rejected', async () => {
    await expect(loadSequenceFile(file('1 5 9\n'), { numItems: 8 })).rejects.toThrow(/options.numItems' must be >= the largest item id in the file \(9\), got 8/);
  });

  it('numItems together with remap is rejected', async () => {
    await expect(loadSequenceFile(file('1 5\n'), { remap: true, numItems: 8 })).rejects.toThrow(/options.numItems' must be undefined when remapping/);
  });

  it('an unknown remapOrder is rejected', async () => {
    await expect(loadTaobaoUserBehavior(file('1,2,3,pv,4\n'), { remapOrder: 'random' as never })).rejects.toThrow(/options.remapOrder/);
  });

  it('an unknown Taobao behaviour filter is rejected', async () => {
    await expect(loadTaobaoUserBehavior(file('1,2,3,pv,4\n'), { behaviors: ['click' as never] })).rejects.toThrow(/options.behaviors/);
  });

  it('a non-boolean strict is rejected', async () => {
    await expect(loadInteractionFile(file('1 2\n'), { strict: 'yes' as never })).rejects.toThrow(/options.strict' must be a boolean, got "yes"/);
  });
});
