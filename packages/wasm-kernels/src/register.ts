/** Registers the fused rank statistic kernels for tfjs's `wasm` backend, reading and writing its heap directly. */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import { FUSED_ROW_SUMS_GRAD_KERNEL, FUSED_ROW_SUMS_KERNEL, isFusedPhiName, type FusedPhiName } from './kernel-names';
import { rowSumsGradJs, rowSumsJs, type RowInputs } from './row-sums-js';
import { rowSumsGradSimd, rowSumsSimd } from './row-sums-simd';
import { simdAvailable } from './simd-module';
import { float32View, maskView, sizeOf, type WasmBackendLike } from './wasm-heap';

const BACKEND = 'wasm';

/** Which implementation runs: 'simd' (the WebAssembly SIMD module where it applies, else JS) or 'js' only. */
export type WasmKernelImpl = 'simd' | 'js';
let impl: WasmKernelImpl = 'simd';

/**
 * Chooses the implementation of the fused kernels: 'simd' (default; the hand-vectorised WebAssembly module for the
 * sigmoid and softplus kernels on an unshared heap, plain JavaScript for the rest) or 'js' (plain JavaScript
 * everywhere; for comparisons). Both read and write the wasm heap in place.
 *
 * @example
 * ```ts
 * import { setWasmKernelImpl } from '@croloss/wasm-kernels';
 * setWasmKernelImpl('js'); // time the plain JavaScript kernels
 * ```
 */
export function setWasmKernelImpl(value: WasmKernelImpl): void {
  if (value !== 'simd' && value !== 'js') throw new Error(`setWasmKernelImpl: argument 'impl' must be 'simd' or 'js', got ${JSON.stringify(value)}`);
  impl = value;
}

/** The implementation chosen by {@link setWasmKernelImpl} ('simd' unless changed). */
export function wasmKernelImpl(): WasmKernelImpl {
  return impl;
}

function fail(kernel: string, message: string): never {
  throw new Error(`${kernel}: ${message}`);
}

function checkMatrix(kernel: string, name: string, t: TensorInfo | undefined, shape: number[] | null): TensorInfo {
  if (!t) fail(kernel, `input '${name}' is missing`);
  if (t.dtype !== 'float32' && !(name === 'mask' && (t.dtype === 'bool' || t.dtype === 'int32'))) {
    fail(kernel, `input '${name}' must be float32${name === 'mask' ? ', int32 or bool' : ''}, got ${t.dtype}`);
  }
  if (shape && (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i]))) {
    fail(kernel, `input '${name}' must have shape [${shape}], got [${t.shape}]`);
  }
  return t;
}

function checkFinite(kernel: string, what: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(kernel, `${what} must be a finite number, got ${String(value)}`);
  return value;
}

type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: NamedAttrMap };

/** The [B, K] inputs as heap views; call after the output is allocated (allocation may grow the heap). */
function rowInputs(backend: WasmBackendLike, gaps: TensorInfo, mask: TensorInfo | null, scale: TensorInfo | null, scalar: number): RowInputs {
  return {
    gaps: float32View(backend, gaps),
    rows: gaps.shape[0],
    cols: gaps.shape[1],
    mask: mask ? maskView(backend, mask) : null,
    scale: scale ? float32View(backend, scale) : null,
    scalar,
  };
}

function fusedRowSums({ inputs, backend, attrs }: KernelArgs): TensorInfo {
  const kernel = FUSED_ROW_SUMS_KERNEL;
  const wasm = backend as WasmBackendLike;
  const gaps = checkMatrix(kernel, 'gaps', inputs.gaps, null);
  if (gaps.shape.length !== 2) fail(kernel, `input 'gaps' must be [B, K], got shape [${gaps.shape}]`);
  const [rows, cols] = gaps.shape;
  const mask = inputs.mask ? checkMatrix(kernel, 'mask', inputs.mask, [rows, cols]) : null;
  const scale = inputs.scale ? checkMatrix(kernel, 'scale', inputs.scale, [rows]) : null;
  const phis = (attrs?.phis ?? []) as unknown[];
  const margins = (attrs?.margins ?? []) as unknown[];
  if (!Array.isArray(phis) || phis.length < 1 || phis.length > 2 || !phis.every(isFusedPhiName)) {
    fail(kernel, `attribute 'phis' must list 1 or 2 of unit-step, sigmoid, softplus, exponential, hinge, log-exponential, got ${JSON.stringify(phis)}`);
  }
  if (!Array.isArray(margins) || margins.length !== phis.length) fail(kernel, `attribute 'margins' must have one number per kernel`);
  const m = margins.map((x) => checkFinite(kernel, 'a hinge margin', x));
  const scalar = checkFinite(kernel, "attribute 'scale'", attrs?.scale ?? 1);
  const out = wasm.makeOutput([phis.length, rows], 'float32');
  if (sizeOf(out.shape) === 0) return out;
  const input = rowInputs(wasm, gaps, mask, scale, scalar);
  const outView = float32View(wasm, out);
  if (!(impl === 'simd' && rowSumsSimd(wasm, gaps, mask, input, phis as FusedPhiName[], outView))) {
    rowSumsJs(input, phis as FusedPhiName[], m, outView);
  }
  return out;
}

function fusedRowSumsGrad({ inputs, backend, attrs }: KernelArgs): TensorInfo {
  const kernel = FUSED_ROW_SUMS_GRAD_KERNEL;
  const wasm = backend as WasmBackendLike;
  const gaps = checkMatrix(kernel, 'gaps', inputs.gaps, null);
  if (gaps.shape.length !== 2) fail(kernel, `input 'gaps' must be [B, K], got shape [${gaps.shape}]`);
  const [rows, cols] = gaps.shape;
  const phi = attrs?.phi;
  if (!isFusedPhiName(phi)) fail(kernel, `attribute 'phi' must be one of unit-step, sigmoid, softplus, exponential, hinge, log-exponential, got ${String(phi)}`);
  const slot = attrs?.slot ?? 0;
  if (typeof slot !== 'number' || !Number.isInteger(slot) || slot < 0) fail(kernel, `attribute 'slot' must be an integer >= 0, got ${String(slot)}`);
  const dy = checkMatrix(kernel, 'dy', inputs.dy, null);
  if (dy.shape.length !== 2 || dy.shape[1] !== rows || slot >= dy.shape[0]) fail(kernel, `input 'dy' must be [n, ${rows}] with n > slot ${slot}, got [${dy.shape}]`);
  const log = phi === 'log-exponential';
  const stats = log ? checkMatrix(kernel, 'stats', inputs.stats, dy.shape) : null;
  const mask = inputs.mask ? checkMatrix(kernel, 'mask', inputs.mask, [rows, cols]) : null;
  const scale = inputs.scale && !log ? checkMatrix(kernel, 'scale', inputs.scale, [rows]) : null;
  const scalar = checkFinite(kernel, "attribute 'scale'", attrs?.scale ?? 1);
  const margin = checkFinite(kernel, 'a hinge margin', attrs?.margin ?? 0);
  const out = wasm.makeOutput([rows, cols], 'float32');
  if (sizeOf(out.shape) === 0) return out;
  const input = rowInputs(wasm, gaps, mask, scale, scalar);
  const outView = float32View(wasm, out);
  const dyView = float32View(wasm, dy);
  if (!(impl === 'simd' && rowSumsGradSimd(wasm, gaps, mask, input, phi, slot, dyView, out))) {
    rowSumsGradJs(input, phi, margin, slot, dyView, stats ? float32View(wasm, stats) : null, outView);
  }
  return out;
}

const CONFIGS: KernelConfig[] = [
  { kernelName: FUSED_ROW_SUMS_KERNEL, backendName: BACKEND, kernelFunc: fusedRowSums as unknown as KernelConfig['kernelFunc'] },
  { kernelName: FUSED_ROW_SUMS_GRAD_KERNEL, backendName: BACKEND, kernelFunc: fusedRowSumsGrad as unknown as KernelConfig['kernelFunc'] },
];

/**
 * Registers {@link FUSED_ROW_SUMS_KERNEL} and {@link FUSED_ROW_SUMS_GRAD_KERNEL} for tfjs's `wasm` backend. Importing
 * the package does it once. @croloss/loss then computes the rank statistics R = s (1 + sum_k mask phi(g_k)) of
 * `croLoss*` and `lambdaCroLoss*` on wasm in one pass per row, instead of composing phi, mask, sum and scale.
 *
 * @returns the kernel names newly registered (empty when both already were).
 *
 * @example
 * ```ts
 * import { registerWasmRankKernels } from '@croloss/wasm-kernels';
 * registerWasmRankKernels(); // [] : importing the package already registered them
 * ```
 */
export function registerWasmRankKernels(): string[] {
  const added: string[] = [];
  for (const config of CONFIGS) {
    if (tf.getKernel(config.kernelName, config.backendName)) continue;
    tf.registerKernel(config);
    added.push(config.kernelName);
  }
  return added;
}

/**
 * Removes the fused kernels from the `wasm` backend, so that @croloss/loss composes tfjs ops again (comparisons,
 * benchmarks). {@link registerWasmRankKernels} brings them back.
 *
 * @returns the kernel names removed.
 *
 * @example
 * ```ts
 * import { unregisterWasmRankKernels } from '@croloss/wasm-kernels';
 * unregisterWasmRankKernels(); // ['CrolossFusedRowSums', 'CrolossFusedRowSumsGrad']
 * ```
 */
export function unregisterWasmRankKernels(): string[] {
  const removed: string[] = [];
  for (const config of CONFIGS) {
    if (!tf.getKernel(config.kernelName, config.backendName)) continue;
    tf.unregisterKernel(config.kernelName, config.backendName);
    removed.push(config.kernelName);
  }
  return removed;
}

/**
 * True when both fused kernels are registered for `wasm`.
 *
 * @example
 * ```ts
 * import { wasmRankKernelsRegistered } from '@croloss/wasm-kernels';
 * wasmRankKernelsRegistered(); // true after importing the package
 * ```
 */
export function wasmRankKernelsRegistered(): boolean {
  return CONFIGS.every((config) => tf.getKernel(config.kernelName, config.backendName) !== undefined);
}

export { simdAvailable };
