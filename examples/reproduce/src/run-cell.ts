/** One cell of the reproduce grid: its loss through the shared experiment protocol (@croloss/experiment-kit), stored as a CellResult. */
import * as tf from '@tensorflow/tfjs-core';
import type { SequenceDataset } from '@croloss/data';
import { prepareSplit, runRecord, trainAndTest, type PreparedSplit, type ProtocolSettings, type RunRecord } from '@croloss/experiment-kit';
import type { Cell } from './grid';
import { lossForSpec } from './losses';

export { prepareSplit, type PreparedSplit };

/** Training and evaluation settings shared by every cell (the paper's section 4.1): the shared protocol's settings. */
export type CellSettings = ProtocolSettings;

/** The paper's protocol with this repository's defaults (examples/retrieval): n_bs 256, n_rn * n_bs 2,560, d 32, tau 10, lr 0.02. */
export const DEFAULT_SETTINGS: CellSettings = {
  steps: 3000, evalEvery: 500, patience: 1000, batchSize: 256, numNegatives: 2560, learningRate: 0.02,
  dim: 32, tau: 10, maxHistory: 20, ns: [10, 20, 50, 100, 200, 500, 1000], validN: 100,
};

/**
 * What one finished cell stores (`<out>/cells/<id>.json`): the protocol's run record (metrics are fractions in
 * [0, 1], keyed by N) with the data set's size, the cell, its settings and where it ran; its history keeps the
 * validation Recall only.
 */
export interface CellResult extends Omit<RunRecord, 'data' | 'history'> {
  id: string;
  cell: Cell;
  data: { name: string; users: number; items: number; interactions: number };
  stoppedEarly: boolean;
  history: Array<{ step: number; validRecall: number }>;
  settings: CellSettings;
  backend: string;
  finishedAt: string;
}

/** Progress of one cell's training. */
export interface CellHooks {
  onStepLog?(info: { step: number; loss: number; stepsPerSecond: number }): void;
  onEval?(info: { step: number; metric: number; best: boolean }): void;
}

/**
 * Trains one cell with the protocol examples/retrieval's runExperiment uses (trainAndTest): a two-tower model (seeded by the cell's seed)
 * on "first k behaviours predict the (k+1)-th" samples of the training users, uniform negatives shared by the
 * batch, Adam, validation Recall@validN every `evalEvery` steps with the best weights restored (early stopping),
 * then test Recall / HitRate / NDCG at every N (full-corpus ranking).
 *
 * @example
 * const result = await runCell(data, buildGrid({ seeds: [1], only: /^softmax/ })[0], { ...DEFAULT_SETTINGS, steps: 50 });
 * result.recall[100]; // e.g. 0.05
 */
export async function runCell(dataset: SequenceDataset, cell: Cell, settings: CellSettings, options: { prepared?: PreparedSplit; hooks?: CellHooks; backend?: string } = {}): Promise<CellResult> {
  const prepared = options.prepared && options.prepared.seed === cell.seed ? options.prepared : prepareSplit(dataset, cell.seed, settings.maxHistory);
  const loss = lossForSpec(cell.loss, dataset.numItems);
  const run = await trainAndTest(dataset, prepared, loss, cell.seed, settings, options.hooks);
  const { data: _name, history, ...record } = runRecord(loss.description, dataset.name, run);
  return {
    id: cell.id,
    cell,
    ...record,
    data: { name: dataset.name, users: dataset.numUsers, items: dataset.numItems, interactions: dataset.items.length },
    stoppedEarly: run.result.stoppedEarly,
    history: history.map(({ step, validRecall }) => ({ step, validRecall })),
    settings,
    backend: options.backend ?? tf.getBackend(),
    finishedAt: new Date().toISOString(),
  };
}
