/** Tests of createCellStore. */
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeCell } from './fake-cells.test-helpers';
import { createCellStore, parseCell } from './store';

describe('createCellStore', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'reproduce-store-'))));
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('writes one JSON per cell atomically (no temporary file left) and reads it back', async () => {
    const store = createCellStore(dir);
    const result = fakeCell('softmax', 1, { 50: 0.1, 100: 0.2 });
    expect(await store.read('softmax-s1')).toEqual({ status: 'missing' });
    const file = await store.write(result);
    expect(file).toBe(join(dir, 'cells', 'softmax-s1.json'));
    expect(await readdir(join(dir, 'cells'))).toEqual(['softmax-s1.json']);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(result);
    expect(await store.read('softmax-s1')).toEqual({ status: 'done', result });
  });

  it('reports a truncated file as corrupt and leaves it out of readAll', async () => {
    const store = createCellStore(dir);
    await store.write(fakeCell('bpr', 2, { 100: 0.3 }));
    await writeFile(store.path('triplet-s1'), '{"id": "triplet-s1", "rec');
    const stored = await store.read('triplet-s1');
    expect(stored.status).toBe('corrupt');
    const all = await store.readAll();
    expect(all.results.map((r) => r.id)).toEqual(['bpr-s2']);
    expect(all.corrupt.map((c) => c.id)).toEqual(['triplet-s1']);
  });

  it('rejects an id with a path separator', () => {
    expect(() => createCellStore(dir).path('../x')).toThrow("createCellStore: argument 'id' must be a file-name-safe cell id, got \"../x\"");
  });

  it('readAll of a store never written is empty', async () => {
    await mkdir(dir, { recursive: true });
    expect(await createCellStore(join(dir, 'none')).readAll()).toEqual({ results: [], corrupt: [] });
  });
});

describe('parseCell', () => {
  it('rejects a file whose id differs from its name', () => {
    expect(parseCell('bpr-s1', JSON.stringify(fakeCell('bpr', 2, { 100: 0.3 })))).toEqual({ status: 'corrupt', reason: 'id "bpr-s2" does not match the file name "bpr-s1"' });
  });

  it('rejects a recall outside [0, 1]', () => {
    expect(parseCell('bpr-s2', JSON.stringify(fakeCell('bpr', 2, { 100: 3 })))).toEqual({ status: 'corrupt', reason: 'recall@100 is 3, not a number in [0, 1]' });
  });
});
