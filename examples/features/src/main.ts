// CLI of the features example: softmax and CROLoss, with and without the item-category feature, on the committed Taobao head.
import '@tensorflow/tfjs-layers';
import { selectBackend, type BackendName } from '@croloss/backends';
import { loadTaobaoFeatures } from './load-taobao-features';
import { DEFAULT_CONFIG, runFeatures, type FeaturesLoss, type FeaturesRun } from './run-features';

function flag(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}

const config = {
  ...DEFAULT_CONFIG,
  steps: Number(flag('steps', String(DEFAULT_CONFIG.steps))),
  evalEvery: Number(flag('eval-every', String(DEFAULT_CONFIG.evalEvery))),
};
const seeds = flag('seeds', '1').split(',').map(Number);
const log = (line: string) => process.stderr.write(`${line}\n`);
await selectBackend(flag('backend', 'wasm') as BackendName, { log });
const data = await loadTaobaoFeatures();
log(`Taobao UserBehavior head: ${data.dataset.numUsers} users, ${data.dataset.numItems} items, ${data.numCategories} categories (${data.itemsWithSeveralCategories} items under several: first kept), ${data.dataset.items.length} page views`);
const runs: Array<FeaturesRun & { seed: number }> = [];
for (const seed of seeds) {
  for (const loss of ['softmax', 'croloss'] as FeaturesLoss[]) {
    for (const withCategories of [false, true]) {
      const run = await runFeatures(data, loss, withCategories, { ...config, seed });
      runs.push({ ...run, seed });
      log(`seed ${seed} ${loss} ${withCategories ? 'with' : 'without'} categories: ${config.ns.map((n) => `R@${n} ${run.recall[n].toFixed(4)}`).join(', ')} (best step ${run.bestStep}, ${run.seconds.toFixed(0)} s)`);
    }
  }
}
console.log(`| loss | category feature | ${config.ns.map((n) => `Recall@${n}`).join(' | ')} | seeds |`);
console.log(`|---|---|${config.ns.map(() => '---|').join('')}---|`);
for (const loss of ['softmax', 'croloss'] as FeaturesLoss[]) {
  for (const withCategories of [false, true]) {
    const mine = runs.filter((r) => r.loss === loss && r.withCategories === withCategories);
    const mean = (n: number) => mine.reduce((s, r) => s + r.recall[n], 0) / mine.length;
    console.log(`| ${loss} | ${withCategories ? 'yes' : 'no'} | ${config.ns.map((n) => mean(n).toFixed(4)).join(' | ')} | ${mine.map((r) => r.seed).join(',')} |`);
  }
}
console.log(`\n${config.steps} steps, batch ${config.batchSize}, in-batch + ${config.numNegatives} popularity negatives (importance-weighted), Adam lr ${config.learningRate}, d ${config.dim}, tau ${config.tau}, L ${config.maxHistory}, early stopping on valid Recall@${config.validN} every ${config.evalEvery} steps`);
