/** Helper threads for the fused forward: rows split between the calling thread (on tfjs's heap) and Node worker threads (on a shared WebAssembly memory they compute in). */
import { ROW_SUMS_SHARED_WASM_BASE64 } from './row-sums-wasm.generated';
import { rowStatsHere, type RowStatsCall } from './row-stats-call';
import type { SimdExports } from './simd-module';
import { heapMemory, type WasmBackendLike } from './wasm-heap';

/** Below this many entries a call stays on the calling thread (a round trip to a helper costs about 20-50 us). */
const MIN_ENTRIES = 1 << 16;
/** The shared memory's limit: 1 GiB (16,384 pages); a call whose helpers' share needs more stays on the calling thread. */
const MAX_PAGES = 16_384;
const PAGE = 65_536;
/** How long the caller waits for a helper before it gives up on the threads (a helper that died). */
const ANSWER_TIMEOUT_MS = 60_000;

/** Control words of a helper (Int32 indexes): the job number posted, the job number done, an error flag, started. */
const JOB = 0;
const DONE = 1;
const FAILED = 2;
const READY = 3;
/** How long starting a helper may take (a Node worker thread and the module's compilation: about 30-100 ms). */
const START_TIMEOUT_MS = 10_000;
/** The 14 arguments of rowStats as float64, after the control words. */
const PARAMS_OFFSET = 16;
const CONTROL_BYTES = PARAMS_OFFSET + 14 * 8;

/** The helper: instantiates the shared-memory module, then runs rowStats for every job posted, until a negative job number. */
const HELPER_SOURCE = `
const { workerData } = process.getBuiltinModule('node:worker_threads');
const { binary, memory, control } = workerData;
const exports_ = new WebAssembly.Instance(new WebAssembly.Module(binary), { env: { memory } }).exports;
const words = new Int32Array(control);
const params = new Float64Array(control, ${PARAMS_OFFSET}, 14);
Atomics.store(words, ${READY}, 1);
Atomics.notify(words, ${READY});
let seen = 0;
for (;;) {
  Atomics.wait(words, ${JOB}, seen);
  seen = Atomics.load(words, ${JOB});
  if (seen < 0) break;
  try {
    const p = params;
    exports_.rowStats(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13]);
    Atomics.store(words, ${FAILED}, 0);
  } catch (error) {
    Atomics.store(words, ${FAILED}, 1);
  }
  Atomics.store(words, ${DONE}, seen);
  Atomics.notify(words, ${DONE});
}
`;

/** The part of node:worker_threads' Worker used here. */
interface WorkerLike {
  on(event: 'message' | 'error' | 'exit', listener: (value: unknown) => void): void;
  unref(): void;
  terminate(): Promise<number>;
}
type WorkerConstructor = new (source: string, options: { eval: true; workerData: unknown }) => WorkerLike;

interface Helper {
  worker: WorkerLike;
  words: Int32Array;
  params: Float64Array;
  job: number;
}

interface Pool {
  memory: WebAssembly.Memory;
  helpers: Helper[];
}

/** Node's worker_threads, reached without an import (so that bundles for the browser have none), or null. */
function workerThreads(): { Worker: WorkerConstructor; isMainThread: boolean } | null {
  const get = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }).process?.getBuiltinModule;
  if (typeof get !== 'function' || typeof SharedArrayBuffer === 'undefined' || typeof Atomics === 'undefined') return null;
  const module = get('node:worker_threads') as { Worker?: WorkerConstructor; isMainThread?: boolean } | undefined;
  return module?.Worker ? { Worker: module.Worker, isMainThread: module.isMainThread === true } : null;
}

/** Cores of this machine (os.availableParallelism), 1 where unknown. */
function cores(): number {
  const get = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }).process?.getBuiltinModule;
  const os = typeof get === 'function' ? (get('node:os') as { availableParallelism?: () => number } | undefined) : undefined;
  return typeof os?.availableParallelism === 'function' ? os.availableParallelism() : 1;
}

/**
 * The default thread count of the fused kernels: CROLOSS_WASM_THREADS when set, else every core (at most 4) on
 * Node's main thread and 1 in a worker thread (a caller that runs its own workers, such as the main job's losses,
 * is parallel already), and 1 where there are no worker threads.
 *
 * @example
 * ```ts
 * import { defaultWasmKernelThreads } from '@croloss/wasm-kernels';
 * defaultWasmKernelThreads(); // 2 on Node's main thread of a 2-core machine
 * ```
 */
export function defaultWasmKernelThreads(): number {
  const threads = workerThreads();
  if (threads === null) return 1;
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.CROLOSS_WASM_THREADS;
  if (env !== undefined && env !== '') {
    const n = Number(env);
    if (Number.isInteger(n) && n >= 1) return Math.min(n, 64);
  }
  return threads.isMainThread ? Math.max(1, Math.min(4, cores())) : 1;
}

let wanted: number | undefined;
let pool: Pool | null = null;
/** Set once the default pool was tried, so that a failed start is not retried at every call. */
let triedDefault = false;

function decode(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * Starts `helpers` worker threads and waits for each to have compiled the module, blocking (the helpers report
 * through the shared control words, so no event-loop turn is needed: a training loop that never yields to it still
 * gets its helpers). Leaves `pool` null when a helper does not start within START_TIMEOUT_MS.
 */
function startPool(helpers: number): void {
  const threads = workerThreads();
  if (threads === null || helpers < 1) return;
  const memory = new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
  const binary = decode(ROW_SUMS_SHARED_WASM_BASE64);
  const started: Helper[] = [];
  for (let h = 0; h < helpers; h++) {
    const control = new SharedArrayBuffer(CONTROL_BYTES);
    const worker = new threads.Worker(HELPER_SOURCE, { eval: true, workerData: { binary, memory, control } });
    worker.on('error', () => undefined); // a failure shows as a helper that never answers (the caller then stops the helpers)
    worker.unref();
    started.push({ worker, words: new Int32Array(control), params: new Float64Array(control, PARAMS_OFFSET, 14), job: 0 });
  }
  for (const helper of started) {
    if (Atomics.load(helper.words, READY) === 0) Atomics.wait(helper.words, READY, 0, START_TIMEOUT_MS);
  }
  if (started.some((helper) => Atomics.load(helper.words, READY) !== 1)) {
    for (const helper of started) void helper.worker.terminate();
    return;
  }
  pool = { memory, helpers: started };
}

function stopPool(): void {
  if (pool === null) return;
  for (const helper of pool.helpers) {
    Atomics.store(helper.words, JOB, -1);
    Atomics.notify(helper.words, JOB);
    void helper.worker.terminate();
  }
  pool = null;
}

/**
 * Sets how many threads the fused rank-statistic kernels of the wasm backend use: the calling thread and n - 1
 * helper threads (Node worker threads), each computing whole rows, so results are the same for any n. 1 turns the
 * helpers off. Where there are no worker threads (a browser, Node before 20.16) it stays 1. The default,
 * {@link defaultWasmKernelThreads}, starts at the first large call. Starting helpers blocks for about 30-100 ms.
 *
 * @param threads an integer from 1 to 64
 * @returns the thread count in effect
 *
 * @example
 * ```ts
 * import { setWasmKernelThreads } from '@croloss/wasm-kernels';
 * setWasmKernelThreads(2); // 2 on a machine with worker threads, 1 in a browser
 * ```
 */
export function setWasmKernelThreads(threads: number): number {
  if (typeof threads !== 'number' || !Number.isInteger(threads) || threads < 1 || threads > 64) {
    throw new Error(`setWasmKernelThreads: argument 'threads' must be an integer from 1 to 64, got ${String(threads)}`);
  }
  wanted = threads;
  if (wasmKernelThreads() !== threads) {
    stopPool();
    startPool(threads - 1);
  }
  return wasmKernelThreads();
}

/**
 * The threads the fused kernels use now (1: the calling thread alone; the default helpers start at the first
 * large call, so this is 1 until then).
 *
 * @example
 * ```ts
 * import { wasmKernelThreads } from '@croloss/wasm-kernels';
 * wasmKernelThreads(); // 1 before the first large call in a browser or a worker thread
 * ```
 */
export function wasmKernelThreads(): number {
  return (pool?.helpers.length ?? 0) + 1;
}

/** Byte sizes of one helper's share of a call, laid out in its region of the shared memory. */
function layout(c: RowStatsCall, rows: number) {
  const align = (n: number) => (n + 15) & ~15;
  const entries = rows * c.cols;
  const negatives = 0;
  const positive = negatives + align(entries * 4);
  const mask = positive + align(c.positive ? rows * 4 : 0);
  const scale = mask + align(c.kind === 0 ? 0 : entries * (c.kind === 2 ? 1 : 4));
  const outSig = scale + align(c.scale ? rows * 4 : 0);
  const outSp = outSig + align(rows * 4);
  const deriv = outSp + align(rows * 4);
  const end = deriv + align(c.deriv ? entries * 4 : 0);
  return { negatives, positive, mask, scale, outSig, outSp, deriv, end };
}

/**
 * Runs rowStats `c` (offsets into the wasm backend's heap) on the calling thread and the helpers: each helper's rows
 * are copied into its region of the shared memory, computed there while the calling thread computes the first rows
 * in place, and its outputs are copied back. Returns false, having done nothing, when the call is too small or
 * there are no helpers (the default ones are started at the first large call, unless setWasmKernelThreads chose).
 */
export function rowStatsOnThreads(backend: WasmBackendLike, module: SimdExports, c: RowStatsCall): boolean {
  const { rows, cols } = c;
  if (rows < 2 || rows * cols < MIN_ENTRIES) return false;
  if (pool === null) {
    if (wanted !== undefined || triedDefault) return false;
    triedDefault = true;
    startPool(defaultWasmKernelThreads() - 1);
    if (pool === null) return false;
  }
  const helpers = pool.helpers;
  if (rows < helpers.length + 1) return false;
  const heap = heapMemory(backend);
  if (heap === null) return false;
  const share = Math.floor(rows / (helpers.length + 1));
  const own = rows - share * helpers.length;
  const region = layout(c, share);
  const needed = region.end * helpers.length;
  if (needed > MAX_PAGES * PAGE) return false;
  const memory = pool.memory;
  if (memory.buffer.byteLength < needed) memory.grow(Math.ceil((needed - memory.buffer.byteLength) / PAGE));
  const shared = new Uint8Array(memory.buffer);
  const heapBytes = new Uint8Array(heap.buffer);
  const copyIn = (to: number, from: number, bytes: number) => shared.set(heapBytes.subarray(from, from + bytes), to);
  const maskBytes = c.kind === 2 ? 1 : 4;
  helpers.forEach((helper, h) => {
    const start = own + h * share;
    const base = h * region.end;
    copyIn(base + region.negatives, c.negatives + start * cols * 4, share * cols * 4);
    if (c.positive) copyIn(base + region.positive, c.positive + start * 4, share * 4);
    if (c.kind !== 0) copyIn(base + region.mask, c.mask + start * cols * maskBytes, share * cols * maskBytes);
    if (c.scale) copyIn(base + region.scale, c.scale + start * 4, share * 4);
    helper.params.set([
      base + region.negatives, c.positive ? base + region.positive : 0, c.tau, c.kind !== 0 ? base + region.mask : 0, c.kind, share, cols,
      c.scale ? base + region.scale : 0, c.scalar, base + region.outSig, base + region.outSp, c.flags, c.deriv ? base + region.deriv : 0, c.derivKind,
    ]);
    helper.job += 1;
    Atomics.store(helper.words, JOB, helper.job);
    Atomics.notify(helper.words, JOB);
  });
  rowStatsHere(module, { ...c, rows: own });
  const out = new Uint8Array(heap.buffer);
  const copyOut = (to: number, from: number, bytes: number) => out.set(shared.subarray(from, from + bytes), to);
  let failed = false;
  helpers.forEach((helper, h) => {
    while (Atomics.load(helper.words, DONE) !== helper.job) {
      if (Atomics.wait(helper.words, DONE, helper.job - 1, ANSWER_TIMEOUT_MS) === 'timed-out' && Atomics.load(helper.words, DONE) !== helper.job) {
        stopPool();
        throw new Error(`wasm-kernels: a helper thread did not answer within ${ANSWER_TIMEOUT_MS / 1000} s; the helpers are stopped`);
      }
    }
    if (Atomics.load(helper.words, FAILED) !== 0) failed = true;
    const start = own + h * share;
    const base = h * region.end;
    if (c.flags & 1) copyOut(c.outSig + start * 4, base + region.outSig, share * 4);
    if (c.flags & 2) copyOut(c.outSp + start * 4, base + region.outSp, share * 4);
    if (c.deriv) copyOut(c.deriv + start * cols * 4, base + region.deriv, share * cols * 4);
  });
  if (failed) {
    stopPool();
    throw new Error('wasm-kernels: a helper thread failed in rowStats; the helpers are stopped');
  }
  return true;
}
