/** The paper's experiment protocol, once for both examples: split users, train one two-tower model with early stopping, test it. */
import { evaluationSet, splitUsers, trainingSampler, type EvaluationSet, type SequenceDataset } from '@croloss/data';
import type { RetrievalLoss } from '@croloss/loss';
import type { RetrievalMetrics } from '@croloss/metrics';
import { uniformSampler } from '@croloss/sampling';
import { evaluateModel, trainTwoTower, TwoTowerModel, type TrainingState, type TrainResult } from '@croloss/two-tower';

/** The users split 8:1:1 by seed and their evaluation sets; computed once per seed and shared by its runs. */
export interface PreparedSplit {
  seed: number;
  train: Int32Array | number[];
  valid: EvaluationSet;
  test: EvaluationSet;
  /** Users of each part, and users dropped for having fewer than 2 items. */
  counts: { train: number; valid: number; test: number; dropped: number };
}

/**
 * Splits users with the seed (paper: 8:1:1) and builds the validation and test sets (first 80% history, last 20%
 * targets, at most `maxHistory` items of history).
 *
 * @example
 * const prepared = prepareSplit(dataset, 1, 20); // prepared.valid.targets: the held-out items of each valid user
 */
export function prepareSplit(dataset: SequenceDataset, seed: number, maxHistory: number): PreparedSplit {
  const split = splitUsers(dataset, { seed });
  return {
    seed,
    train: split.train,
    valid: evaluationSet(dataset, split.valid, { maxHistory }),
    test: evaluationSet(dataset, split.test, { maxHistory }),
    counts: { train: split.train.length, valid: split.valid.length, test: split.test.length, dropped: split.dropped },
  };
}

/** Training and evaluation settings of one run (the paper's section 4.1). */
export interface ProtocolSettings {
  steps: number;
  evalEvery: number;
  /** Validation checks without improvement before stopping. */
  patience: number;
  batchSize: number;
  numNegatives: number;
  learningRate: number;
  /** Lazy Adam (sparse embedding-row updates, see @croloss/two-tower). Default false. */
  sparseUpdates?: boolean;
  dim: number;
  tau: number;
  maxHistory: number;
  /** Retrieval sizes N of the test metrics. */
  ns: number[];
  /** N of the validation Recall@N used for early stopping (100 in the paper). */
  validN: number;
}

/** Progress, checkpoints and a look at the trained model, all optional. */
export interface ProtocolHooks {
  onStepLog?(info: { step: number; loss: number; stepsPerSecond: number }): void;
  onEval?(info: { step: number; metric: number; best: boolean }): void;
  /** Persists a checkpoint every `evalEvery` steps. */
  checkpoint?(state: TrainingState): Promise<void>;
  /** A state saved by `checkpoint` to resume from. */
  resume?: TrainingState;
  /** Called with the trained model (best validation weights restored) after the test, before it is disposed. */
  onTrained?(model: TwoTowerModel): Promise<void>;
}

/** What {@link trainAndTest} returns: the training record and the test metrics at every N (fractions in [0, 1]). */
export interface ProtocolResult {
  result: TrainResult;
  metrics: RetrievalMetrics;
}

/**
 * One run of the protocol: a two-tower model seeded by `seed` trained on "first k behaviours predict the (k+1)-th"
 * samples of the training users (sampler seed + 1), uniform negatives shared by the batch (seed + 2), Adam,
 * validation Recall@validN every `evalEvery` steps with the best weights restored (early stopping), then test
 * Recall / HitRate / NDCG at every N (full-corpus ranking). The model is disposed before it returns.
 *
 * @example
 * const { metrics } = await trainAndTest(dataset, prepareSplit(dataset, 1, 20), lossFromSpec({ loss: 'softmax' }), 1, settings);
 * metrics.recall[100]; // e.g. 0.05
 */
export async function trainAndTest(
  dataset: SequenceDataset,
  prepared: PreparedSplit,
  loss: RetrievalLoss,
  seed: number,
  settings: ProtocolSettings,
  hooks: ProtocolHooks = {},
): Promise<ProtocolResult> {
  const model = new TwoTowerModel({ numItems: dataset.numItems, dim: settings.dim, maxHistory: settings.maxHistory, tau: settings.tau, seed });
  try {
    const result = await trainTwoTower({
      model,
      loss,
      batches: trainingSampler(dataset, prepared.train, { seed: seed + 1, maxHistory: settings.maxHistory }),
      negatives: uniformSampler({ numItems: dataset.numItems, seed: seed + 2 }),
      steps: settings.steps,
      batchSize: settings.batchSize,
      numNegatives: settings.numNegatives,
      learningRate: settings.learningRate,
      sparseUpdates: settings.sparseUpdates ?? false,
      evalEvery: settings.evalEvery,
      patience: settings.patience,
      logEvery: Math.max(1, Math.min(50, Math.floor(settings.evalEvery / 2))),
      evaluate: async (m) => (await evaluateModel(m, prepared.valid, { ns: [settings.validN] })).recall[settings.validN],
      onLog: hooks.onStepLog,
      onEval: hooks.onEval,
      ...(hooks.checkpoint ? { onCheckpoint: hooks.checkpoint, checkpointEvery: settings.evalEvery } : {}),
      resume: hooks.resume,
    });
    const metrics = await evaluateModel(model, prepared.test, { ns: settings.ns });
    await hooks.onTrained?.(model);
    return { result, metrics };
  } finally {
    model.dispose();
  }
}
