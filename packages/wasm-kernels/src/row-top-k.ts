/** The fused row-wise top-k for tfjs-backend-wasm (CrolossRowTopK, the contract @croloss/webgpu-kernels registers for webgpu): a long row's columns above a sampled threshold (a SIMD filter) sorted, else a k-entry min-heap of rank keys. */
import type { KernelConfig, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import { kernelConfigsRegistered, registerKernelConfigs, ROW_TOP_K_KERNEL, ROW_TOP_K_MAX_K, unregisterKernelConfigs } from '@croloss/internal';
import { simdChosen } from './kernel-impl';
import { simdModule } from './simd-module';
import { float32View, offsetOf, sizeOf, type WasmBackendLike } from './wasm-heap';

type KernelArgs = { inputs: NamedTensorInfoMap; backend: unknown; attrs?: NamedAttrMap };

/** Rows longer than this go through the SIMD filter above a sampled threshold (shorter ones, the heap alone). */
const LONG_ROW = 16_384;

/** Columns beyond this use a slower comparison (a key packs a score's 32-bit order key and the column in 53 bits). */
const MAX_KEYED_COLUMNS = 2 ** 21;

const bits = new Uint32Array(1);
const asFloat = new Float32Array(bits.buffer);

/**
 * The order-preserving 32-bit key of a float32 score, as the webgpu kernel's (rowTopKOrderKey there): -0 as +0,
 * positive scores above negative ones, NaN 0 (below -Infinity).
 */
function orderKey(v: number): number {
  if (v !== v) return 0;
  asFloat[0] = v + 0; // -0 + 0 = +0
  const b = bits[0];
  return b >= 0x80000000 ? ~b >>> 0 : (b | 0x80000000) >>> 0;
}

/**
 * One number per (score, column) that orders as (score desc, column asc) does, higher first: the score's order key
 * times 2^21 plus (2^21 - 1 - column), exact in a float64 for columns below 2^21.
 */
function rankKey(v: number, column: number): number {
  return orderKey(v) * MAX_KEYED_COLUMNS + (MAX_KEYED_COLUMNS - 1 - column);
}

/**
 * The first k columns of `row` (length n < 2^21) in the order (value desc, column asc), into `values` and `indices`
 * from `at`. A min-heap of rank keys keeps the k best seen so far, its root the worst of them; a column replaces
 * the root only when its key is higher (among equal scores the earlier column wins, as its key is higher). The
 * usual test is one comparison of the score with the root's score.
 */
function topKOfRow(row: Float32Array, n: number, k: number, keys: Float64Array, columns: Int32Array, values: Float32Array, indices: Int32Array, at: number): void {
  let size = 0;
  const siftDown = (i: number) => {
    const key = keys[i];
    const column = columns[i];
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && keys[child + 1] < keys[child]) child += 1;
      if (keys[child] >= key) break;
      keys[i] = keys[child];
      columns[i] = columns[child];
      i = child;
    }
    keys[i] = key;
    columns[i] = column;
  };
  for (let c = 0; c < k; c++) {
    // sift up
    let i = size++;
    const key = rankKey(row[c], c);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent] <= key) break;
      keys[i] = keys[parent];
      columns[i] = columns[parent];
      i = parent;
    }
    keys[i] = key;
    columns[i] = c;
  }
  let threshold = row[columns[0]];
  const offer = (c: number) => {
    const v = row[c];
    // v > threshold is false for NaN v (never better than the root unless the root is NaN: the second test)
    if (v > threshold || (threshold !== threshold && v === v)) {
      const key = rankKey(v, c);
      if (key <= keys[0]) return; // -0 against +0: equal scores, the earlier column stays
      keys[0] = key;
      columns[0] = c;
      siftDown(0);
      threshold = row[columns[0]];
    }
  };
  for (let c = k; c < n; c++) offer(c);
  // the k winners in order: repeatedly take the root (the worst) into the last free slot
  for (let j = k - 1; j >= 0; j--) {
    values[at + j] = row[columns[0]];
    indices[at + j] = columns[0];
    size -= 1;
    keys[0] = keys[size];
    columns[0] = columns[size];
    siftDown(0);
  }
}

/** Columns sampled from a row to place the filter's threshold: SAMPLE_BLOCKS runs of SAMPLES / SAMPLE_BLOCKS contiguous columns (cache lines read whole). */
const SAMPLES = 1024;
const SAMPLE_BLOCKS = 8;

/**
 * A threshold for the filter: a sample of the row (SAMPLE_BLOCKS evenly spaced runs of contiguous columns) sorted,
 * the value q-th from its top among the numbers, q chosen so that about 3 k columns of the row lie above it; null
 * when the sample has too few numbers or the value is not finite (the caller then keeps the heap). Any threshold
 * gives the exact top k or none (see topKFromCandidates): the sample only decides how fast.
 */
function sampleThreshold(row: Float32Array, n: number, k: number, sample: Float32Array): number | null {
  const m = sample.length;
  const run = m / SAMPLE_BLOCKS;
  for (let b = 0; b < SAMPLE_BLOCKS; b++) {
    const start = Math.floor((b * (n - run)) / (SAMPLE_BLOCKS - 1));
    sample.set(row.subarray(start, start + run), b * run);
  }
  sample.sort(); // ascending, NaN last
  let numbers = m;
  while (numbers > 0 && sample[numbers - 1] !== sample[numbers - 1]) numbers -= 1;
  const q = Math.ceil((3 * k * m) / n) + 1;
  if (q > numbers) return null;
  const t = sample[numbers - q];
  return Number.isFinite(t) ? t : null;
}

/**
 * The first k columns of a row in the order (value desc, column asc) from the columns strictly above a threshold t:
 * when at least k columns are above t, the k-th best is above t too, so they hold the whole top k; sorted by rank
 * key, the best first. False (nothing written) when fewer than k are above t.
 */
function topKFromCandidates(row: Float32Array, k: number, candidates: Int32Array, values: Float32Array, indices: Int32Array, at: number): boolean {
  const count = candidates.length;
  if (count < k) return false;
  const keys = new Float64Array(count);
  for (let j = 0; j < count; j++) keys[j] = rankKey(row[candidates[j]], candidates[j]);
  keys.sort(); // ascending: the best last
  for (let j = 0; j < k; j++) {
    const key = keys[count - 1 - j];
    const column = MAX_KEYED_COLUMNS - 1 - (key % MAX_KEYED_COLUMNS);
    indices[at + j] = column;
    values[at + j] = row[column];
  }
  return true;
}

function rowTopK({ inputs, backend, attrs }: KernelArgs): TensorInfo[] {
  const wasm = backend as WasmBackendLike;
  const x = inputs.x as TensorInfo | undefined;
  if (!x || x.dtype !== 'float32' || x.shape.length !== 2) {
    throw new Error(`${ROW_TOP_K_KERNEL}: input 'x' must be a float32 [U, N] tensor, got ${x ? `${x.dtype} [${x.shape}]` : 'nothing'}`);
  }
  const [rows, cols] = x.shape;
  const k = attrs?.k;
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 1 || k > Math.min(cols, ROW_TOP_K_MAX_K)) {
    throw new Error(`${ROW_TOP_K_KERNEL}: attribute 'k' must be an integer from 1 to min(N, ${ROW_TOP_K_MAX_K}) = ${Math.min(cols, ROW_TOP_K_MAX_K)}, got ${String(k)}`);
  }
  const valuesOut = wasm.makeOutput([rows, k], 'float32');
  const indicesOut = wasm.makeOutput([rows, k], 'int32');
  if (sizeOf(x.shape) === 0) return [valuesOut, indicesOut];
  if (cols > MAX_KEYED_COLUMNS) {
    throw new Error(`${ROW_TOP_K_KERNEL}: input 'x' may have at most ${MAX_KEYED_COLUMNS} columns on wasm, got ${cols} (split the items)`);
  }
  const heapKeys = new Float64Array(k);
  const heapColumns = new Int32Array(k);
  const module = simdChosen() && cols > LONG_ROW ? simdModule(wasm) : null;
  // the filter's output: a scratch buffer of one row's columns in the heap, freed at the end
  const scratch = module ? wasm.makeOutput([cols], 'int32') : null;
  try {
    // views only now: an allocation may have grown (and so replaced) the heap's buffer
    const data = float32View(wasm, x);
    const values = float32View(wasm, valuesOut);
    const indices = new Int32Array(values.buffer, offsetOf(wasm, indicesOut), rows * k);
    const base = offsetOf(wasm, x);
    const out = scratch ? offsetOf(wasm, scratch) : 0;
    const columns = scratch ? new Int32Array(values.buffer, out, cols) : null;
    const sample = new Float32Array(SAMPLES); // cols > LONG_ROW > SAMPLES where it is used
    for (let r = 0; r < rows; r++) {
      const row = data.subarray(r * cols, (r + 1) * cols);
      // a long row: the columns above a sampled threshold (about 3 k of them, listed by the SIMD filter), sorted;
      // else, or when fewer than k are above it, the heap
      const t = module && columns ? sampleThreshold(row, cols, k, sample) : null;
      if (module && columns && t !== null) {
        const candidates = columns.subarray(0, module.filterAbove(base + r * cols * 4, cols, t, out));
        if (topKFromCandidates(row, k, candidates, values, indices, r * k)) continue;
      }
      topKOfRow(row, cols, k, heapKeys, heapColumns, values, indices, r * k);
    }
  } finally {
    if (scratch) wasm.disposeData(scratch.dataId, true);
  }
  return [valuesOut, indicesOut];
}

const CONFIGS: KernelConfig[] = [{ kernelName: ROW_TOP_K_KERNEL, backendName: 'wasm', kernelFunc: rowTopK as unknown as KernelConfig['kernelFunc'] }];

/**
 * Registers the row top-k kernel for tfjs's `wasm` backend (importing the package does it once); @croloss/metrics'
 * retrieveTopK and evaluateRetrieval then select each chunk's top k with it instead of tf.topk: one pass per row
 * with a k-entry heap (most scores are one comparison with the heap's root), exact in the order (score desc, column
 * asc), NaN last, -0 equal to +0, as on webgpu.
 *
 * @returns the kernel names newly registered (empty when it already was).
 *
 * @example
 * ```ts
 * import { registerWasmRowTopKKernel } from '@croloss/wasm-kernels';
 * registerWasmRowTopKKernel(); // [] : importing the package already registered it
 * ```
 */
export function registerWasmRowTopKKernel(): string[] {
  return registerKernelConfigs(CONFIGS);
}

/**
 * Removes the row top-k kernel from the `wasm` backend (@croloss/metrics then uses tf.topk again).
 *
 * @returns the kernel names removed.
 *
 * @example
 * ```ts
 * import { unregisterWasmRowTopKKernel } from '@croloss/wasm-kernels';
 * unregisterWasmRowTopKKernel(); // ['CrolossRowTopK']
 * ```
 */
export function unregisterWasmRowTopKKernel(): string[] {
  return unregisterKernelConfigs(CONFIGS);
}

/**
 * True when the row top-k kernel is registered for `wasm`.
 *
 * @example
 * ```ts
 * import { wasmRowTopKKernelRegistered } from '@croloss/wasm-kernels';
 * wasmRowTopKKernelRegistered(); // true after importing the package
 * ```
 */
export function wasmRowTopKKernelRegistered(): boolean {
  return kernelConfigsRegistered(CONFIGS);
}
