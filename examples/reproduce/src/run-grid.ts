/** Runs the grid cell by cell, resumable (finished cells are kept in the store), with progress lines. */
import * as tf from '@tensorflow/tfjs-core';
import type { SequenceDataset } from '@croloss/data';
import type { Cell } from './grid';
import { prepareSplit, runCell, type CellResult, type CellSettings, type PreparedSplit } from './run-cell';
import { createCellStore } from './store';

/** Options of {@link runGrid}. */
export interface RunGridOptions {
  dataset: SequenceDataset;
  cells: Cell[];
  settings: CellSettings;
  /** Output folder; finished cells go to `<outDir>/cells/<id>.json`. */
  outDir: string;
  /** Plain progress lines (default: none). */
  log?: (line: string) => void;
  backend?: string;
  /**
   * Runs cells side by side: at most `size` at a time, each through `run` (src/cell-pool.ts: one worker thread and
   * tfjs backend per cell). Without it the cells run one after the other in this thread. Each cell depends only on
   * the data, the settings and its seed, so the results are the same either way.
   */
  pool?: CellPool;
}

/** A way to run cells elsewhere (worker threads), `size` at a time. */
export interface CellPool {
  size: number;
  run(cell: Cell, log: (line: string) => void): Promise<CellResult>;
}

/** What {@link runGrid} did. */
export interface RunGridResult {
  /** Results of all cells of the grid, in grid order (finished before or now). */
  results: CellResult[];
  ran: string[];
  skipped: string[];
  /** Cells whose file was corrupt and that were therefore re-run. */
  rerun: string[];
}

/** `3725` -> `1h 02m`, `65` -> `1m 05s`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}h ${String(m).padStart(2, '0')}m` : `${m}m ${String(s % 60).padStart(2, '0')}s`;
}

/**
 * Runs every cell of the grid that has no valid result file yet, writing each one atomically as soon as it
 * finishes, so a killed run resumes where it stopped. A corrupt file is reported and its cell re-run.
 * Progress: one plain line per cell with cells done / total, the ETA (wall time per cell finished in this run x
 * cells left) and the current cell. With `pool`, `pool.size` cells run at once (worker threads); the results are
 * those of the sequential run.
 *
 * @example
 * const { results } = await runGrid({ dataset, cells: buildGrid(), settings: DEFAULT_SETTINGS, outDir: 'results/reproduce', log: console.error });
 */
export async function runGrid(options: RunGridOptions): Promise<RunGridResult> {
  const { dataset, cells, settings, outDir } = options;
  const log = options.log ?? (() => undefined);
  const store = createCellStore(outDir);
  const results: CellResult[] = [];
  const ran: string[] = [];
  const skipped: string[] = [];
  const rerun: string[] = [];
  const todo: Cell[] = [];
  for (const cell of cells) {
    const stored = await store.read(cell.id);
    if (stored.status === 'done') {
      const conflict = settingsConflict(stored.result, dataset, settings);
      if (conflict) {
        throw new Error(`runGrid: ${store.path(cell.id)} was run with ${conflict}; finished cells are reused only with the same data and settings: ` +
          'use another --out, or delete that folder to start over');
      }
      skipped.push(cell.id);
      continue;
    }
    if (stored.status === 'corrupt') {
      log(`warning: ${store.path(cell.id)} is corrupt (${stored.reason}); re-running ${cell.id}`);
      rerun.push(cell.id);
    }
    todo.push(cell);
  }
  const total = cells.length;
  let done = skipped.length;
  log(`grid: ${total} cells, ${skipped.length} already finished, ${todo.length} to run`);
  let prepared: PreparedSplit | undefined;
  const wallStart = performance.now();
  const inThread = (cell: Cell) => {
    if (!prepared || prepared.seed !== cell.seed) prepared = prepareSplit(dataset, cell.seed, settings.maxHistory);
    return runCell(dataset, cell, settings, {
      prepared,
      backend: options.backend,
      hooks: { onEval: (info) => log(`  ${cell.id} step ${info.step}: validation Recall@${settings.validN} ${(100 * info.metric).toFixed(2)}%${info.best ? ' (best)' : ''}`) },
    });
  };
  const runOne = async (cell: Cell) => {
    // ETA: wall time per cell finished in this run (side by side, that already counts the pool's parallelism) x cells left
    const eta = ran.length > 0 ? `ETA ${formatDuration(((performance.now() - wallStart) / 1000 / ran.length) * (total - done))}` : 'ETA unknown';
    log(`[${done}/${total}] ${eta} · running ${cell.id}`);
    const started = performance.now();
    const result = options.pool ? await options.pool.run(cell, log) : await inThread(cell);
    await store.write(result);
    ran.push(cell.id);
    done += 1;
    const shown = [50, 100, 500].filter((n) => result.recall[n] !== undefined).map((n) => `R@${n} ${(100 * result.recall[n]).toFixed(2)}%`).join(', ');
    log(`[${done}/${total}] finished ${cell.id} in ${formatDuration((performance.now() - started) / 1000)} (${result.stepsPerSecond.toFixed(1)} steps/s, best step ${result.bestStep}): ${shown}`);
    if (tf.memory().numTensors > 64) log(`note: ${tf.memory().numTensors} tensors alive after ${cell.id}`);
  };
  if (options.pool && options.pool.size > 1) {
    log(`grid: ${Math.min(options.pool.size, todo.length)} cells at a time in worker threads`);
    let next = 0;
    const lane = async () => {
      while (next < todo.length) await runOne(todo[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(options.pool.size, todo.length) }, lane));
  } else {
    for (const cell of todo) await runOne(cell);
  }
  for (const cell of cells) {
    const stored = await store.read(cell.id);
    if (stored.status !== 'done') throw new Error(`runGrid: cell ${cell.id} has no valid result after the run (${stored.status})`);
    results.push(stored.result);
  }
  return { results, ran, skipped, rerun };
}

/** How a stored cell's data or settings differ from this run's (one phrase), or undefined when they match. */
export function settingsConflict(stored: CellResult, dataset: SequenceDataset, settings: CellSettings): string | undefined {
  if (stored.data.name !== dataset.name || stored.data.items !== dataset.numItems || stored.data.users !== dataset.numUsers) {
    return `data ${stored.data.name} (${stored.data.users} users, ${stored.data.items} items), this run has ${dataset.name} (${dataset.numUsers} users, ${dataset.numItems} items)`;
  }
  const keys: Array<keyof CellSettings> = ['steps', 'evalEvery', 'patience', 'batchSize', 'numNegatives', 'learningRate', 'dim', 'tau', 'maxHistory', 'validN'];
  const differing = keys.filter((key) => stored.settings[key] !== settings[key]);
  if (differing.length === 0) return undefined;
  return differing.map((key) => `${key} = ${String(stored.settings[key])}`).join(', ') + ` (this run: ${differing.map((key) => `${key} = ${String(settings[key])}`).join(', ')})`;
}
