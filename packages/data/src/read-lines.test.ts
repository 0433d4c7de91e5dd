import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { GrowableFloat64Array, GrowableInt32Array } from './growable-array';
import { loadDataFile, loadInteractionFile } from './index';
import { LineSplitter, readLineBatches } from './read-lines';

const folder = mkdtempSync(join(tmpdir(), 'croloss-read-lines-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Feeds `chunks` to a LineSplitter and returns every line it gives, the last one included. */
function split(chunks: string[]): string[] {
  const splitter = new LineSplitter();
  const lines = chunks.flatMap((chunk) => splitter.push(chunk));
  const last = splitter.end();
  return last === null ? lines : [...lines, last];
}

describe('LineSplitter: the lines of a chunked text, whatever the chunk boundaries', () => {
  it('splits on LF, CRLF and a lone CR; a final line break adds no empty line; a missing one keeps the last line', () => {
    expect(split(['a\nb\r\nc\rd\n'])).toEqual(['a', 'b', 'c', 'd']);
    expect(split(['a\nb'])).toEqual(['a', 'b']);
    expect(split(['a\n\n\nb\n'])).toEqual(['a', '', '', 'b']);
    expect(split([''])).toEqual([]);
    expect(split(['\n'])).toEqual(['']);
  });

  it('gives the same lines for every way of cutting the text into two or three chunks', () => {
    const text = '\uFEFF1 2\r\n\r\n3 4\r5 6\n\n7 8\r\n9';
    const expected = ['1 2', '', '3 4', '5 6', '', '7 8', '9'];
    for (let i = 0; i <= text.length; i++) {
      expect(split([text.slice(0, i), text.slice(i)])).toEqual(expected);
      for (let j = i; j <= text.length; j++) expect(split([text.slice(0, i), text.slice(i, j), text.slice(j)])).toEqual(expected);
    }
  });

  it('joins a line spread over many chunks once', () => {
    const long = 'x'.repeat(1000);
    const chunks = Array.from({ length: 100 }, (_, i) => long.slice(i * 10, i * 10 + 10));
    expect(split([...chunks, '\nnext'])).toEqual([long, 'next']);
  });
});

describe('readLineBatches and the loaders on files larger than one read chunk (256 KiB)', () => {
  // 300,000 CRLF lines (~3.4 MB): a malformed line and a blank line deep inside, across many chunks.
  const numLines = 300_000;
  const badLine = 187_654;
  const blankLine = 250_001;
  const rows: string[] = [];
  for (let n = 1; n <= numLines; n++) {
    if (n === badLine) rows.push('17 oops');
    else if (n === blankLine) rows.push('');
    else rows.push(`${1 + (n % 1000)} ${1 + ((n * 7) % 5000)}`);
  }
  const text = `${rows.join('\r\n')}\r\n`;
  const plain = join(folder, 'big.txt');
  const zipped = join(folder, 'big.txt.gz');
  writeFileSync(plain, text);
  writeFileSync(zipped, gzipSync(text));

  it('yields every line once, in order, in batches', async () => {
    let count = 0;
    let batches = 0;
    let mismatch = -1;
    for await (const lines of readLineBatches(plain, 'test')) {
      batches += 1;
      for (const line of lines) {
        if (mismatch < 0 && line !== rows[count]) mismatch = count;
        count += 1;
      }
    }
    expect([count, mismatch]).toEqual([numLines, -1]);
    expect(batches).toBeGreaterThan(10);
  });

  it('reports the true line number of a malformed line deep in the file, plain and gzipped', async () => {
    for (const path of [plain, zipped]) {
      const data = await loadInteractionFile(path);
      expect(data.items.length).toBe(numLines - 2);
      expect(data.numUsers).toBe(1000);
      expect(data.warnings).toEqual([
        `loadInteractionFile: ${path} line ${badLine}: item id (field 2): expected an integer in 1..2147483647, got "oops" (not a number): "17 oops" (line skipped)`,
      ]);
    }
  });

  it('keeps each user in file order and every value exact (compared with an in-memory reading)', async () => {
    const data = await loadDataFile(plain, 'interactions');
    const expected = new Map<number, number[]>();
    for (const row of rows) {
      const [user, item] = row.split(' ').map(Number);
      if (row.length === 0 || !Number.isInteger(item)) continue;
      if (!expected.has(user)) expected.set(user, []);
      expected.get(user)!.push(item);
    }
    const userIds = Array.from(data.userIds as Int32Array);
    expect(userIds).toEqual([...expected.keys()]);
    const flat = userIds.flatMap((user) => expected.get(user)!);
    expect(data.items).toEqual(Int32Array.from(flat));
  });
});

describe('growable columns (blocks of 65,536 values)', () => {
  it('store, read back and copy values across block boundaries', () => {
    const ints = new GrowableInt32Array();
    const floats = new GrowableFloat64Array();
    const n = 3 * 65_536 + 17;
    for (let i = 0; i < n; i++) {
      ints.push(i * 3 - 5);
      floats.push(i + 0.5);
    }
    expect([ints.length, floats.length]).toEqual([n, n]);
    expect([ints.get(0), ints.get(65_535), ints.get(65_536), ints.get(n - 1)]).toEqual([-5, 65_535 * 3 - 5, 65_536 * 3 - 5, (n - 1) * 3 - 5]);
    expect([floats.get(65_536), floats.get(n - 1)]).toEqual([65_536.5, n - 0.5]);
    const copy = ints.toArray();
    expect(copy.length).toBe(n);
    expect(copy.every((value, i) => value === i * 3 - 5)).toBe(true);
    expect(floats.toArray().every((value, i) => value === i + 0.5)).toBe(true);
    expect(new GrowableInt32Array().toArray()).toEqual(new Int32Array(0));
  });
});
