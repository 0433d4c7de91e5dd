/**
 * Reproduces the CROLoss paper's section 4 on a data set (default: the embedded Amazon Beauty): runs the grid of
 * losses x kernels x alphas x seeds resumably (one JSON file per finished cell), then writes results.md (Tables
 * 2-4 and the findings C1-C4), all-cells.json and Figures 3-5 (SVG + PNG).
 */
import '@tensorflow/tfjs-layers'; // registers tfjs-core's gradients in Node
import { DATA_FORMATS, loadDataFile } from '@croloss/data';
import { availableParallelism } from 'node:os';
import { Command, Option } from 'commander';
import { selectBackend, BACKEND_NAMES, type BackendName } from '@croloss/backends';
import { buildGrid, DEFAULT_ALPHAS, DEFAULT_SEEDS } from './grid';
import { DEFAULT_SETTINGS, type CellSettings } from './run-cell';
import { workerCellPool } from './cell-pool';
import { formatDuration, runGrid } from './run-grid';
import { writeOutputs } from './write-outputs';

const int = (flag: string, min = 1) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`${flag} must be an integer >= ${min}, got ${JSON.stringify(value)}`);
  return n;
};
const num = (flag: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${flag} must be a number >= 0, got ${JSON.stringify(value)}`);
  return n;
};
const list = <T>(parse: (v: string) => T) => (value: string) => value.split(',').map((s) => s.trim()).filter(Boolean).map(parse);
const d = DEFAULT_SETTINGS;

const program = new Command('croloss-reproduce')
  .description('Reproduce the CROLoss paper\'s Tables 2-4 and Figures 3-5 as a resumable experiment grid.')
  .option('--data <path>', 'data file (default: the embedded Amazon Beauty)')
  .addOption(new Option('--format <format>', 'data file format').choices([...DATA_FORMATS]).default('sequence'))
  .option('--out <dir>', 'output folder (cells/ holds one JSON per finished cell)', 'results/reproduce')
  .option('--steps <n>', 'training steps per cell', int('--steps'), d.steps)
  .option('--eval-every <n>', 'steps between validation Recall@100 checks (early stopping)', int('--eval-every'), d.evalEvery)
  .option('--patience <n>', 'validation checks without improvement before stopping', int('--patience'), d.patience)
  .option('--seeds <list>', 'comma-separated seeds', list(int('--seeds', 0)), DEFAULT_SEEDS)
  .option('--alphas <list>', 'comma-separated alphas of the kernel x alpha block', list(num('--alphas')), DEFAULT_ALPHAS)
  .option('--only <regex>', 'run only the cells whose id matches (e.g. "^(softmax|croloss-sigmoid)")')
  .option('--list', 'print the cell ids and exit')
  .option('--workers <n>', 'cells trained side by side in worker threads on wasm/cpu (default: one per core; 1: one after the other)', int('--workers'))
  .option('--batch <n>', 'batch size n_bs', int('--batch'), d.batchSize)
  .option('--negatives <n>', 'uniform negatives shared by the batch (n_rn * n_bs)', int('--negatives'), d.numNegatives)
  .option('--lr <rate>', 'Adam learning rate', num('--lr'), d.learningRate)
  .option('--dim <n>', 'embedding dimension d', int('--dim'), d.dim)
  .option('--tau <tau>', 'score temperature: S = tau * cos', num('--tau'), d.tau)
  .option('--max-history <n>', 'history length (20 Amazon, 50 Taobao)', int('--max-history'), d.maxHistory)
  .option('--ns <list>', 'retrieval sizes N of the test metrics', list(int('--ns')), d.ns)
  .addOption(new Option('--backend <backend>', 'TensorFlow.js backend (default: wasm, cpu if wasm cannot start)').choices([...BACKEND_NAMES]).default('wasm'));

async function main(): Promise<void> {
  program.parse();
  const opts = program.opts();
  const started = Date.now();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  let only: RegExp | undefined;
  if (opts.only !== undefined) {
    try {
      only = new RegExp(opts.only);
    } catch (error) {
      throw new Error(`--only must be a regular expression, got ${JSON.stringify(opts.only)} (${(error as Error).message})`);
    }
  }
  const alphas = [...new Set(opts.alphas as number[])].sort((a, b) => a - b);
  const cells = buildGrid({ seeds: opts.seeds, alphas, only });
  if (opts.list) {
    process.stdout.write(`${cells.map((c) => c.id).join('\n')}\n`);
    return;
  }
  if (cells.length === 0) throw new Error(`--only ${JSON.stringify(opts.only)} matches no cell (see --list)`);
  const selection = program.getOptionValueSource('backend') === 'default'
    ? await selectBackend('wasm', { log }).catch((error: Error) => {
      log(`wasm did not start (${error.message}); falling back to cpu`);
      return selectBackend('cpu', { log });
    })
    : await selectBackend(opts.backend as BackendName, { log });
  const backend = selection.adapter ? `${selection.backend} (${selection.adapter})` : selection.backend;
  const dataset = await loadDataFile(opts.data, opts.format);
  for (const warning of dataset.warnings) log(`warning: ${warning}`);
  const ns = [...new Set(opts.ns as number[])].filter((n) => n <= dataset.numItems).sort((a, b) => a - b);
  if (ns.length === 0) throw new Error(`--ns must hold an N <= the ${dataset.numItems} items, got [${(opts.ns as number[]).join(', ')}]`);
  const settings: CellSettings = {
    steps: opts.steps, evalEvery: opts.evalEvery, patience: opts.patience, batchSize: opts.batch, numNegatives: opts.negatives,
    learningRate: opts.lr, dim: opts.dim, tau: opts.tau, maxHistory: opts.maxHistory, ns, validN: ns.includes(100) ? 100 : ns[ns.length - 1],
  };
  log(`data ${dataset.name}: ${dataset.numUsers} users, ${dataset.numItems} items, ${dataset.items.length} interactions; backend ${backend}`);
  const workers = opts.workers ?? availableParallelism();
  const pool = workers > 1 && (selection.backend === 'wasm' || selection.backend === 'cpu')
    ? workerCellPool({ size: workers, settings, data: opts.data, format: opts.format, backend: selection.backend as BackendName, backendLabel: backend, workerUrl: new URL('./cell-worker.js', import.meta.url) })
    : undefined;
  const { results, ran, skipped } = await runGrid({ dataset, cells, settings, outDir: opts.out, log, backend, pool });
  const files = await writeOutputs(opts.out, results, { alphas, backend, command: `croloss-reproduce ${process.argv.slice(2).join(' ')}`.trim() });
  process.stdout.write(`ran ${ran.length} cells, skipped ${skipped.length} finished ones; wrote ${files.join(', ')} in ${formatDuration((Date.now() - started) / 1000)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`croloss-reproduce: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
