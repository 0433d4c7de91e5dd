/** Helper threads for the fused forward: rows split between the calling thread (on tfjs's heap) and Node worker threads (on a shared WebAssembly memory they compute in). */
import { ROW_SUMS_SHARED_WASM_BASE64 } from './row-sums-wasm.generated';
import { rowStatsHere, type RowStatsCall } from './row-stats-call';
import { decodeBase64, type SimdExports } from './simd-module';
import { heapMemory, type WasmBackendLike } from './wasm-heap';

/** Below this many entries a call stays on the calling thread (a round trip to a helper costs about 20-50 us). */
const MIN_ENTRIES = 1 << 16;
/** The shared memory's limit: 1 GiB (16,384 pages); a call whose helpers' share needs more stays on the calling thread. */
const MAX_PAGES = 16_384;
const PAGE = 65_536;
/** How long the caller waits for a helper before it gives up on the threads (a helper that died). */
const ANSWER_TIMEOUT_MS = 60_000;

/**
 * Control words of a helper (Int32 indexes): the job number posted, the job number done, an error flag, started,
 * the rows of the job copied in so far (the caller raises it piece by piece), the rows the helper has finished.
 */
const JOB = 0;
const DONE = 1;
const FAILED = 2;
const READY = 3;
const AVAILABLE = 4;
const FINISHED = 5;
/** How long starting a helper may take (a Node worker thread and the module's compilation: about 30-100 ms). */
const START_TIMEOUT_MS = 10_000;
/** The 14 arguments of rowStats as float64, after the control words. */
const PARAMS_OFFSET = 32;
const CONTROL_BYTES = PARAMS_OFFSET + 14 * 8;
/** The caller copies a helper's rows in, and computes its own rows, in this many pieces (so that copies overlap compute). */
const PIECES = 4;
/** The caller's share of the rows with one helper: less than half, as it also copies the helper's rows in and out (measured: 0.40-0.44 alike, 0.36 slower). */
const OWN_SHARE = 0.42;

/**
 * The helper: instantiates the shared-memory module, then for every job posted runs rowStats over the rows copied
 * in so far, publishing the rows finished, until all rows of the job are done; a negative job number ends it.
 */
const HELPER_SOURCE = `
const { workerData } = process.getBuiltinModule('node:worker_threads');
const { binary, memory, control } = workerData;
const exports_ = new WebAssembly.Instance(new WebAssembly.Module(binary), { env: { memory } }).exports;
const words = new Int32Array(control);
const p = new Float64Array(control, ${PARAMS_OFFSET}, 14);
Atomics.store(words, ${READY}, 1);
Atomics.notify(words, ${READY});
let seen = 0;
for (;;) {
  Atomics.wait(words, ${JOB}, seen);
  seen = Atomics.load(words, ${JOB});
  if (seen < 0) break;
  let failed = 0;
  try {
    const [x, pos, tau, mask, kind, rows, cols, scale, scalar, outSig, outSp, flags, deriv, derivKind] = p;
    const maskBytes = kind === 2 ? 1 : 4;
    let done = 0;
    while (done < rows) {
      let available = Atomics.load(words, ${AVAILABLE});
      while (available <= done) {
        Atomics.wait(words, ${AVAILABLE}, available);
        available = Atomics.load(words, ${AVAILABLE});
      }
      const at = (base, bytes) => (base ? base + done * bytes : 0); // 0 is "absent" for all but x (which may lie at 0)
      exports_.rowStats(x + done * cols * 4, at(pos, 4), tau, at(mask, cols * maskBytes), kind, available - done, cols, at(scale, 4), scalar,
        at(outSig, 4), at(outSp, 4), flags, at(deriv, cols * 4), derivKind);
      done = available;
      Atomics.store(words, ${FINISHED}, done);
    }
  } catch (error) {
    failed = 1;
  }
  Atomics.store(words, ${FAILED}, failed);
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

/** Node's `process` where there is one (typed locally: nothing here imports Node), else undefined. */
const nodeProcess = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown; env?: Record<string, string | undefined> } }).process;

/** A Node built-in module, reached without an import (so that bundles for the browser have none), or undefined. */
function builtin<T>(name: string): T | undefined {
  return typeof nodeProcess?.getBuiltinModule === 'function' ? (nodeProcess.getBuiltinModule(name) as T | undefined) : undefined;
}

/** Node's worker_threads, or null (no worker threads, or no SharedArrayBuffer). */
function workerThreads(): { Worker: WorkerConstructor; isMainThread: boolean } | null {
  if (typeof SharedArrayBuffer === 'undefined' || typeof Atomics === 'undefined') return null;
  const module = builtin<{ Worker?: WorkerConstructor; isMainThread?: boolean }>('node:worker_threads');
  return module?.Worker ? { Worker: module.Worker, isMainThread: module.isMainThread === true } : null;
}

/** Cores of this machine (os.availableParallelism), 1 where unknown. */
function cores(): number {
  const os = builtin<{ availableParallelism?: () => number }>('node:os');
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
  const env = nodeProcess?.env?.CROLOSS_WASM_THREADS;
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

/**
 * Starts `helpers` worker threads and waits for each to have compiled the module, blocking (the helpers report
 * through the shared control words, so no event-loop turn is needed: a training loop that never yields to it still
 * gets its helpers). Leaves `pool` null when a helper does not start within START_TIMEOUT_MS.
 */
function startPool(helpers: number): void {
  const threads = workerThreads();
  if (threads === null || helpers < 1) return;
  const memory = new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
  const binary = decodeBase64(ROW_SUMS_SHARED_WASM_BASE64);
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

/** rowStats `c` restricted to its rows [from, to) (offsets moved by whole rows). */
function rowsOf(c: RowStatsCall, from: number, to: number): RowStatsCall {
  const at = (base: number, bytes: number) => (base ? base + from * bytes : 0);
  const maskBytes = c.kind === 2 ? 1 : 4;
  return {
    ...c,
    negatives: at(c.negatives, c.cols * 4),
    positive: at(c.positive, 4),
    mask: at(c.mask, c.cols * maskBytes),
    scale: at(c.scale, 4),
    outSig: at(c.outSig, 4),
    outSp: at(c.outSp, 4),
    deriv: at(c.deriv, c.cols * 4),
    rows: to - from,
  };
}

/**
 * Runs rowStats `c` (offsets into the wasm backend's heap) on the calling thread and the helpers. Each helper's rows
 * are copied into its region of the shared memory in pieces; the helper starts on the first piece while the rest
 * are copied. The caller then computes its own (first) rows in pieces, and between them copies back the helpers'
 * finished rows (statistics and derivative). Every row is computed by the same code whichever thread runs it, so the
 * results are those of one thread, bit for bit. Returns false, having done nothing, when the call is too small or
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
  const parts = helpers.length + 1;
  // the caller's share: OWN_SHARE of two even parts, the rest split evenly among the helpers
  const own = Math.max(1, Math.round((rows / parts) * 2 * OWN_SHARE));
  const share = Math.floor((rows - own) / helpers.length);
  if (share === 0) return false;
  const first = rows - share * helpers.length;
  const region = layout(c, share);
  const needed = region.end * helpers.length;
  if (needed > MAX_PAGES * PAGE) return false;
  const memory = pool.memory;
  if (memory.buffer.byteLength < needed) memory.grow(Math.ceil((needed - memory.buffer.byteLength) / PAGE));
  const shared = new Uint8Array(memory.buffer);
  const heapBytes = new Uint8Array(heap.buffer);
  const maskBytes = c.kind === 2 ? 1 : 4;
  const startOf = (h: number) => first + h * share;
  const baseOf = (h: number) => h * region.end;
  // rows [from, to) of helper h's share, into its region
  const copyIn = (h: number, from: number, to: number) => {
    const start = startOf(h);
    const base = baseOf(h);
    const move = (dst: number, src: number, bytes: number) =>
      shared.set(heapBytes.subarray(src + (start + from) * bytes, src + (start + to) * bytes), dst + from * bytes);
    move(base + region.negatives, c.negatives, cols * 4);
    if (c.positive) move(base + region.positive, c.positive, 4);
    if (c.kind !== 0) move(base + region.mask, c.mask, cols * maskBytes);
    if (c.scale) move(base + region.scale, c.scale, 4);
  };
  // helper h's finished rows not copied back yet, up to row `to` of its share
  const copied = helpers.map(() => 0);
  const copyOut = (h: number, to: number) => {
    const from = copied[h];
    if (to <= from) return;
    const start = startOf(h);
    const base = baseOf(h);
    const move = (dst: number, src: number, bytes: number) =>
      heapBytes.set(shared.subarray(src + from * bytes, src + to * bytes), dst + (start + from) * bytes);
    if (c.flags & 1) move(c.outSig, base + region.outSig, 4);
    if (c.flags & 2) move(c.outSp, base + region.outSp, 4);
    if (c.deriv) move(c.deriv, base + region.deriv, cols * 4);
    copied[h] = to;
  };
  const piece = Math.ceil(share / PIECES);
  helpers.forEach((helper, h) => {
    const base = baseOf(h);
    copyIn(h, 0, Math.min(piece, share));
    helper.params.set([
      base + region.negatives, c.positive ? base + region.positive : 0, c.tau, c.kind !== 0 ? base + region.mask : 0, c.kind, share, cols,
      c.scale ? base + region.scale : 0, c.scalar, base + region.outSig, base + region.outSp, c.flags, c.deriv ? base + region.deriv : 0, c.derivKind,
    ]);
    Atomics.store(helper.words, FINISHED, 0);
    Atomics.store(helper.words, AVAILABLE, Math.min(piece, share));
    helper.job += 1;
    Atomics.store(helper.words, JOB, helper.job);
    Atomics.notify(helper.words, JOB);
  });
  // then, piece by piece: the helpers' next rows copied in, one piece of the caller's own rows computed, and the
  // helpers' finished rows copied back
  const ownPiece = Math.ceil(first / PIECES);
  for (let i = 0; i < PIECES; i++) {
    const from = (i + 1) * piece;
    if (from < share) {
      const to = Math.min(from + piece, share);
      helpers.forEach((helper, h) => {
        copyIn(h, from, to);
        Atomics.store(helper.words, AVAILABLE, to);
        Atomics.notify(helper.words, AVAILABLE);
      });
    }
    const ownFrom = i * ownPiece;
    if (ownFrom < first) rowStatsHere(module, rowsOf(c, ownFrom, Math.min(ownFrom + ownPiece, first)));
    helpers.forEach((helper, h) => copyOut(h, Atomics.load(helper.words, FINISHED)));
  }
  let failed = false;
  helpers.forEach((helper, h) => {
    while (Atomics.load(helper.words, DONE) !== helper.job) {
      if (Atomics.wait(helper.words, DONE, helper.job - 1, ANSWER_TIMEOUT_MS) === 'timed-out' && Atomics.load(helper.words, DONE) !== helper.job) {
        stopPool();
        throw new Error(`wasm-kernels: a helper thread did not answer within ${ANSWER_TIMEOUT_MS / 1000} s; the helpers are stopped`);
      }
    }
    if (Atomics.load(helper.words, FAILED) !== 0) failed = true;
    else copyOut(h, share);
  });
  if (failed) {
    stopPool();
    throw new Error('wasm-kernels: a helper thread failed in rowStats; the helpers are stopped');
  }
  return true;
}
