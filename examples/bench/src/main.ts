/**
 * Benchmark CLI for the workloads W1-W3 (defined in docs/performance.md): one JSON line per workload on stdout,
 * named and shaped like torch/torch_reference.py's (the PyTorch peer), so the two runs merge into one table
 * (src/compare.ts). Logs and a one-line summary go to stderr.
 *
 *   node dist/main.js [--backend wasm|cpu|webgpu|tensorflow|auto] [--workloads W1,W2,W3] [--reps N] [--warmup N]
 *                     [--scale full|small] [--out FILE] [--compare-with TORCH.jsonl] [--composed]
 *                     [--optimizer adam|lazy-adam] [--wasm-js]
 *
 * Each line's `impl` is 'tfjs-fused' where the loss ran on the fused WGSL kernels of @croloss/webgpu-kernels (W1 and
 * W3 on webgpu), on the fused kernels of @croloss/wasm-kernels (W1 and W3 on wasm), or where W2's top-k ran on its
 * fused row top-k kernel (webgpu), else 'tfjs-composed'; --composed unregisters those kernels to time the composed
 * tfjs ops (and tf.topk); --wasm-js runs the wasm kernels in plain JavaScript instead of WebAssembly SIMD.
 * --optimizer lazy-adam times W1 with @croloss/two-tower's LazyAdamOptimizer (only the rows a step touches are
 * updated): different math from the PyTorch peer's dense Adam; W1's line reports `optimizer`.
 */
import '@tensorflow/tfjs-layers'; // registers tfjs-core's gradients in Node
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { Command, Option } from 'commander';
import { BACKEND_NAMES, selectBackend, type BackendName } from '@croloss/backends';
import { defaultWasmKernelThreads, setWasmKernelImpl, setWasmKernelThreads, unregisterWasmAdamKernel, unregisterWasmRankKernels, unregisterWasmRowTopKKernel } from '@croloss/wasm-kernels';
import { unregisterFusedRankKernels, unregisterRowTopKKernel } from '@croloss/webgpu-kernels';
import { comparisonTable, parseJsonLines, type BenchLine } from './comparison';
import { DEFAULT_REPS, DEFAULT_WARMUP, FULL, SMALL, WORKLOAD_IDS, WORKLOAD_NAMES, type WorkloadId } from './shapes';
import { implOf } from './impl';
import { runW1, runW2, runW3, W1_OPTIMIZERS, type W1Optimizer, type WorkloadResult } from './workloads';

const count = (flag: string, min: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`${flag} must be an integer >= ${min}, got ${JSON.stringify(value)}`);
  return n;
};

/** "W1,W3" or the full names -> ids, in the order given, without duplicates. */
function parseWorkloads(value: string): WorkloadId[] {
  const ids: WorkloadId[] = [];
  for (const part of value.split(',').map((s) => s.trim()).filter(Boolean)) {
    const id = WORKLOAD_IDS.find((w) => w.toLowerCase() === part.toLowerCase() || WORKLOAD_NAMES[w] === part);
    if (!id) throw new Error(`--workloads: unknown workload ${JSON.stringify(part)} (use ${WORKLOAD_IDS.join(', ')})`);
    if (!ids.includes(id)) ids.push(id);
  }
  if (ids.length === 0) throw new Error('--workloads: name at least one of W1, W2, W3');
  return ids;
}

const program = new Command('croloss-bench')
  .description('Time the CROLoss workloads W1-W3 on a TensorFlow.js backend; one JSON line per workload on stdout.')
  .addOption(new Option('--backend <backend>', 'TensorFlow.js backend').choices([...BACKEND_NAMES]).default('auto'))
  .option('--workloads <list>', 'comma-separated workloads among W1, W2, W3', parseWorkloads, [...WORKLOAD_IDS])
  .option('--reps <n>', 'timed repetitions per workload (default: 50 for W1 and W3, 20 for W2, like torch_reference.py)', count('--reps', 1))
  .option('--warmup <n>', 'untimed runs before timing', count('--warmup', 0), DEFAULT_WARMUP)
  .addOption(new Option('--scale <scale>', 'full: the shapes of torch_reference.py; small: items and users / 16 (quick runs on CPU or lavapipe)').choices(['full', 'small']).default('full'))
  .option('--out <file>', 'also write the JSON lines to this file (overwritten)')
  .option('--compare-with <file>', "torch_reference.py's JSON lines: print the comparison table to stderr at the end")
  .option('--composed', 'webgpu and wasm: do not use the fused kernels of @croloss/webgpu-kernels / @croloss/wasm-kernels (time the composed tfjs ops, tf.topk, tf.train.adam\'s update)', false)
  .option('--wasm-js', 'wasm: run the fused kernels of @croloss/wasm-kernels in plain JavaScript, not WebAssembly SIMD', false)
  .option('--wasm-threads <n>', "wasm: threads of @croloss/wasm-kernels' fused kernels, the caller's included (default: the library's, every core up to 4)", count('--wasm-threads', 1))
  .addOption(
    new Option('--optimizer <optimizer>', "W1's optimizer: adam (dense, as the PyTorch peer) or lazy-adam (only the embedding rows a step touches; different math)")
      .choices([...W1_OPTIMIZERS])
      .default('adam'),
  );

async function main(): Promise<number> {
  program.parse();
  const opts = program.opts<{
    backend: BackendName; workloads: WorkloadId[]; reps?: number; warmup: number; scale: 'full' | 'small'; out?: string; compareWith?: string;
    composed: boolean; wasmJs: boolean; wasmThreads?: number; optimizer: W1Optimizer;
  }>();
  const fromUser = (path: string) => resolve(process.env.INIT_CWD ?? process.cwd(), path);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const selection = await selectBackend(opts.backend, { log });
  if (opts.composed) {
    unregisterFusedRankKernels();
    unregisterRowTopKKernel();
    unregisterWasmRankKernels();
    unregisterWasmAdamKernel();
    unregisterWasmRowTopKKernel();
  }
  if (opts.wasmJs) setWasmKernelImpl('js');
  // the helper threads start before the first workload, not at its first large call
  const threads = selection.backend === 'wasm' ? setWasmKernelThreads(opts.wasmThreads ?? defaultWasmKernelThreads()) : undefined;
  if (threads !== undefined) log(`bench: wasm kernels on ${threads} thread${threads === 1 ? '' : 's'}`);
  const shapes = opts.scale === 'small' ? SMALL : FULL;
  const outFile = opts.out === undefined ? undefined : fromUser(opts.out);
  if (outFile) writeFileSync(outFile, '');
  const date = new Date().toISOString().slice(0, 10);
  const head = (id: WorkloadId) => ({
    impl: implOf(id, selection.backend, shapes.W2.k), backend: selection.backend, adapter: selection.adapter ?? null,
    ...(threads !== undefined ? { threads } : {}),
    ...(id === 'W1' ? { optimizer: opts.optimizer } : {}),
  });
  const emitted: BenchLine[] = [];
  const emit = (line: BenchLine) => {
    const text = JSON.stringify(line);
    process.stdout.write(`${text}\n`);
    if (outFile) appendFileSync(outFile, `${text}\n`);
    emitted.push(line);
  };
  const summary: string[] = [];
  let failed = 0;
  for (const id of opts.workloads) {
    const timing = { reps: opts.reps ?? DEFAULT_REPS[id], warmup: opts.warmup };
    log(`bench: ${WORKLOAD_NAMES[id]} on ${selection.backend}, ${implOf(id, selection.backend, shapes.W2.k)} (${opts.scale}, ${timing.warmup} warm-up + ${timing.reps} reps)...`);
    const tensorsBefore = tf.memory().numTensors;
    try {
      const result: WorkloadResult =
        id === 'W1' ? await runW1(shapes.W1, timing, opts.optimizer) : id === 'W2' ? await runW2(shapes.W2, timing) : await runW3(shapes.W3, timing);
      const leaked = tf.memory().numTensors - tensorsBefore;
      if (leaked !== 0) throw new Error(`${WORKLOAD_NAMES[id]}: ${leaked} tensors left behind after the workload (leak)`);
      emit({
        workload: result.workload, ...head(id), ms_median: result.ms_median, ms_min: result.ms_min, reps: result.reps,
        warmup: result.warmup, ...result.shape, scale: opts.scale, date, check: result.check,
      });
      if (!result.check.ok) failed += 1;
      summary.push(`${id} ${result.ms_median} ms${result.check.ok ? '' : ' (CHECK FAILED)'}`);
    } catch (error) {
      failed += 1;
      const message = error instanceof Error ? error.message : String(error);
      emit({ workload: WORKLOAD_NAMES[id], ...head(id), scale: opts.scale, date, error: message });
      summary.push(`${id} ERROR`);
      log(`bench: ${WORKLOAD_NAMES[id]} failed: ${error instanceof Error ? error.stack : message}`);
    }
  }
  if (opts.compareWith) {
    try {
      log(`\n${comparisonTable(parseJsonLines(readFileSync(fromUser(opts.compareWith), 'utf8')), emitted)}\n`);
    } catch (error) {
      log(`bench: could not compare with ${opts.compareWith}: ${error instanceof Error ? error.message : error}`);
    }
  }
  log(`bench: ${selection.backend}${selection.adapter ? ` (${selection.adapter})` : ''}, ${opts.scale} scale: ${summary.join(', ')}; ${failed === 0 ? 'all checks ok' : `${failed} failed`}`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.stack : error}\n`);
    process.exit(1);
  },
);
