/**
 * Quickstart: "install only the loss". An existing tfjs-layers model is compiled with
 * tf.losses.softmaxCrossEntropy, then with the CROLoss preset that equals it, then with a CROLoss tuned for small N;
 * each is trained the same way on the embedded Amazon Beauty data and its test Recall@N printed.
 */
import '@tensorflow/tfjs-layers';
import { Command } from 'commander';
import { selectBackend, type BackendName } from '@croloss/backends';
import { loadDefaultDataset } from '@croloss/data';
import { runQuickstart } from './quickstart';

const program = new Command('croloss-quickstart')
  .option('--steps <n>', 'training steps per loss', (v) => Number(v), 150)
  .option('--batch <n>', 'batch size', (v) => Number(v), 128)
  .option('--backend <name>', 'wasm, cpu, webgpu, tensorflow or auto', 'wasm')
  .option('--seed <n>', 'seed', (v) => Number(v), 1);

program.parse();
const opts = program.opts();
const log = (line: string) => process.stderr.write(`${line}\n`);
await selectBackend(opts.backend as BackendName, { log });
const dataset = await loadDefaultDataset();
const ns = [20, 50, 100];
const results = await runQuickstart(dataset, { steps: opts.steps, batchSize: opts.batch, ns, seed: opts.seed, log });
const width = Math.max(...results.map((r) => r.loss.length));
process.stdout.write(`\n${'loss passed to model.compile'.padEnd(width)}  ${ns.map((n) => `R@${n}`.padStart(7)).join(' ')}\n`);
for (const r of results) process.stdout.write(`${r.loss.padEnd(width)}  ${ns.map((n) => (100 * r.recall[n]).toFixed(2).padStart(7)).join(' ')}\n`);
