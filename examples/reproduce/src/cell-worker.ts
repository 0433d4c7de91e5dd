/** Worker thread of the reproduction grid: trains one cell with its own tfjs backend and posts its result. */
import '@tensorflow/tfjs-layers'; // registers tfjs-core's gradients in this thread
import { parentPort, workerData } from 'node:worker_threads';
import { selectBackend, type BackendName } from '@croloss/backends';
import { loadDataFile } from '@croloss/data';
import type { Cell } from './grid';
import { runCell, type CellResult, type CellSettings } from './run-cell';

/** What the pool starts a worker with. */
export interface CellWorkerInput {
  cell: Cell;
  settings: CellSettings;
  data: string | undefined;
  format: string;
  backend: BackendName;
  /** The backend description recorded in the result (as the main thread's). */
  backendLabel: string;
}

/** What a worker posts: validation lines, then its result or an error. */
export type CellWorkerMessage = { kind: 'log'; line: string } | { kind: 'result'; result: CellResult } | { kind: 'error'; message: string };

const post = (message: CellWorkerMessage) => parentPort?.postMessage(message);

async function work(input: CellWorkerInput): Promise<void> {
  await selectBackend(input.backend, { log: () => {} });
  const dataset = await loadDataFile(input.data, input.format);
  const { cell, settings } = input;
  const result = await runCell(dataset, cell, settings, {
    backend: input.backendLabel,
    hooks: { onEval: (info) => post({ kind: 'log', line: `  ${cell.id} step ${info.step}: validation Recall@${settings.validN} ${(100 * info.metric).toFixed(2)}%${info.best ? ' (best)' : ''}` }) },
  });
  post({ kind: 'result', result });
}

if (parentPort) {
  work(workerData as CellWorkerInput).catch((error: unknown) => post({ kind: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
}
