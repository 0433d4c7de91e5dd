/** A pool of worker threads for the reproduction grid: one worker (and tfjs backend) per running cell. */
import { Worker } from 'node:worker_threads';
import type { BackendName } from '@croloss/backends';
import type { CellWorkerInput, CellWorkerMessage } from './cell-worker';
import type { Cell } from './grid';
import type { CellResult, CellSettings } from './run-cell';
import type { CellPool } from './run-grid';

/**
 * Cells run `size` at a time, each in a new worker (dist/cell-worker.js) that loads the data and starts the backend
 * itself. For {@link runGrid}'s `pool` option.
 *
 * @example
 * const pool = workerCellPool({ size: 2, settings, data: undefined, format: 'sequence', backend: 'wasm', backendLabel: 'wasm', workerUrl });
 */
export function workerCellPool(options: { size: number; settings: CellSettings; data: string | undefined; format: string; backend: BackendName; backendLabel: string; workerUrl: URL }): CellPool {
  return {
    size: options.size,
    run(cell: Cell, log: (line: string) => void): Promise<CellResult> {
      const input: CellWorkerInput = { cell, settings: options.settings, data: options.data, format: options.format, backend: options.backend, backendLabel: options.backendLabel };
      return new Promise((resolve, reject) => {
        const worker = new Worker(options.workerUrl, { workerData: input });
        let result: CellResult | undefined;
        let failure: string | undefined;
        worker.on('message', (message: CellWorkerMessage) => {
          if (message.kind === 'log') log(message.line);
          else if (message.kind === 'result') result = message.result;
          else failure = message.message;
        });
        worker.on('error', (error) => (failure ??= error.stack ?? error.message));
        worker.on('exit', (code) => (result && failure === undefined ? resolve(result) : reject(new Error(`the worker running ${cell.id} failed${failure ? `: ${failure}` : ` (exit code ${code})`}`))));
      });
    },
  };
}
