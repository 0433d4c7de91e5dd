/** Worker thread of the main job: trains one loss with its own tfjs backend and posts progress and the result. */
import '@tensorflow/tfjs-layers'; // registers tfjs-core's gradients in this thread
import { parentPort, workerData } from 'node:worker_threads';
import { selectBackend } from '@croloss/backends';
import { loadDataFile } from '@croloss/data';
import { prepareExperiment, trainOneLoss } from './run-experiment';
import type { LossWorkerInput, LossWorkerMessage } from './worker-messages';

const post = (message: LossWorkerMessage) => parentPort!.postMessage(message);

async function work(input: LossWorkerInput): Promise<void> {
  await selectBackend(input.backend, { log: () => {} });
  const dataset = await loadDataFile(input.data, input.format);
  const prepared = prepareExperiment(dataset, input.config, () => {});
  const run = await trainOneLoss(dataset, input.config, prepared, input.loss, {
    log: (line) => post({ kind: 'log', line }),
    onLossStart: (_name, description) => post({ kind: 'start', description }),
    onStepLog: (_name, info) => post({ kind: 'step', info }),
    onEval: (_name, info) => post({ kind: 'eval', info }),
  });
  post({ kind: 'result', run });
}

work(workerData as LossWorkerInput).catch((error: unknown) => {
  post({ kind: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
});
