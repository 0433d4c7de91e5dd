/** The messages between the main job and its loss workers (src/loss-worker.ts), one type for both directions. */
import type { BackendName } from '@croloss/backends';
import type { RunResult } from './report/results';
import type { ExperimentConfig } from './run-experiment';

/** What a worker is started with (workerData): one loss of the experiment, and how to load the data and backend. */
export interface LossWorkerInput {
  loss: string;
  config: ExperimentConfig;
  /** The data file (undefined: the embedded Beauty set) and its format, loaded by the worker itself. */
  data: string | undefined;
  format: string;
  /** The backend the main thread started (each worker starts its own instance of it). */
  backend: BackendName;
}

/** What a worker reports, in order: log lines, start, steps and evaluations, then its result or an error. */
export type LossWorkerMessage =
  | { kind: 'log'; line: string }
  | { kind: 'start'; description: string }
  | { kind: 'step'; info: { step: number; loss: number; stepsPerSecond: number } }
  | { kind: 'eval'; info: { step: number; metric: number; best: boolean } }
  | { kind: 'result'; run: RunResult }
  | { kind: 'error'; message: string };
