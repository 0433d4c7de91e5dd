// Trains and compares the page's losses on one data set: the code the Web Worker runs, and the Node comparison test runs unchanged.
import type { SequenceDataset } from '@croloss/data';
import { baselineMetrics, prepareSplit, runRecord, trainAndTest } from '@croloss/experiment-kit/protocol';
import type { TwoTowerModel } from '@croloss/two-tower';
import { lossByName } from '../../retrieval/src/losses';
import type { MetricAtN, Results, RunResult } from '../../retrieval/src/report/results';
import { checkSessionConfig, type PageLoss, type SessionConfig } from './session-config';

/** What a session reports while it works; the worker forwards each call to the page. */
export interface SessionHooks {
  /** Once, before training: the most-popular baseline's test Recall@N (fractions), for the plot. */
  onBaseline?(recall: MetricAtN): void;
  /** Every `logEvery` steps: the mean training loss and the speed since the previous report. */
  onProgress?(info: { loss: PageLoss; description: string; step: number; steps: number; value: number; stepsPerSecond: number }): void;
  /** At each validation: Recall@N on the validation users for every N of `config.ns` (fractions). */
  onValidation?(info: { loss: PageLoss; description: string; step: number; recall: MetricAtN }): void;
  /** A loss finished: its test metrics at the best validation step. */
  onRun?(run: RunResult): void;
  /** The trained model (best validation weights), before it is disposed. */
  onTrained?(loss: PageLoss, model: TwoTowerModel): Promise<void>;
}

/**
 * Runs the paper's protocol in the page (as the Node example does): users split 8:1:1 by `config.seed`; training
 * samples "first k items predict the (k+1)-th"; validation and test users: first 80% of the history, last 20% as
 * targets; full-corpus ranking. One two-tower model per loss, same seeds and budget for all; the test metrics are
 * taken at the step of the best validation Recall@`validN`, next to the most-popular baseline.
 *
 * Recall@N = mean_u |top_N(u) ∩ T_u| / |T_u|.
 *
 * @param backend the name of the active tfjs backend, recorded in the results.
 * @returns the same `Results` object the Node example writes to results.json (`command` says `browser`).
 * @example
 * ```ts
 * const results = await runSession(beauty, checkSessionConfig({ losses: ['croloss'], steps: 60 }), tf.getBackend());
 * results.runs[0].recall[50] > results.baseline.recall[50]; // true after a few dozen steps on Beauty
 * ```
 */
export async function runSession(dataset: SequenceDataset, partial: Partial<SessionConfig>, backend: string, hooks: SessionHooks = {}): Promise<Results> {
  const config = checkSessionConfig(partial);
  const createdAt = new Date().toISOString();
  const prepared = prepareSplit(dataset, config.seed, config.maxHistory);
  const baseline = baselineMetrics(dataset, prepared, config.ns);
  hooks.onBaseline?.(baseline.recall);
  const runs: RunResult[] = [];
  for (const name of config.losses) {
    const loss = lossByName(name, { ...config, numItems: dataset.numItems });
    const run = runRecord(loss.description, dataset.name, await trainAndTest(dataset, prepared, loss, config.seed, {
      ...config,
      patience: Infinity, // the page runs its whole budget; the test metrics are those of the best validation step
      validationNs: config.ns,
      logEvery: Math.max(1, Math.min(10, config.evalEvery)),
    }, {
      onValidation: ({ step, recall }) => hooks.onValidation?.({ loss: name, description: loss.description, step, recall }),
      onStepLog: (info) => hooks.onProgress?.({ loss: name, description: loss.description, step: info.step, steps: config.steps, value: info.loss, stepsPerSecond: info.stepsPerSecond }),
      onTrained: hooks.onTrained ? (model) => hooks.onTrained!(name, model) : undefined,
    }));
    runs.push(run);
    hooks.onRun?.(run);
  }
  return {
    createdAt,
    command: `browser: ${JSON.stringify(config)}`,
    backend,
    data: { name: dataset.name, users: dataset.numUsers, items: dataset.numItems, interactions: dataset.items.length },
    baseline: { name: 'most popular items', recall: baseline.recall, hitRate: baseline.hitRate, ndcg: baseline.ndcg },
    runs,
    config: { ...config },
  };
}
