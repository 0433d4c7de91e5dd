/**
 * A fused row-wise top-k for tfjs-backend-webgpu: one workgroup per row, a radix select on the order-preserving
 * uint32 key of each score (4 passes of 8-bit histograms in workgroup memory, then, only when the k-th largest key
 * is tied, up to 4 more passes over the tied columns' indices), a compaction of exactly k (key, column) pairs into
 * workgroup memory and a bitonic sort of them there. Its memory is the [U, k] outputs: no [U, N] sort buffer, no
 * power-of-two padding of N. Nothing here imports tfjs-backend-webgpu.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import { ROW_TOP_K_KERNEL, ROW_TOP_K_MAX_K } from './kernel-names';
import { dispatchFor, type WebGPUProgramLike } from './programs';

/** Invocations per workgroup, and bins per radix pass (one bin per invocation). */
const WIDTH = 256;

/**
 * The order-preserving uint32 key of a float32, as the WGSL program computes it: for x, y not NaN,
 * x < y  <=>  key(x) < key(y), and key(-0) = key(+0). Positive floats (sign bit 0) get their sign bit set,
 * negative ones all their bits flipped; NaN maps to 0, below -Infinity's key 0x007fffff.
 *
 *     bits = float32 bits of x, with -0 read as +0
 *     key(x) = 0                          if x is NaN
 *            = bits XOR 0xffffffff        if the sign bit is set   (negative: larger magnitude -> smaller key)
 *            = bits OR  0x80000000        otherwise                (positive: above every negative)
 *
 * @param x a number, rounded to float32 first.
 * @returns the key, an unsigned 32-bit integer.
 *
 * @example
 * ```ts
 * import { rowTopKOrderKey } from '@croloss/webgpu-kernels';
 * rowTopKOrderKey(0);          // 0x80000000
 * rowTopKOrderKey(-Infinity);  // 0x007fffff
 * rowTopKOrderKey(NaN);        // 0
 * rowTopKOrderKey(1) > rowTopKOrderKey(-1); // true
 * ```
 */
export function rowTopKOrderKey(x: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, x);
  let bits = view.getUint32(0);
  if ((bits & 0x7fffffff) >>> 0 > 0x7f800000) return 0;
  if (bits === 0x80000000) bits = 0;
  return (bits & 0x80000000) !== 0 ? ~bits >>> 0 : (bits | 0x80000000) >>> 0;
}

/** Number of 8-bit radix passes that cover the column indices 0..cols-1 (at least 1, at most 4). */
export function indexPasses(cols: number): number {
  let bits = 1;
  while (bits < 31 && 2 ** bits < cols) bits++;
  return Math.ceil(bits / 8);
}

/** The smallest power of two >= k (the size of the in-workgroup bitonic sort). */
export function sortSize(k: number): number {
  let size = 1;
  while (size < k) size *= 2;
  return size;
}

/**
 * The WGSL of one radix-select step, run by all WIDTH invocations after the histogram `hist` of the candidates is
 * complete: an inclusive prefix sum over the bins (Hillis-Steele in `scan`), then the one bin b whose prefix
 * reaches `need` (bins before b hold fewer than `need` candidates) records its digit and the count still needed
 * within it. `digitOf` maps a bin to the digit it counts.
 */
function selectStep(digitOf: string, prefixVar: string, shift: string): string {
  return `
      scan[lid] = atomicLoad(&hist[lid]);
      workgroupBarrier();
      for (var off = 1u; off < ${WIDTH}u; off = off * 2u) {
        var add = 0u;
        if (lid >= off) { add = scan[lid - off]; }
        workgroupBarrier();
        scan[lid] = scan[lid] + add;
        workgroupBarrier();
      }
      {
        let inclusive = scan[lid];
        let count = atomicLoad(&hist[lid]);
        let exclusive = inclusive - count;
        if (count > 0u && exclusive < need && inclusive >= need) {
          ${prefixVar} = prefix | ((${digitOf}) << ${shift});
          remainS = need - exclusive;
          binCountS = count;
        }
      }
      workgroupBarrier();`;
}

/**
 * Program 1: the columns of each row's k largest scores, ordered by (score desc, column asc). Input `x` [rows, cols]
 * float32, output [rows, k] int32. One workgroup of 256 invocations per row; workgroup memory 2 KiB of histograms
 * plus 8 bytes per slot of the sort (sortSize(k) <= 1024 slots).
 */
export class RowTopKIndicesProgram implements WebGPUProgramLike {
  variableNames = ['x'];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout = { x: [0, 1] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [WIDTH, 1, 1];
  uniforms = 'rows : i32, cols : i32, k : i32, idxPasses : i32,';
  size = true;
  private readonly slots: number;

  constructor(rows: number, k: number) {
    if (!Number.isInteger(k) || k < 1 || k > ROW_TOP_K_MAX_K) throw new Error(`RowTopKIndicesProgram: k must be an integer in 1..${ROW_TOP_K_MAX_K}, got ${k}`);
    this.slots = sortSize(k);
    this.outputShape = [rows, k];
    this.dispatch = dispatchFor(rows);
    this.shaderKey = `croloss_row_top_k_indices_${this.slots}`;
  }

  getUserCode(): string {
    const P = this.slots;
    return `
      var<workgroup> hist : array<atomic<u32>, ${WIDTH}>;
      var<workgroup> scan : array<u32, ${WIDTH}>;
      var<workgroup> sortKey : array<u32, ${P}>;
      var<workgroup> sortCol : array<i32, ${P}>;
      var<workgroup> keyPrefixS : u32;
      var<workgroup> colPrefixS : u32;
      var<workgroup> remainS : u32;
      var<workgroup> binCountS : u32;
      var<workgroup> slotS : atomic<u32>;

      fn orderKey(v : f32) -> u32 {
        var b = bitcast<u32>(v);
        if ((b & 0x7fffffffu) > 0x7f800000u) { return 0u; }
        if (b == 0x80000000u) { b = 0u; }
        if ((b & 0x80000000u) != 0u) { return ~b; }
        return b | 0x80000000u;
      }

      // (key desc, column asc): true when slot a comes before slot b
      fn before(ka : u32, ca : i32, kb : u32, cb : i32) -> bool {
        return ka > kb || (ka == kb && ca < cb);
      }

      fn main(index : i32) {
        let row = index / ${WIDTH};
        let lid = localId.x;
        let rows = uniforms.rows;
        let cols = uniforms.cols;
        let k = uniforms.k;
        let inRange = row < rows;
        let base = row * cols;
        for (var t = lid; t < ${P}u; t = t + ${WIDTH}u) {
          sortKey[t] = 0u;
          sortCol[t] = 2147483647;
        }
        if (lid == 0u) {
          keyPrefixS = 0u;
          colPrefixS = 0u;
          remainS = u32(k);
          binCountS = 0u;
          atomicStore(&slotS, 0u);
        }

        // 1. the k-th largest key, 8 bits at a time from the top; bins in descending digit order
        for (var step = 0u; step < 4u; step = step + 1u) {
          let shift = 24u - 8u * step;
          atomicStore(&hist[lid], 0u);
          workgroupBarrier();
          let prefix = keyPrefixS;
          let need = remainS;
          let high = select(0xffffffffu << ((shift + 8u) & 31u), 0u, step == 0u);
          for (var j = i32(lid); inRange && j < cols; j = j + ${WIDTH}) {
            let key = orderKey(x[base + j]);
            if ((key & high) == prefix) {
              atomicAdd(&hist[255u - ((key >> shift) & 255u)], 1u);
            }
          }
          workgroupBarrier();
          ${selectStep('255u - lid', 'keyPrefixS', 'shift')}
        }
        let threshold = keyPrefixS;
        let tiesTotal = binCountS;   // columns whose key equals the threshold
        let tiesWanted = remainS;    // how many of them belong to the top k
        let resolveTies = tiesTotal > tiesWanted;

        // 2. when only some tied columns are kept: the tiesWanted-th smallest tied column, 8 bits at a time
        workgroupBarrier();
        if (lid == 0u) { remainS = tiesWanted; }
        for (var step = 0; step < uniforms.idxPasses; step = step + 1) {
          let shift = u32(8 * (uniforms.idxPasses - 1 - step));
          atomicStore(&hist[lid], 0u);
          workgroupBarrier();
          let prefix = colPrefixS;
          let need = remainS;
          let high = select(0xffffffffu << ((shift + 8u) & 31u), 0u, step == 0);
          for (var j = i32(lid); resolveTies && inRange && j < cols; j = j + ${WIDTH}) {
            let c = u32(j);
            if ((c & high) == prefix && orderKey(x[base + j]) == threshold) {
              atomicAdd(&hist[(c >> shift) & 255u], 1u);
            }
          }
          workgroupBarrier();
          ${selectStep('lid', 'colPrefixS', 'shift')}
        }
        let lastTie = select(0xffffffffu, colPrefixS, resolveTies);

        // 3. compaction: exactly k columns (order arbitrary), then a bitonic sort in workgroup memory
        for (var j = i32(lid); inRange && j < cols; j = j + ${WIDTH}) {
          let key = orderKey(x[base + j]);
          if (key > threshold || (key == threshold && u32(j) <= lastTie)) {
            let s = atomicAdd(&slotS, 1u);
            if (s < ${P}u) {
              sortKey[s] = key;
              sortCol[s] = j;
            }
          }
        }
        workgroupBarrier();
        for (var size = 2u; size <= ${P}u; size = size * 2u) {
          for (var stride = size / 2u; stride > 0u; stride = stride / 2u) {
            for (var t = lid; t < ${Math.floor(P / 2)}u; t = t + ${WIDTH}u) {
              let a = 2u * stride * (t / stride) + (t % stride);
              let b = a + stride;
              let ka = sortKey[a];
              let ca = sortCol[a];
              let kb = sortKey[b];
              let cb = sortCol[b];
              let forward = (a & size) == 0u;
              if (select(before(ka, ca, kb, cb), before(kb, cb, ka, ca), forward)) {
                sortKey[a] = kb;
                sortCol[a] = cb;
                sortKey[b] = ka;
                sortCol[b] = ca;
              }
            }
            workgroupBarrier();
          }
        }
        for (var t = i32(lid); inRange && t < k; t = t + ${WIDTH}) {
          setOutputAtIndexI32(row * k + t, sortCol[t]);
        }
      }`;
  }
}

/** Program 2: values[r, j] = x[r, indices[r, j]], element-wise over [rows, k] (float32). */
export class RowGatherProgram implements WebGPUProgramLike {
  variableNames = ['x', 'indices'];
  outputShape: number[];
  shaderKey = 'croloss_row_top_k_gather';
  dispatchLayout = { x: [0, 1] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [64, 1, 1];
  uniforms = 'cols : i32, k : i32,';
  size = true;

  constructor(rows: number, k: number) {
    this.outputShape = [rows, k];
    this.dispatch = dispatchFor(Math.ceil((rows * k) / 64));
  }

  getUserCode(): string {
    return `
      fn main(index : i32) {
        if (index < uniforms.size) {
          let row = index / uniforms.k;
          setOutputAtIndex(index, x[row * uniforms.cols + indices[index]]);
        }
      }`;
  }
}

/** The part of tfjs-backend-webgpu's WebGPUBackend this kernel uses. */
interface WebGPUBackendLike {
  runWebGPUProgram(
    program: WebGPUProgramLike,
    inputs: TensorInfo[],
    outputType: 'float32' | 'int32',
    programDefinedUniform?: Array<{ type: 'int32' | 'float32'; data: number[] }>,
  ): TensorInfo;
  makeTensorInfo(shape: number[], dtype: 'float32' | 'int32', values?: Float32Array | Int32Array): TensorInfo;
}

function fail(message: string): never {
  throw new Error(`${ROW_TOP_K_KERNEL}: ${message}`);
}

/** Checks the input and k; the input and its shape [rows, cols]. */
export function checkRowTopKArguments(x: TensorInfo | undefined, k: unknown): { x: TensorInfo; rows: number; cols: number; k: number } {
  if (!x) fail(`input 'x' is missing`);
  if (x.dtype !== 'float32') fail(`input 'x' must be float32, got ${x.dtype}`);
  if (x.shape.length !== 2) fail(`input 'x' must be [rows, N], got shape [${x.shape}]`);
  const [rows, cols] = x.shape;
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 1) fail(`attribute 'k' must be an integer >= 1, got ${String(k)}`);
  if (k > cols) fail(`k = ${k} is larger than the row length N = ${cols}`);
  if (k > ROW_TOP_K_MAX_K) fail(`k = ${k} is larger than ${ROW_TOP_K_MAX_K}, the most this kernel sorts in workgroup memory (use tf.topk)`);
  return { x, rows, cols, k };
}

function rowTopK({ inputs, backend, attrs }: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: NamedAttrMap }): TensorInfo[] {
  const { x, rows, cols, k } = checkRowTopKArguments(inputs.x, attrs?.k);
  const gpu = backend as WebGPUBackendLike;
  if (rows === 0) return [gpu.makeTensorInfo([0, k], 'float32', new Float32Array(0)), gpu.makeTensorInfo([0, k], 'int32', new Int32Array(0))];
  const indices = gpu.runWebGPUProgram(new RowTopKIndicesProgram(rows, k), [x], 'int32', [
    { type: 'int32', data: [rows] },
    { type: 'int32', data: [cols] },
    { type: 'int32', data: [k] },
    { type: 'int32', data: [indexPasses(cols)] },
  ]);
  const values = gpu.runWebGPUProgram(new RowGatherProgram(rows, k), [x, indices], 'float32', [
    { type: 'int32', data: [cols] },
    { type: 'int32', data: [k] },
  ]);
  return [values, indices];
}

const CONFIG: KernelConfig = { kernelName: ROW_TOP_K_KERNEL, backendName: 'webgpu', kernelFunc: rowTopK as unknown as KernelConfig['kernelFunc'] };

/**
 * Registers {@link ROW_TOP_K_KERNEL} for tfjs's `webgpu` backend (`tf.registerKernel`). Importing the package does
 * it once; call it again after {@link unregisterRowTopKKernel}. Idempotent, needs no GPU. `@croloss/metrics`
 * (retrieveTopK, evaluateRetrieval) then selects each chunk's top k with it on webgpu instead of `tf.topk`, and
 * splits the item axis into chunks, so that no [users, I] score buffer exists.
 *
 * @returns the kernel names newly registered (empty when it already was).
 *
 * @example
 * ```ts
 * import { registerRowTopKKernel, unregisterRowTopKKernel } from '@croloss/webgpu-kernels';
 * unregisterRowTopKKernel(); // ['CrolossRowTopK']: @croloss/metrics uses tf.topk
 * registerRowTopKKernel();   // ['CrolossRowTopK']: and the fused kernel again
 * ```
 */
export function registerRowTopKKernel(): string[] {
  if (tf.getKernel(CONFIG.kernelName, CONFIG.backendName)) return [];
  tf.registerKernel(CONFIG);
  return [CONFIG.kernelName];
}

/**
 * Removes {@link ROW_TOP_K_KERNEL} from the `webgpu` backend, so that @croloss/metrics goes back to `tf.topk` (for
 * comparisons and benchmarks). {@link registerRowTopKKernel} brings it back.
 *
 * @returns the kernel names removed (empty when it was not registered).
 *
 * @example
 * ```ts
 * import { unregisterRowTopKKernel } from '@croloss/webgpu-kernels';
 * unregisterRowTopKKernel(); // ['CrolossRowTopK']
 * ```
 */
export function unregisterRowTopKKernel(): string[] {
  if (!tf.getKernel(CONFIG.kernelName, CONFIG.backendName)) return [];
  tf.unregisterKernel(CONFIG.kernelName, CONFIG.backendName);
  return [CONFIG.kernelName];
}

/**
 * True when {@link ROW_TOP_K_KERNEL} is registered for the `webgpu` backend (it runs only while `webgpu` is active).
 *
 * @example
 * ```ts
 * import { rowTopKKernelRegistered } from '@croloss/webgpu-kernels';
 * rowTopKKernelRegistered(); // true after importing the package
 * ```
 */
export function rowTopKKernelRegistered(): boolean {
  return tf.getKernel(CONFIG.kernelName, CONFIG.backendName) !== undefined;
}
