// One-trainer comparison: the fixed TwoTowerModel vs the same model as tfjs-layers towers (trainTowers), paired by seed, same budget.
import '@tensorflow/tfjs-layers';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend, type BackendName } from '@croloss/backends';
import { evaluationSet, loadDefaultDataset, splitUsers, trainingSampler, type EvaluationSet } from '@croloss/data';
import { croLossFunction } from '@croloss/loss';
import { softplus } from '@croloss/kernels';
import { uniformSampler } from '@croloss/sampling';
import {
  evaluateModel, evaluateTowers, retrievalTask, trainTowers, trainTwoTower, twoTowerTowers, TwoTowerModel, type TowerBatchSource,
} from '@croloss/two-tower';

/** `--name value` pairs of the command line. */
function flag(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}

const steps = Number(flag('steps', '400'));
const seeds = flag('seeds', '1,2,3').split(',').map(Number);
const batchSize = Number(flag('batch', '256'));
const numNegatives = Number(flag('negatives', '2560'));
const evalEvery = Number(flag('eval-every', '200'));
const backend = flag('backend', 'wasm') as BackendName;
const settings = { dim: 32, maxHistory: 20, tau: 10, learningRate: 0.02, alpha: 1 };

const log = (line: string) => process.stderr.write(`${line}\n`);
await selectBackend(backend, { log });
const dataset = await loadDefaultDataset();
const numItems = dataset.numItems;
const loss = croLossFunction({ kernel: softplus(), alpha: settings.alpha, numItems });

function towersCorpus() {
  return { size: numItems + 1, features: (a: number, b: number) => tf.tensor2d(Int32Array.from({ length: b - a }, (_, i) => a + i), [b - a, 1], 'int32') };
}

async function towersRecall(queryModel: Parameters<typeof evaluateTowers>[0]['queryModel'], candidateModel: Parameters<typeof evaluateTowers>[0]['candidateModel'], set: EvaluationSet, ns: number[]) {
  const queries = tf.tensor2d(set.histories, [set.targets.length, settings.maxHistory], 'int32');
  try {
    return await evaluateTowers({ queryModel, candidateModel, queries, targets: set.targets, corpus: towersCorpus(), ns, excludeItems: [0] });
  } finally {
    queries.dispose();
  }
}

const rows: Array<{ seed: number; fixed: number; layers: number; fixedSeconds: number; layersSeconds: number; fixed50: number; layers50: number }> = [];
for (const seed of seeds) {
  const split = splitUsers(dataset, { seed });
  const valid = evaluationSet(dataset, split.valid, { maxHistory: settings.maxHistory });
  const test = evaluationSet(dataset, split.test, { maxHistory: settings.maxHistory });

  const model = new TwoTowerModel({ numItems, dim: settings.dim, maxHistory: settings.maxHistory, tau: settings.tau, seed });
  const fixed = await trainTwoTower({
    model, loss, steps, batchSize, numNegatives, learningRate: settings.learningRate, evalEvery, logEvery: 50,
    batches: trainingSampler(dataset, split.train, { seed: seed + 1, maxHistory: settings.maxHistory }),
    negatives: uniformSampler({ numItems, seed: seed + 2 }),
    evaluate: async (m) => (await evaluateModel(m, valid, { ns: [100] })).recall[100],
  });
  const fixedTest = await evaluateModel(model, test, { ns: [50, 100] });
  model.dispose();

  const { queryModel, candidateModel } = twoTowerTowers({ numItems, dim: settings.dim, maxHistory: settings.maxHistory, tau: settings.tau, seed });
  const sampler = trainingSampler(dataset, split.train, { seed: seed + 1, maxHistory: settings.maxHistory });
  const batches: TowerBatchSource = {
    next(size) {
      const b = sampler.next(size);
      return { query: tf.tensor2d(b.histories, [size, settings.maxHistory], 'int32'), candidate: tf.tensor2d(b.targets, [size, 1], 'int32'), candidateIds: b.targets };
    },
  };
  const layers = await trainTowers({
    queryModel, candidateModel, steps, batchSize, learningRate: settings.learningRate, evalEvery, logEvery: 50, batches,
    task: retrievalTask({ loss, tau: settings.tau, inBatchNegatives: false }),
    negatives: { sampler: uniformSampler({ numItems, seed: seed + 2 }), count: numNegatives, features: (ids) => tf.tensor2d(ids, [ids.length, 1], 'int32'), importanceWeights: false },
    evaluate: async () => (await towersRecall(queryModel, candidateModel, valid, [100])).recall[100],
  });
  const layersTest = await towersRecall(queryModel, candidateModel, test, [50, 100]);
  queryModel.dispose();
  candidateModel.dispose();
  const row = {
    seed, fixed: fixedTest.recall[100], layers: layersTest.recall[100], fixed50: fixedTest.recall[50], layers50: layersTest.recall[50],
    fixedSeconds: fixed.seconds, layersSeconds: layers.seconds,
  };
  rows.push(row);
  log(`seed ${seed}: fixed R@100 ${row.fixed.toFixed(4)} (${row.fixedSeconds.toFixed(0)} s), layers R@100 ${row.layers.toFixed(4)} (${row.layersSeconds.toFixed(0)} s)`);
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => Math.sqrt(xs.reduce((a, b) => a + (b - mean(xs)) ** 2, 0) / Math.max(1, xs.length - 1));
const diffs = rows.map((r) => r.layers - r.fixed);
console.log(`| seed | fixed Recall@50 | layers Recall@50 | fixed Recall@100 | layers Recall@100 | layers - fixed (R@100) | fixed s | layers s |`);
console.log(`|---|---|---|---|---|---|---|---|`);
for (const r of rows) {
  console.log(`| ${r.seed} | ${r.fixed50.toFixed(4)} | ${r.layers50.toFixed(4)} | ${r.fixed.toFixed(4)} | ${r.layers.toFixed(4)} | ${(r.layers - r.fixed).toFixed(4)} | ${r.fixedSeconds.toFixed(0)} | ${r.layersSeconds.toFixed(0)} |`);
}
console.log(`| mean | ${mean(rows.map((r) => r.fixed50)).toFixed(4)} | ${mean(rows.map((r) => r.layers50)).toFixed(4)} | ${mean(rows.map((r) => r.fixed)).toFixed(4)} | ${mean(rows.map((r) => r.layers)).toFixed(4)} | ${mean(diffs).toFixed(4)} ± ${sd(diffs).toFixed(4)} (sd) | ${mean(rows.map((r) => r.fixedSeconds)).toFixed(0)} | ${mean(rows.map((r) => r.layersSeconds)).toFixed(0)} |`);
console.log(`\nbudget: ${steps} steps, batch ${batchSize}, ${numNegatives} uniform negatives, croloss(softplus, alpha=1), Adam lr ${settings.learningRate}, eval every ${evalEvery} (valid Recall@100, best restored), backend ${backend}`);
