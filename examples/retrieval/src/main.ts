/**
 * The main job: trains a two-tower retrieval model on the embedded Amazon Beauty data (or your file) with
 * softmax cross-entropy, CROLoss and CROLoss-lambda under one budget, and writes the Recall@N table,
 * results.json and a Recall@N-versus-N plot (SVG, PNG). `npm start` at the repository root runs it. On wasm and
 * cpu the losses train side by side, one worker thread (and tfjs backend) each (--workers).
 */
import '@tensorflow/tfjs-layers'; // registers tfjs-core's gradients in Node
import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { selectBackend, BACKEND_NAMES, type BackendName } from '@croloss/backends';
import { loadCheckpoint, saveCheckpoint } from './checkpoint-files';
import { KERNELS, LOSS_NAMES } from './losses';
import { createMultiProgress, createProgress, formatRecallTable, writeReport, type Progress, type Results } from './report/index';
import { DATA_FORMATS, loadDataFile, writeFileAtomic } from '@croloss/data';
import { runExperiment, type ExperimentConfig } from './run-experiment';
import { portableCommand } from './portable-command';
import { checkOptions, checkOptionsForData, type MainOptions } from './check-options';
import { runExperimentInWorkers } from './run-in-workers';

const int = (flag: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} must be an integer >= 1, got ${JSON.stringify(value)}`);
  return n;
};
const num = (flag: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`${flag} must be a number, got ${JSON.stringify(value)}`);
  return n;
};
const list = (value: string) => value.split(',').map((s) => s.trim()).filter(Boolean);

const program = new Command('croloss-retrieval')
  .description('Train a two-tower retrieval model with CROLoss and baselines, report Recall@N.')
  .option('--data <path>', 'data file (default: the embedded Amazon Beauty, 22,363 users)')
  .addOption(new Option('--format <format>', 'data file format').choices([...DATA_FORMATS]).default('sequence'))
  .option('--losses <list>', `comma-separated losses among ${LOSS_NAMES.join(', ')}`, list, ['softmax', 'croloss', 'lambda'])
  .addOption(new Option('--kernel <kernel>', 'kernel of croloss').choices(Object.keys(KERNELS)).default('softplus'))
  .addOption(new Option('--weight-kernel <kernel>', 'phi1 of lambda').choices(Object.keys(KERNELS)).default('sigmoid'))
  .addOption(new Option('--gradient-kernel <kernel>', 'phi2 of lambda').choices(Object.keys(KERNELS)).default('softplus'))
  .option('--alpha <alpha>', 'power-law alpha of croloss and lambda', num('--alpha'), 1)
  .option('--steps <n>', 'training steps per loss', int('--steps'), 800)
  .option('--batch <n>', 'batch size n_bs', int('--batch'), 256)
  .option('--negatives <n>', 'uniform negatives shared by the batch (n_rn * n_bs)', int('--negatives'), 2560)
  .option('--eval-every <n>', 'steps between validation Recall checks (early stopping)', int('--eval-every'), 200)
  .option('--patience <n>', 'validation checks without improvement before stopping', int('--patience'), 1000)
  .option('--lr <rate>', 'Adam learning rate', num('--lr'), 0.02)
  .option('--sparse-updates', 'lazy Adam: update only the item-embedding rows each step touches (faster on large catalogues; not the paper\'s dense Adam)', false)
  .option('--dim <n>', 'embedding dimension d', int('--dim'), 32)
  .option('--tau <tau>', 'score temperature: S = tau * cos', num('--tau'), 10)
  .option('--max-history <n>', 'history length (20 Amazon, 50 Taobao)', int('--max-history'), 20)
  .option('--ns <list>', 'retrieval sizes N reported', (v: string) => list(v).map((x) => int('--ns')(x)), [20, 50, 100, 200, 500])
  .option('--seed <n>', 'seed of the split, initialisation and sampling', int('--seed'), 1)
  .addOption(new Option('--backend <backend>', 'TensorFlow.js backend (default: wasm, cpu if wasm cannot start)').choices([...BACKEND_NAMES]).default('wasm'))
  .option('--out <dir>', 'output folder', 'results')
  .option('--checkpoint-dir <dir>', 'save a checkpoint every --eval-every steps and resume from it')
  .option('--export-embeddings', 'write each model\'s unit item vectors to <out>/item-embeddings-<loss>.f32 (+ .json)')
  .option('--workers <n>', 'worker threads training losses side by side on wasm/cpu (default: one per loss; 1: one after the other)', int('--workers'));

async function main(): Promise<void> {
  program.parse();
  const opts = program.opts();
  // `npm start` runs this in the workspace folder; relative paths mean the folder the user typed the command in.
  const fromUser = (path: string | undefined) => (path === undefined ? undefined : resolve(process.env.INIT_CWD ?? process.cwd(), path));
  opts.out = fromUser(opts.out);
  opts.data = fromUser(opts.data);
  opts.checkpointDir = fromUser(opts.checkpointDir);
  checkOptions(opts as MainOptions); // every flag, before a backend starts or the data is read
  const started = Date.now();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  // The default (no --backend) is wasm with cpu as the fallback; a backend named on the command line must start.
  const selection = program.getOptionValueSource('backend') === 'default'
    ? await selectBackend('wasm', { log }).catch((error: Error) => {
      log(`wasm did not start (${error.message}); falling back to cpu`);
      return selectBackend('cpu', { log });
    })
    : await selectBackend(opts.backend as BackendName, { log });
  const dataset = await loadDataFile(opts.data, opts.format);
  for (const warning of dataset.warnings) log(`warning: ${warning}`);
  checkOptionsForData(opts as MainOptions, dataset.numItems);
  const ns = [...new Set(opts.ns as number[])].sort((a, b) => a - b);
  const config: ExperimentConfig = {
    losses: opts.losses, kernel: opts.kernel, weightKernel: opts.weightKernel, gradientKernel: opts.gradientKernel,
    alpha: opts.alpha, steps: opts.steps, batchSize: opts.batch, numNegatives: opts.negatives, evalEvery: opts.evalEvery,
    patience: opts.patience, learningRate: opts.lr, sparseUpdates: opts.sparseUpdates, dim: opts.dim, tau: opts.tau, maxHistory: opts.maxHistory, seed: opts.seed,
    ns, validN: ns.includes(100) ? 100 : ns[ns.length - 1],
  };
  let progress: Progress | undefined;
  const checkpointDir = opts.checkpointDir as string | undefined;
  // Side by side in worker threads: each loss's run depends only on the data and the config (same results as one
  // after the other). Checkpoints, exported embeddings and webgpu (one device) keep the sequential loop.
  const workers = Math.min(opts.workers ?? config.losses.length, config.losses.length);
  const parallel = workers > 1 && (selection.backend === 'wasm' || selection.backend === 'cpu') && !checkpointDir && !opts.exportEmbeddings;
  if (workers > 1 && !parallel) log(`training the losses one after the other (${checkpointDir || opts.exportEmbeddings ? '--checkpoint-dir / --export-embeddings' : selection.backend})`);
  if (parallel) log(`training ${config.losses.join(', ')} side by side in ${workers} worker threads (${availableParallelism()} cores)`);
  const multi = parallel ? createMultiProgress({ total: config.steps }) : undefined;
  const experiment = parallel ? await runExperimentInWorkers(dataset, config, {
    data: opts.data, format: opts.format, backend: selection.backend as BackendName, workerUrl: new URL('./loss-worker.js', import.meta.url),
  }, workers, {
    log: (line) => (multi ? multi.log(line) : log(line)),
    onLossStart: (_name, description) => multi!.log(`training ${description} for ${config.steps} steps`),
    onStepLog: (name, info) => multi!.bar(name).update(info.step, { loss: info.loss, stepsPerSecond: info.stepsPerSecond }),
    onEval: (name, info) => multi!.log(`[${name}] step ${info.step}: validation Recall@${config.validN} ${(100 * info.metric).toFixed(2)}%${info.best ? ' (best)' : ''}`),
    onLossEnd: (name) => multi!.bar(name).stop(),
  }).finally(() => multi?.stop()) : await runExperiment(dataset, config, {
    log: (line) => (progress ? progress.log(line) : log(line)),
    onLossStart: (name, description) => {
      log(`training ${description} for ${config.steps} steps`);
      progress = createProgress({ total: config.steps, label: name });
    },
    onStepLog: (_name, info) => progress?.update(info.step, { loss: info.loss, stepsPerSecond: info.stepsPerSecond }),
    onEval: (name, info) => progress?.log(`[${name}] step ${info.step}: validation Recall@${config.validN} ${(100 * info.metric).toFixed(2)}%${info.best ? ' (best)' : ''}`),
    onLossEnd: () => {
      progress?.stop();
      progress = undefined;
    },
    onTrained: opts.exportEmbeddings ? async (name, model) => {
      const { numItems, dim, vectors } = await model.exportItemEmbeddings();
      await mkdir(opts.out, { recursive: true });
      const base = join(opts.out, `item-embeddings-${name}`);
      await writeFileAtomic(`${base}.f32`, new Uint8Array(vectors.buffer));
      await writeFileAtomic(`${base}.json`, `${JSON.stringify({ format: 'float32 little-endian, row-major', rows: numItems, dim, row: 'row i - 1 is item id i (unit vectors)' })}\n`);
      log(`wrote ${base}.f32 (${numItems} x ${dim})`);
    } : undefined,
    checkpoint: checkpointDir ? (name, state) => saveCheckpoint(join(checkpointDir, name), state) : undefined,
    resume: checkpointDir ? async (name) => {
      const state = await loadCheckpoint(join(checkpointDir, name));
      if (state) log(`resuming ${name} from step ${state.step} (${join(checkpointDir, name)})`);
      return state;
    } : undefined,
  });
  const results: Results = {
    createdAt: new Date().toISOString(),
    command: portableCommand('croloss-retrieval', process.argv.slice(2), process.env.INIT_CWD ?? process.cwd()),
    backend: selection.adapter ? `${selection.backend} (${selection.adapter})` : selection.backend,
    ...experiment,
  };
  const files = await writeReport(opts.out, results, ns);
  process.stdout.write(`\n${formatRecallTable(results, ns)}\n`);
  process.stdout.write(`\nwrote ${Object.values(files).join(', ')} in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`croloss-retrieval: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
