/** Opens (creating on first write) the cell store under `<outDir>/cells`. */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CellResult } from './run-cell';
import { writeFileAtomic } from '@croloss/data';

/** What the store holds for one cell id. */
export type StoredCell =
  | { status: 'done'; result: CellResult }
  | { status: 'missing' }
  | { status: 'corrupt'; reason: string };

/** Resumable results: one JSON file per finished cell under `<out>/cells/<cell-id>.json`. */
export interface CellStore {
  readonly directory: string;
  /** File of a cell id. */
  path(id: string): string;
  /** The stored result of a cell: `done` when its file exists and parses into a result of that id, `corrupt` when it exists but does not. */
  read(id: string): Promise<StoredCell>;
  /** Writes a finished cell atomically (temporary file, fsync, rename): a killed run never leaves half a file. */
  write(result: CellResult): Promise<string>;
  /** Every valid stored result, by file name order; corrupt files are listed separately. */
  readAll(): Promise<{ results: CellResult[]; corrupt: Array<{ id: string; reason: string }> }>;
}

const SAFE_ID = /^[A-Za-z0-9._-]+$/;

/**
 * Opens (creating on first write) the cell store under `<outDir>/cells`.
 *
 * @example
 * const store = createCellStore('results/reproduce');
 * if ((await store.read('softmax-s1')).status !== 'done') await store.write(await runCell(data, cell, settings));
 */
export function createCellStore(outDir: string): CellStore {
  const directory = join(outDir, 'cells');
  const path = (id: string) => {
    if (typeof id !== 'string' || !SAFE_ID.test(id)) throw new Error(`createCellStore: argument 'id' must be a file-name-safe cell id, got ${JSON.stringify(id)}`);
    return join(directory, `${id}.json`);
  };
  const read = async (id: string): Promise<StoredCell> => {
    let text: string;
    try {
      text = await readFile(path(id), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
      return { status: 'corrupt', reason: error instanceof Error ? error.message : String(error) };
    }
    return parseCell(id, text);
  };
  return {
    directory,
    path,
    read,
    async write(result) {
      const file = path(result.id);
      await mkdir(directory, { recursive: true });
      await writeFileAtomic(file, `${JSON.stringify(result, null, 2)}\n`);
      return file;
    },
    async readAll() {
      const names = await readdir(directory).catch(() => [] as string[]);
      const results: CellResult[] = [];
      const corrupt: Array<{ id: string; reason: string }> = [];
      for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
        const id = name.slice(0, -'.json'.length);
        const stored = await read(id);
        if (stored.status === 'done') results.push(stored.result);
        else if (stored.status === 'corrupt') corrupt.push({ id, reason: stored.reason });
      }
      return { results, corrupt };
    },
  };
}

/** Parses and checks one cell file: valid JSON, the same id, finite recall values in [0, 1]. */
export function parseCell(id: string, text: string): StoredCell {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { status: 'corrupt', reason: `not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const result = value as Partial<CellResult> | null;
  if (result === null || typeof result !== 'object') return { status: 'corrupt', reason: 'not an object' };
  if (result.id !== id) return { status: 'corrupt', reason: `id ${JSON.stringify(result.id)} does not match the file name ${JSON.stringify(id)}` };
  if (!result.cell || typeof result.cell !== 'object') return { status: 'corrupt', reason: 'no cell' };
  if (!result.recall || typeof result.recall !== 'object' || Object.keys(result.recall).length === 0) return { status: 'corrupt', reason: 'no recall' };
  for (const [n, r] of Object.entries(result.recall)) {
    if (!(typeof r === 'number' && r >= 0 && r <= 1)) return { status: 'corrupt', reason: `recall@${n} is ${JSON.stringify(r)}, not a number in [0, 1]` };
  }
  return { status: 'done', result: result as CellResult };
}
