/** The retrieval example's experiment: every loss through the shared protocol (@croloss/experiment-kit), next to the most-popular baseline. */
import * as tf from '@tensorflow/tfjs-core';
import type { SequenceDataset } from '@croloss/data';
import { baselineMetrics, prepareSplit, runRecord, trainAndTest, type PreparedSplit, type ProtocolSettings } from '@croloss/experiment-kit';
import type { TrainingState, TwoTowerModel } from '@croloss/two-tower';
import { lossByName, type LossSettings } from './losses';
import type { Results, RunResult } from './report/results';

/**
 * Everything one experiment needs besides the data; all losses share it, so they see the same budget: the protocol's
 * settings (@croloss/experiment-kit: steps, batch, negatives, validation, Adam, model) plus the losses and the seed.
 */
export interface ExperimentConfig extends ProtocolSettings {
  losses: string[];
  kernel: string;
  weightKernel: string;
  gradientKernel: string;
  alpha: number;
  seed: number;
}

/** What the runner reports while it works (progress bars in a terminal, plain lines elsewhere). */
export interface ExperimentHooks {
  log(line: string): void;
  onStepLog?(loss: string, info: { step: number; loss: number; stepsPerSecond: number }): void;
  onEval?(loss: string, info: { step: number; metric: number; best: boolean }): void;
  onLossStart?(loss: string, description: string): void;
  onLossEnd?(loss: string): void;
  /** Called with each trained model (best validation weights) before it is disposed. */
  onTrained?(loss: string, model: TwoTowerModel): Promise<void>;
  /** Persist a checkpoint of one loss's run. */
  checkpoint?(loss: string, state: TrainingState): Promise<void>;
  /** A saved state of one loss's run to resume from, if any. */
  resume?(loss: string): Promise<TrainingState | undefined>;
}

/** What every loss's run shares: the split, the evaluation sets and the most-popular baseline (computed once per process). */
export interface PreparedExperiment {
  split: PreparedSplit;
  baselineMetrics: ReturnType<typeof baselineMetrics>;
}

/** Splits the users 8:1:1 (seeded), builds the validation and test sets and the most-popular baseline; logs the sizes. */
export function prepareExperiment(dataset: SequenceDataset, config: ExperimentConfig, log: (line: string) => void): PreparedExperiment {
  const split = prepareSplit(dataset, config.seed, config.maxHistory);
  const { counts } = split;
  log(`data ${dataset.name}: ${dataset.numUsers} users, ${dataset.numItems} items, ${dataset.items.length} interactions; ` +
    `users train ${counts.train} / valid ${counts.valid} / test ${counts.test} (dropped ${counts.dropped} with < 2 items)`);
  return { split, baselineMetrics: baselineMetrics(dataset, split, config.ns) };
}

/**
 * Trains the model of one loss through the shared protocol (fresh model and samplers from `config.seed`, so a run
 * depends on nothing but its arguments: the same in a worker thread as in the sequential loop) and returns its
 * test metrics at the best validation point.
 */
export async function trainOneLoss(dataset: SequenceDataset, config: ExperimentConfig, prepared: PreparedExperiment, name: string, hooks: ExperimentHooks): Promise<RunResult> {
  const settings: LossSettings = { ...config, numItems: dataset.numItems };
  const loss = lossByName(name, settings);
  hooks.onLossStart?.(name, loss.description);
  try {
    const run = await trainAndTest(dataset, prepared.split, loss, config.seed, config, {
      onStepLog: (info) => hooks.onStepLog?.(name, info),
      onEval: (info) => hooks.onEval?.(name, info),
      checkpoint: hooks.checkpoint ? (state) => hooks.checkpoint!(name, state) : undefined,
      resume: await hooks.resume?.(name),
      onTrained: hooks.onTrained ? (model) => hooks.onTrained!(name, model) : undefined,
    });
    return runRecord(loss.description, dataset.name, run);
  } finally {
    hooks.onLossEnd?.(name);
  }
}

/** The results object of an experiment from its runs (in the order of config.losses). */
export function experimentResults(dataset: SequenceDataset, config: ExperimentConfig, prepared: PreparedExperiment, runs: RunResult[]): Omit<Results, 'createdAt' | 'command' | 'backend'> {
  const { baselineMetrics } = prepared;
  return {
    data: { name: dataset.name, users: dataset.numUsers, items: dataset.numItems, interactions: dataset.items.length },
    baseline: { name: 'most popular items', recall: baselineMetrics.recall, hitRate: baselineMetrics.hitRate, ndcg: baselineMetrics.ndcg },
    runs,
    config: { ...config },
  };
}

/**
 * Trains one two-tower model per loss on the paper's protocol (users split 8:1:1; training samples "first k
 * behaviours predict the (k+1)-th"; evaluation users: first 80% history, last 20% targets; full-corpus ranking)
 * and returns test Recall/HitRate/NDCG@N of the best validation point, next to the most-popular baseline.
 * One loss after the other in this thread; src/run-in-workers.ts runs them side by side.
 */
export async function runExperiment(dataset: SequenceDataset, config: ExperimentConfig, hooks: ExperimentHooks): Promise<Omit<Results, 'createdAt' | 'command' | 'backend'>> {
  const prepared = prepareExperiment(dataset, config, hooks.log);
  const runs: RunResult[] = [];
  for (const name of config.losses) {
    runs.push(await trainOneLoss(dataset, config, prepared, name, hooks));
    if (tf.memory().numTensors > 64) hooks.log(`note: ${tf.memory().numTensors} tensors alive after ${name}`);
  }
  return experimentResults(dataset, config, prepared, runs);
}
