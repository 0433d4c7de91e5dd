/** Runs the experiment's losses side by side, one worker thread (and tfjs backend) each, and merges their results. */
import { Worker } from 'node:worker_threads';
import type { BackendName } from '@croloss/backends';
import type { SequenceDataset } from '@croloss/data';
import type { RunResult, Results } from './report/results';
import { experimentResults, prepareExperiment, type ExperimentConfig, type ExperimentHooks } from './run-experiment';
import type { LossWorkerInput, LossWorkerMessage } from './worker-messages';

/** Where the data comes from and which backend each worker starts. */
export interface WorkerSource {
  data: string | undefined;
  format: string;
  backend: BackendName;
  /** The built worker script (dist/loss-worker.js next to dist/main.js). */
  workerUrl: URL;
}

/** Trains one loss in a new worker; resolves with its run, forwarding its progress to `hooks`. */
function runWorker(name: string, config: ExperimentConfig, source: WorkerSource, hooks: ExperimentHooks): Promise<RunResult> {
  const input: LossWorkerInput = { loss: name, config, data: source.data, format: source.format, backend: source.backend };
  return new Promise((resolve, reject) => {
    const worker = new Worker(source.workerUrl, { workerData: input });
    let result: RunResult | undefined;
    let failure: string | undefined;
    worker.on('message', (message: LossWorkerMessage) => {
      switch (message.kind) {
        case 'log': hooks.log(`[${name}] ${message.line}`); break;
        case 'start': hooks.onLossStart?.(name, message.description); break;
        case 'step': hooks.onStepLog?.(name, message.info); break;
        case 'eval': hooks.onEval?.(name, message.info); break;
        case 'result': result = message.run; break;
        case 'error': failure = message.message; break;
      }
    });
    worker.on('error', (error) => (failure ??= error.stack ?? error.message));
    worker.on('exit', (code) => {
      hooks.onLossEnd?.(name);
      if (result && failure === undefined) resolve(result);
      else reject(new Error(`the worker training ${name} failed${failure ? `: ${failure}` : ` (exit code ${code})`}`));
    });
  });
}

/**
 * The experiment of {@link runExperiment} with every loss in its own worker thread, at most `workers` at a time,
 * each with its own tfjs backend: the same seeds give the same results as the sequential run (each loss's run
 * depends only on the data and the config). Results keep the order of config.losses.
 */
export async function runExperimentInWorkers(
  dataset: SequenceDataset,
  config: ExperimentConfig,
  source: WorkerSource,
  workers: number,
  hooks: ExperimentHooks,
): Promise<Omit<Results, 'createdAt' | 'command' | 'backend'>> {
  const prepared = prepareExperiment(dataset, config, hooks.log);
  const runs: RunResult[] = new Array(config.losses.length);
  let next = 0;
  const lane = async () => {
    while (next < config.losses.length) {
      const i = next++;
      runs[i] = await runWorker(config.losses[i], config, source, hooks);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(workers, config.losses.length)) }, lane));
  return experimentResults(dataset, config, prepared, runs);
}
