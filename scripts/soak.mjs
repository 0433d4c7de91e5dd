#!/usr/bin/env node
// Soak test: trains the two-tower model with CROLoss for many steps on the embedded Amazon Beauty data, with
// validation and in-memory checkpoints on the way, and checks that the number of live tensors stays constant and
// that process memory stays bounded. Prints one JSON line per sample and a summary line; exits 1 on a leak.
//
//   npx turbo run build --filter=./packages/*        # the script imports the built packages
//   node scripts/soak.mjs [--steps 20000] [--batch 256] [--negatives 2560] [--backend wasm] [--sample-every 1000]
//
// Pass criteria: from the warm-up sample on (step 4 x sample-every, once validation holds a copy of the best weights)
// tf.memory().numTensors is identical at every sample and RSS grows by less than --max-rss-growth MB (default 64);
// after the model is disposed no tensor is left.
import '@tensorflow/tfjs-layers';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '@croloss/backends';
import { evaluationSet, loadDefaultDataset, splitUsers, trainingSampler } from '@croloss/data';
import { croLossFunction } from '@croloss/loss';
import { uniformSampler } from '@croloss/sampling';
import { evaluateModel, trainTwoTower, TwoTowerModel } from '@croloss/two-tower';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
const num = (name, fallback) => {
  const value = args[name] === undefined ? fallback : Number(args[name]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`soak: --${name} must be a positive number, got ${args[name]}`);
  return value;
};
const steps = num('steps', 20000);
const batchSize = num('batch', 256);
const numNegatives = num('negatives', 2560);
const sampleEvery = num('sample-every', 1000);
const maxRssGrowthMb = num('max-rss-growth', 64);
const mb = (bytes) => Math.round((bytes / 2 ** 20) * 10) / 10;

const selection = await selectBackend(args.backend ?? 'wasm', { log: (line) => process.stderr.write(`${line}\n`) });
const dataset = await loadDefaultDataset();
const split = splitUsers(dataset, { seed: 1 });
const valid = evaluationSet(dataset, split.valid, { maxHistory: 20 });
const model = new TwoTowerModel({ numItems: dataset.numItems, dim: 32, maxHistory: 20, seed: 1 });
const samples = [];
let checkpoints = 0;
const started = Date.now();
const sample = (step, loss) => {
  const memory = process.memoryUsage();
  const row = { step, loss, numTensors: tf.memory().numTensors, tensorMb: mb(tf.memory().numBytes), rssMb: mb(memory.rss), heapMb: mb(memory.heapUsed), seconds: (Date.now() - started) / 1000 };
  samples.push(row);
  process.stdout.write(`${JSON.stringify(row)}\n`);
};
const result = await trainTwoTower({
  model,
  loss: croLossFunction({ alpha: 1, numItems: dataset.numItems }),
  batches: trainingSampler(dataset, split.train, { seed: 2, maxHistory: 20 }),
  negatives: uniformSampler({ numItems: dataset.numItems, seed: 3 }),
  steps, batchSize, numNegatives,
  logEvery: sampleEvery,
  evalEvery: 2 * sampleEvery,
  checkpointEvery: 2 * sampleEvery,
  evaluate: async (m) => (await evaluateModel(m, valid, { ns: [100] })).recall[100],
  onCheckpoint: async (state) => { checkpoints += state.weights.length > 0 ? 1 : 0; },
  onLog: ({ step, loss }) => sample(step, loss),
});
model.dispose();
const warm = samples.find((s) => s.step >= 4 * sampleEvery) ?? samples[0]; // after the first evaluations held their best weights
const last = samples[samples.length - 1];
const tensorCounts = [...new Set(samples.filter((s) => s.step >= warm.step).map((s) => s.numTensors))];
const rssGrowth = Math.round((last.rssMb - warm.rssMb) * 10) / 10;
const summary = {
  backend: selection.backend, steps: result.steps, batchSize, numNegatives, seconds: (Date.now() - started) / 1000,
  stepsPerSecond: Math.round((result.steps / result.seconds) * 10) / 10, evaluations: result.evaluations.length, checkpoints,
  numTensors: tensorCounts, tensorsAfterDispose: tf.memory().numTensors, rssWarmMb: warm.rssMb, rssEndMb: last.rssMb,
  rssPeakMb: Math.max(...samples.map((s) => s.rssMb)), rssGrowthMb: rssGrowth, bestValidRecall100: result.bestMetric,
};
const ok = tensorCounts.length === 1 && rssGrowth < maxRssGrowthMb && summary.tensorsAfterDispose === 0;
process.stdout.write(`${JSON.stringify({ summary, ok })}\n`);
process.exitCode = ok ? 0 : 1;
