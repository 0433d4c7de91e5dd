/**
 * The CPU ratio table in one go: PyTorch on the CPU (torch/torch_reference.py, `threads` threads) and this benchmark
 * on wasm, back to back per workload on the same machine, then the markdown table with the CPU targets.
 *
 *   node examples/bench/dist/cpu-ratio.js [--workloads W1,W2,W3] [--threads 2] [--python /usr/bin/python3]
 *                                         [--reps N] [--out docs-table.md]
 *
 * Without python3-torch the PyTorch column is skipped with one line (`apt-get install -y python3-torch`).
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { comparisonTable, CPU_TARGET_RATIO, parseJsonLines, type BenchLine } from './comparison';
import { WORKLOAD_IDS, type WorkloadId } from './shapes';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const program = new Command('croloss-cpu-ratio')
  .description('Times W1-W3 with PyTorch (CPU) and tfjs wasm back to back and prints the ratio table.')
  .option('--workloads <list>', 'comma-separated among W1, W2, W3', 'W1,W2,W3')
  .option('--threads <n>', "threads on each side: PyTorch's CPU threads and the wasm kernels' (--wasm-threads)", '2')
  .option('--python <path>', 'the python3 that has torch (Debian python3-torch)', '/usr/bin/python3')
  .option('--reps <n>', "tfjs timed repetitions (default: the bench's)")
  .option('--out <file>', 'also write the table (markdown, with date and machine) to this file');

/** True when `python` imports torch. */
function hasTorch(python: string): boolean {
  const r = spawnSync(python, ['-c', 'import torch'], { stdio: 'ignore' });
  return r.status === 0;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): BenchLine[] {
  process.stderr.write(`cpu-ratio: ${command} ${args.join(' ')}${Object.keys(env).length ? ` (${Object.entries(env).map(([k, v]) => `${k}=${v}`).join(' ')})` : ''}\n`);
  const r = spawnSync(command, args, { env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
  if (r.status !== 0) process.stderr.write(`cpu-ratio: ${command} exited with ${r.status}\n`);
  return parseJsonLines(r.stdout ?? '');
}

function main(): number {
  program.parse();
  const opts = program.opts<{ workloads: string; threads: string; python: string; reps?: string; out?: string }>();
  const ids = opts.workloads.split(',').map((s) => s.trim().toUpperCase()).filter((s): s is WorkloadId => (WORKLOAD_IDS as readonly string[]).includes(s));
  if (ids.length === 0) throw new Error(`--workloads: name at least one of ${WORKLOAD_IDS.join(', ')}, got ${JSON.stringify(opts.workloads)}`);
  const torchScript = here('../torch/torch_reference.py');
  const withTorch = hasTorch(opts.python);
  if (!withTorch) process.stdout.write(`cpu-ratio: PyTorch rows skipped: ${opts.python} cannot import torch (apt-get install -y python3-torch)\n`);
  const load = loadavg()[0];
  const started = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const torch: BenchLine[] = [];
  const tfjs: BenchLine[] = [];
  for (const id of ids) {
    if (withTorch) torch.push(...run(opts.python, [torchScript, 'cpu', opts.threads], { WORKLOADS: id }));
    // the same number of threads on both sides: PyTorch's intra-op threads, the wasm kernels' threads
    tfjs.push(...run(process.execPath, [here('main.js'), '--backend', 'wasm', '--scale', 'full', '--workloads', id, '--wasm-threads', opts.threads, ...(opts.reps ? ['--reps', opts.reps] : [])]));
  }
  const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), load average ${load.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end`;
  const impl = [...new Set(tfjs.map((l) => l.impl).filter(Boolean))].join(', ');
  const torchThreads = torch.find((l) => typeof l.threads === 'number')?.threads;
  const wasmThreads = tfjs.find((l) => typeof l.threads === 'number')?.threads ?? opts.threads;
  const table = [
    `Measured ${started} UTC (start) on ${machine}; tfjs-backend-wasm (its own kernels on one thread, @croloss/wasm-kernels' ` +
      `fused kernels on ${wasmThreads}; ${impl || 'n/a'}) against PyTorch on the CPU` +
      (withTorch ? ` (${torchThreads ?? opts.threads} threads)` : ' (not installed: PyTorch rows skipped)') + ', back to back per workload, medians:',
    '',
    comparisonTable(torch, tfjs, CPU_TARGET_RATIO),
  ].join('\n');
  process.stdout.write(`${table}\n`);
  if (opts.out) writeFileSync(resolve(process.env.INIT_CWD ?? process.cwd(), opts.out), `${table}\n`);
  const failedChecks = tfjs.filter((l) => l.error !== undefined || (l.check as { ok?: boolean } | undefined)?.ok === false).length;
  return failedChecks === 0 ? 0 : 1;
}

process.exit(main());
