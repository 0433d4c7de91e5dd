// The messages between the page and its training worker (structured-clone plain objects).
import type { TextFormat } from '@croloss/data';
import type { MetricAtN, Results, RunResult } from '../../retrieval/src/report/results';
import type { SessionConfig } from './session-config';
import type { PageBackend, StartedBackend } from './start-backend';

/** Where the worker gets its data: the embedded Beauty asset (fetched), or a dropped file's bytes. */
export type DataSource = { kind: 'embedded' } | { kind: 'file'; name: string; format: TextFormat; bytes: ArrayBuffer };

/** Page -> worker: start one session (one worker runs one session, then the page terminates it). */
export interface StartMessage {
  type: 'start';
  /** A named backend, or `auto`: the first of webgpu, webgl, wasm that starts. */
  backend: PageBackend | 'auto';
  data: DataSource;
  config: Partial<SessionConfig>;
}

/** Trained weights of one loss, ready to download: tfjs weights manifest + binary, and the unit item vectors. */
export interface TrainedFiles {
  loss: string;
  /** tfjs `model.json` (weightsManifest pointing at `weightsFile`) for the towers' variables. */
  modelJson: string;
  weightsFile: string;
  weights: ArrayBuffer;
  /** [numItems, dim] float32, row i - 1 = item i. */
  itemVectors: ArrayBuffer;
  numItems: number;
  dim: number;
}

/** Worker -> page. */
export type WorkerMessage =
  | { type: 'backend'; started: StartedBackend; notes: string[] }
  | { type: 'backend-failed'; backend: PageBackend; message: string; next: PageBackend | null }
  | { type: 'data'; name: string; users: number; items: number; interactions: number; parseMs: number }
  | { type: 'data-failed'; message: string }
  | { type: 'progress'; loss: string; description: string; step: number; steps: number; value: number; stepsPerSecond: number }
  | { type: 'validation'; loss: string; description: string; step: number; recall: MetricAtN; baseline: MetricAtN }
  | { type: 'run'; run: RunResult }
  | { type: 'trained'; files: TrainedFiles }
  | { type: 'done'; results: Results }
  | { type: 'failed'; message: string };
