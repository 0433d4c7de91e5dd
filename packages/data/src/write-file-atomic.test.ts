import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './write-file-atomic';

describe('writeFileAtomic', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'croloss-write-atomic-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('writes a string and leaves no temporary file', async () => {
    const path = join(directory, 'results.json');
    await writeFileAtomic(path, '{"a": 1}\n');
    expect(await readFile(path, 'utf8')).toBe('{"a": 1}\n');
    expect(await readdir(directory)).toEqual(['results.json']);
  });

  it('writes bytes unchanged', async () => {
    const path = join(directory, 'plot.png');
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256);
    await writeFileAtomic(path, bytes);
    expect(Buffer.compare(await readFile(path), bytes)).toBe(0);
    expect(await readdir(directory)).toEqual(['plot.png']);
  });

  it('replaces an existing file completely', async () => {
    const path = join(directory, 'results.md');
    await writeFile(path, 'old content that is longer than the new one');
    await writeFileAtomic(path, 'new');
    expect(await readFile(path, 'utf8')).toBe('new');
    expect(await readdir(directory)).toEqual(['results.md']);
  });

  it('names the missing directory and creates nothing', async () => {
    const missing = join(directory, 'not-there');
    await expect(writeFileAtomic(join(missing, 'results.json'), 'x')).rejects.toThrow(
      `writeFileAtomic: could not write '${join(missing, 'results.json')}': directory '${missing}' does not exist`,
    );
    expect(await readdir(directory)).toEqual([]);
  });

  it('removes the temporary file when the final rename fails after the data was written', async () => {
    // The destination is a non-empty directory: the temporary file is written and synced, then rename fails.
    const path = join(directory, 'taken');
    await mkdir(path);
    await writeFile(join(path, 'keep'), 'k');
    await expect(writeFileAtomic(path, 'data')).rejects.toThrow(`writeFileAtomic: could not write '${path}'`);
    expect(await readdir(directory)).toEqual(['taken']);
    expect(await readdir(path)).toEqual(['keep']);
  });
});
