/** The paper's experiment protocol, once for both examples: split users, train one two-tower model with early stopping, test it. */
import { evaluationSet, itemCounts, mostPopularItems, splitUsers, trainingSampler, type EvaluationSet, type SequenceDataset } from '@croloss/data';
import type { RetrievalLoss } from '@croloss/loss';
import { metricsForFixedRanking, type RetrievalMetrics } from '@croloss/metrics';
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
  /** The N of the validation Recall reported to `onValidation` (default: `[validN]`; must include validN). */
  validationNs?: number[];
  /** Steps between training-loss read-backs (default: min(50, evalEvery / 2)). */
  logEvery?: number;
}

/** Progress, checkpoints and a look at the trained model, all optional. */
export interface ProtocolHooks {
  onStepLog?(info: { step: number; loss: number; stepsPerSecond: number }): void;
  onEval?(info: { step: number; metric: number; best: boolean }): void;
  /** At each validation, before `onEval`: validation Recall@N at every N of `settings.validationNs`. */
  onValidation?(info: { step: number; recall: Record<number, number> }): void;
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
  const validationNs = settings.validationNs ?? [settings.validN];
  let validation: Record<number, number> = {};
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
      logEvery: settings.logEvery ?? Math.max(1, Math.min(50, Math.floor(settings.evalEvery / 2))),
      evaluate: async (m) => {
        validation = (await evaluateModel(m, prepared.valid, { ns: validationNs })).recall;
        return validation[settings.validN];
      },
      onLog: hooks.onStepLog,
      onEval: (info) => {
        hooks.onValidation?.({ step: info.step, recall: validation });
        hooks.onEval?.(info);
      },
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

/**
 * The most-popular-items baseline on the test users: the items most often seen by the training users, the same
 * ranking for everyone, scored at every N.
 *
 * @example
 * baselineMetrics(dataset, prepareSplit(dataset, 1, 20), [50, 100]).recall[50]; // e.g. 0.046 on Beauty
 */
export function baselineMetrics(dataset: SequenceDataset, prepared: PreparedSplit, ns: number[]): RetrievalMetrics {
  const popular = mostPopularItems(itemCounts(dataset, prepared.train), Math.max(...ns));
  return metricsForFixedRanking(popular, prepared.test.targets, ns);
}

/** One loss's record in results.json: the test metrics at the best validation step, the speed and the validation curve. */
export interface RunRecord {
  loss: string;
  data: string;
  recall: Record<number, number>;
  hitRate: Record<number, number>;
  ndcg: Record<number, number>;
  bestStep: number;
  steps: number;
  trainSeconds: number;
  stepsPerSecond: number;
  /** Validation Recall@validN at each validation step, with the last training loss read back at or before it. */
  history: Array<{ step: number; validRecall: number; loss: number }>;
}

/**
 * The record of one {@link trainAndTest} run under the loss's description and the data set's name.
 *
 * @example
 * const run = runRecord('croloss(softplus, alpha=1)', 'amazon-beauty', await trainAndTest(dataset, prepared, loss, 1, settings));
 */
export function runRecord(description: string, dataName: string, { result, metrics }: ProtocolResult): RunRecord {
  const history = result.evaluations.map((e) => {
    const near = result.losses.filter((l) => l.step <= e.step).slice(-1)[0];
    return { step: e.step, validRecall: e.metric, loss: near ? near.loss : NaN };
  });
  return {
    loss: description,
    data: dataName,
    recall: metrics.recall,
    hitRate: metrics.hitRate,
    ndcg: metrics.ndcg,
    bestStep: result.bestStep,
    steps: result.steps,
    trainSeconds: result.seconds,
    stepsPerSecond: result.steps / Math.max(result.seconds, 1e-9),
    history,
  };
}
