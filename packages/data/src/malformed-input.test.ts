import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import {
  evaluationSet,
  loadComiRecFile,
  loadDataFile,
  loadComiRecItemCategories,
  loadInteractionFile,
  loadPaddleRecValidFile,
  loadSequenceFile,
  loadTaobaoUserBehavior,
  splitUsers,
  trainingSampler,
  userItems,
  type SequenceDataset,
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
/** Each user's items as the file's ids (through `itemIds` when the loader remapped them). */
const sourceSequences = (dataset: SequenceDataset) =>
  sequences(dataset).map((items) => items.map((item) => (dataset.itemIds ? dataset.itemIds[item] : item)));

describe('malformed lines: a warning with file and 1-based line by default, an Error when strict', () => {
  it('sequence file: a non-integer item skips its whole line and names file and line', async () => {
    const path = file('1 1 2 3\n2 4 x 5\n3 6 7\n');
    const data = await loadSequenceFile(path);
    expect(sequences(data)).toEqual([[1, 2, 3], [6, 7]]);
    expect(data.warnings).toHaveLength(1);
    expect(data.warnings[0]).toContain(`${path} line 2`);
    expect(data.warnings[0]).toContain('item id (field 3): expected an integer in 1..2147483647, got "x" (not a number): "2 4 x 5" (line skipped)');
    await expect(loadSequenceFile(path, { strict: true })).rejects.toThrow(`loadSequenceFile: ${path} line 2`);
  });

  it('sequence file: id 0 (reserved for padding) is malformed', async () => {
    const data = await loadSequenceFile(file('1 1 0 3\n2 4\n'));
    expect(sequences(data)).toEqual([[4]]);
    expect(data.warnings[0]).toMatch(/line 1: item id \(field 3\): expected an integer in 1\.\.2147483647, got "0" \(below 1; item id 0 is the padding id\)/);
  });

  it('interaction file: a line with a wrong field count is skipped with a warning', async () => {
    const data = await loadInteractionFile(file('1 5\n1 6 7\n1 8\n'));
    expect(sequences(data)).toEqual([[5, 8]]);
    expect(data.warnings[0]).toMatch(/line 2: expected 2 fields \(user item\), got 3/);
  });

  it('interaction file: a negative user id is skipped with a warning', async () => {
    const data = await loadInteractionFile(file('-1 5\n2 6\n'));
    expect(data.numUsers).toBe(1);
    expect(data.warnings[0]).toMatch(/line 1: user id \(field 1\): expected an integer in 1\.\.2147483647, got "-1" \(negative\)/);
  });

  it('ComiRec file: a decimal order is skipped with a warning', async () => {
    const data = await loadComiRecFile(file('0,5,0\n0,6,1.5\n0,7,1\n'));
    expect(sequences(data)).toEqual([[5, 7]]);
    expect(data.warnings[0]).toMatch(/line 2: order \(field 3\): expected an integer in 0\.\.9007199254740991, got "1\.5" \(not an integer\)/);
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
    expect(data.warnings[0]).toMatch(/line 2: behavior \(field 4\): expected one of pv\/buy\/cart\/fav, got "like"/);
  });

  it('keeps at most maxWarnings messages plus one line with the total count', async () => {
    const bad = Array.from({ length: 30 }, (_, i) => `${i + 1} a`).join('\n');
    const data = await loadInteractionFile(file(`${bad}\n1 2\n`));
    expect(data.warnings).toHaveLength(21);
    expect(data.warnings[20]).toMatch(/10 more malformed lines not listed \(30 skipped in all\)/);
    const few = await loadInteractionFile(file(`${bad}\n1 2\n`), { maxWarnings: 2 });
    expect(few.warnings).toHaveLength(3);
    expect(few.warnings[2]).toMatch(/28 more malformed lines not listed \(30 skipped in all\)/);
    expect(sequences(few)).toEqual([[2]]);
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

/**
 * The row formats of loadDataFile, one interaction per line. `row(user, item, position)` writes one
 * well-formed line; `field` names the item and user columns as the messages do; `cut` is a last line
 * cut mid-row and the field count the message reports for it.
 */
const ROW_FORMATS = [
  {
    format: 'interactions',
    row: (user: string | number, item: string | number) => `${user} ${item}`,
    user: 'user id (field 1)',
    item: 'item id (field 2)',
    columns: 'expected 2 fields (user item)',
    tooFew: '7',
    tooMany: '7 5 6',
    cut: { line: '1', fields: 1 },
  },
  {
    format: 'comirec',
    row: (user: string | number, item: string | number, position = 0) => `${user},${item},${position}`,
    user: 'user_id (field 1)',
    item: 'item_id (field 2)',
    columns: 'expected 3 comma-separated fields (user_id,item_id,order)',
    tooFew: '7,5',
    tooMany: '7,5,0,9',
    cut: { line: '1,7', fields: 2 },
  },
  {
    format: 'taobao',
    row: (user: string | number, item: string | number, position = 0) => `${user},${item},3,pv,${1000 + position}`,
    user: 'user (field 1)',
    item: 'item (field 2)',
    columns: 'expected 5 comma-separated fields (user,item,category,behavior,timestamp)',
    tooFew: '7,5,3,pv',
    tooMany: '7,5,3,pv,1000,1',
    cut: { line: '1,7,3,p', fields: 4 },
  },
] as const;

/** Bad id tokens, the reason the message gives, and whether a 0-based user column accepts them. */
const BAD_IDS = [
  { token: 'x', reason: 'not a number' },
  { token: '3.5', reason: 'not an integer' },
  { token: '1e3', reason: 'not written as a plain decimal integer' },
  { token: '0x1F', reason: 'not written as a plain decimal integer' },
  { token: 'NaN', reason: 'not a number' },
  { token: '-2', reason: 'negative' },
  { token: '2147483648', reason: 'above the int32 maximum 2147483647' },
  { token: '99999999999999999999', reason: 'above the int32 maximum 2147483647' },
] as const;

describe.each(ROW_FORMATS)('loadDataFile(path, $format): audit of malformed input', (spec) => {
  const { format, row } = spec;
  const load = (path: string) => loadDataFile(path, format);

  it.each(BAD_IDS)('item id $token: line skipped, the warning names file, line, field, expected and actual value', async ({ token, reason }) => {
    const path = file([row(1, 5, 0), row(1, token, 1), row(1, 7, 2), ''].join('\n'));
    const data = await load(path);
    expect(sourceSequences(data)).toEqual([[5, 7]]);
    expect(data.items.every((item) => Number.isInteger(item) && item >= 1 && item <= data.numItems)).toBe(true);
    expect(data.warnings).toHaveLength(1);
    expect(data.warnings[0]).toContain(`${path} line 2: ${spec.item}: expected an integer in 1..2147483647, got ${JSON.stringify(token)} (${reason})`);
  });

  it.each(BAD_IDS)('user id $token: line skipped with the same kind of warning', async ({ token, reason }) => {
    const path = file([row(1, 5, 0), row(token, 6, 1), row(2, 7, 0)].join('\n'));
    const data = await load(path);
    expect(Array.from(data.userIds as Int32Array)).toEqual([1, 2]);
    expect(sourceSequences(data)).toEqual([[5], [7]]);
    const first = format === 'comirec' ? 0 : 1;
    expect(data.warnings[0]).toContain(`${path} line 2: ${spec.user}: expected an integer in ${first}..2147483647, got ${JSON.stringify(token)} (${reason})`);
  });

  it('item id 0 is the padding id, never data; an empty id field is reported as such', async () => {
    const path = file([row(1, 0), row(1, 5)].join('\n'));
    const data = await load(path);
    expect(sourceSequences(data)).toEqual([[5]]);
    const note = format === 'taobao' ? '' : '; item id 0 is the padding id'; // Taobao ids are remapped: 0 is just out of range
    expect(data.warnings[0]).toContain(`line 1: ${spec.item}: expected an integer in 1..2147483647, got "0" (below 1${note})`);
    if (format !== 'interactions') {
      // "1,,0": a blank-separated format cannot have an empty field (it is a wrong field count instead).
      const empty = await load(file([row(1, ''), row(1, 5)].join('\n')));
      expect(empty.warnings[0]).toContain(`line 1: ${spec.item}: expected an integer in 1..2147483647, got "" (an empty field)`);
    }
  });

  it('user id 0: valid in ComiRec (users from 0), out of range in the formats whose ids start at 1', async () => {
    const data = await load(file([row(0, 5), row(1, 6)].join('\n')));
    if (format === 'comirec') {
      expect(Array.from(data.userIds as Int32Array)).toEqual([0, 1]);
      expect(data.warnings).toEqual([]);
    } else {
      expect(Array.from(data.userIds as Int32Array)).toEqual([1]);
      expect(data.warnings[0]).toContain(`line 1: ${spec.user}: expected an integer in 1..2147483647, got "0" (below 1)`);
    }
  });

  it('the largest int32 id is accepted', async () => {
    const data = await load(file([row(2147483647, 2147483647), row(2147483647, 5, 1)].join('\n')));
    expect(data.warnings).toEqual([]);
    expect(Array.from(data.userIds as Int32Array)).toEqual([2147483647]);
    expect(sourceSequences(data)).toEqual([[2147483647, 5]]);
  });

  it('a wrong number of columns is skipped with a warning giving expected and actual counts; strict throws it', async () => {
    const path = file([row(1, 5), spec.tooFew, spec.tooMany, row(1, 6, 1)].join('\n'));
    const data = await load(path);
    expect(sourceSequences(data)).toEqual([[5, 6]]);
    const fields = (line: string) => line.split(format === 'interactions' ? ' ' : ',').length;
    expect(data.warnings).toEqual([
      `${data.warnings[0].split(':')[0]}: ${path} line 2: ${spec.columns}, got ${fields(spec.tooFew)}: ${JSON.stringify(spec.tooFew)} (line skipped)`,
      `${data.warnings[0].split(':')[0]}: ${path} line 3: ${spec.columns}, got ${fields(spec.tooMany)}: ${JSON.stringify(spec.tooMany)} (line skipped)`,
    ]);
  });

  it('blank lines, CRLF, a lone CR, trailing blanks and a byte-order mark read like clean LF lines, with true line numbers', async () => {
    const clean = await load(file([row(1, 5, 0), row(2, 6, 0), row(1, 7, 1), row(2, 8, 1)].join('\n')));
    const messy = file(`\uFEFF${row(1, 5, 0)} \t\r\n\r\n   \r\n${row(2, 6, 0)}\t\r${row(1, 7, 1)}  \r\n${row(1, 'bad', 2)}\r\n${row(2, 8, 1)}\r\n\r\n`);
    const data = await load(messy);
    expect(sourceSequences(data)).toEqual(sourceSequences(clean));
    expect(Array.from(data.userIds as Int32Array)).toEqual([1, 2]);
    expect(data.warnings).toHaveLength(1);
    expect(data.warnings[0]).toContain(`${messy} line 6: ${spec.item}`); // 1, blank 2, blank 3, 4, 5 (after the lone CR), 6
  });

  it('a last line cut mid-row (no final newline) is skipped with a warning; the complete rows are kept', async () => {
    const path = file([row(1, 5, 0), row(1, 6, 1), spec.cut.line].join('\n'));
    const data = await load(path);
    expect(sourceSequences(data)).toEqual([[5, 6]]);
    expect(data.warnings).toHaveLength(1);
    expect(data.warnings[0]).toContain(`${path} line 3: ${spec.columns}, got ${spec.cut.fields}: ${JSON.stringify(spec.cut.line)} (line skipped)`);
  });

  it('duplicate interactions are kept as repeated behaviour (consecutive, later and with an equal order key)', async () => {
    const data = await load(file([row(1, 5, 0), row(1, 5, 0), row(2, 6, 0), row(1, 7, 1), row(1, 5, 2), row(2, 6, 1)].join('\n')));
    expect(sourceSequences(data)).toEqual([[5, 5, 7, 5], [6, 6]]);
    expect(data.items.length).toBe(6);
    expect(data.warnings).toEqual([]);
  });

  it('an empty file is an Error naming the loader, the argument and the file', async () => {
    const path = file('');
    await expect(load(path)).rejects.toThrow(`argument 'path' must be a file with at least one valid interaction`);
    await expect(load(path)).rejects.toThrow(`got ${JSON.stringify(path)}: an empty file`);
  });

  it('a file of blank lines only is an Error', async () => {
    const path = file('\n \r\n\t\n');
    await expect(load(path)).rejects.toThrow(`got ${JSON.stringify(path)}: 3 lines, 3 blank, 0 malformed`);
  });

  it('a file of malformed lines only is an Error with the counts and the first problem (not an empty data set)', async () => {
    const path = file(`\n${row(1, 'x')}\n${spec.tooFew}\n${row(1, -3)}\n`);
    const error = await load(path).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^load\w+: argument 'path' must be a file with at least one valid interaction/);
    expect((error as Error).message).toContain(`got ${JSON.stringify(path)}: 4 lines, 1 blank, 3 malformed; first: `);
    expect((error as Error).message).toContain(`${path} line 2: ${spec.item}: expected an integer in 1..2147483647, got "x" (not a number)`);
  });
});

describe('loadDataFile(path, sequence): audit of malformed input', () => {
  const load = (path: string) => loadDataFile(path, 'sequence');

  it.each(BAD_IDS)('item id $token: the whole line is skipped (no partial user), warning with field and values', async ({ token, reason }) => {
    const path = file(`1 5 6\n2 7 ${token} 8\n3 9\n`);
    const data = await load(path);
    expect(Array.from(data.userIds as Int32Array)).toEqual([1, 3]);
    expect(sequences(data)).toEqual([[5, 6], [9]]);
    expect(data.warnings).toEqual([
      `loadSequenceFile: ${path} line 2: item id (field 3): expected an integer in 1..2147483647, got ${JSON.stringify(token)} (${reason}): "2 7 ${token} 8" (line skipped)`,
    ]);
  });

  it.each([...BAD_IDS, { token: '0', reason: 'below 1' }])('user id $token: line skipped with a warning', async ({ token, reason }) => {
    const path = file(`${token} 5 6\n3 9 9\n`);
    const data = await load(path);
    expect(sequences(data)).toEqual([[9, 9]]);
    expect(data.warnings[0]).toContain(`line 1: user id (field 1): expected an integer in 1..2147483647, got ${JSON.stringify(token)} (${reason})`);
  });

  it('blank lines, CRLF, tabs and trailing blanks: same data, true line numbers', async () => {
    const path = file('1 5\t6  \r\n\r\n2 7 8\t\r\n\r\n3 x\r\n');
    const data = await load(path);
    expect(sequences(data)).toEqual([[5, 6], [7, 8]]);
    expect(data.warnings[0]).toContain(`${path} line 5: item id (field 2)`);
  });

  it('a last line cut mid-line cannot be told from a shorter sequence: it is read as written (documented)', async () => {
    const data = await load(file('1 5 6 7\n2 8 9 1'));
    expect(sequences(data)).toEqual([[5, 6, 7], [8, 9, 1]]);
    expect(data.warnings).toEqual([]);
  });

  it('duplicate items are kept, also a user repeated on a later line (its lines are concatenated)', async () => {
    const data = await load(file('1 5 5 6 5\n2 7\n1 5\n'));
    expect(Array.from(data.userIds as Int32Array)).toEqual([1, 2]);
    expect(sequences(data)).toEqual([[5, 5, 6, 5, 5], [7]]);
  });

  it('an empty file, blank lines only, malformed lines only, or user ids only are Errors, not empty data sets', async () => {
    const empty = file('');
    await expect(load(empty)).rejects.toThrow(
      `loadSequenceFile: argument 'path' must be a file with at least one valid interaction ("user item item ..." lines), got ${JSON.stringify(empty)}: an empty file`,
    );
    await expect(load(file('\n\n'))).rejects.toThrow(/: 2 lines, 2 blank, 0 malformed$/);
    const bad = file('1 2.5\n\n2 -1\n');
    await expect(load(bad)).rejects.toThrow(`: 3 lines, 1 blank, 2 malformed; first: loadSequenceFile: ${bad} line 1: item id (field 2)`);
    await expect(load(file('1\n2\n'))).rejects.toThrow(/: 2 lines, 0 blank, 0 malformed, 2 well-formed without an interaction \(lines with only a user id\)$/);
  });
});

describe('other no-interaction files are Errors too', () => {
  it('Taobao rows whose behaviours are all filtered out', async () => {
    const path = file('1,5,3,buy,100\n2,6,3,cart,101\n');
    await expect(loadTaobaoUserBehavior(path)).rejects.toThrow(
      /: 2 lines, 0 blank, 0 malformed, 2 well-formed without an interaction \(rows whose behavior is not pv\)$/,
    );
    expect((await loadTaobaoUserBehavior(path, { behaviors: ['buy'] })).items.length).toBe(1);
  });

  it('an empty item-category file and an empty PaddleRec file', async () => {
    await expect(loadComiRecItemCategories(file(''))).rejects.toThrow(/loadComiRecItemCategories: argument 'path' must be a file with at least one valid interaction \("item_id,cate_id" lines\), got ".*": an empty file/);
    await expect(loadPaddleRecValidFile(file('user_id:1 color:2\n'))).rejects.toThrow(/loadPaddleRecValidFile: .*1 lines?, 0 blank, 1 malformed; first: .* line 1: field "color:2"/);
  });

  it('strict mode still throws at the first malformed line, before the no-interaction check', async () => {
    await expect(loadDataFile(file('1 x\n'), 'interactions')).rejects.toThrow(/valid interaction \("user item" lines\), got ".*": 1 line, 0 blank, 1 malformed; first: /);
    await expect(loadInteractionFile(file('\n1 x\n'), { strict: true })).rejects.toThrow(/line 2: item id \(field 2\): .* \(strict mode\)$/);
  });
});

describe('users with fewer than 2 items: kept by the loaders, left out (and counted) by the protocol', () => {
  it('a loaded file keeps them; splitUsers drops them with a count, evaluationSet and trainingSampler skip and count them', async () => {
    // user 1: 3 items, user 2: 1 item, user 3: 2 items, user 4: 1 item (its other line is malformed)
    const data = await loadDataFile(file('1 5\n2 6\n1 6\n3 7\n1 7\n3 5\n4 8\n4 0\n'), 'interactions');
    expect(sequences(data)).toEqual([[5, 6, 7], [6], [7, 5], [8]]);
    expect(data.warnings).toHaveLength(1);
    const split = splitUsers(data, { seed: 1, fractions: [1, 0, 0] });
    expect([Array.from(split.train), split.dropped]).toEqual([[0, 2], 2]);
    const evaluation = evaluationSet(data, [0, 1, 2, 3]);
    expect([Array.from(evaluation.users), evaluation.skippedUsers]).toEqual([[0, 2], 2]);
    const sampler = trainingSampler(data, [0, 1, 2, 3], { seed: 1 });
    expect(sampler.skippedUsers).toBe(2);
    const batch = sampler.next(50);
    expect(new Set(batch.users)).toEqual(new Set([0, 2]));
  });

  it('when no user has 2 items the protocol says so instead of training on nothing', async () => {
    const data = await loadDataFile(file('1 5\n2 6\n'), 'interactions');
    expect(splitUsers(data, { seed: 1 }).dropped).toBe(2);
    expect(() => trainingSampler(data, [0, 1], { seed: 1 })).toThrow(/trainingSampler: argument 'trainUsers' must be users with more than minPosition = 1 items, got "2 users, none long enough"/);
  });
});
