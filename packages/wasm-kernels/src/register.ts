/** Registers the fused rank statistic kernels for tfjs's `wasm` backend, reading and writing its heap directly. */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import { fusedRowSumsArgs, fusedRowSumsGradArgs, kernelConfigsRegistered, registerKernelConfigs, unregisterKernelConfigs } from '@croloss/internal';
import { FUSED_ROW_SUMS_GRAD_KERNEL, FUSED_ROW_SUMS_KERNEL, FUSED_SCORE_ROW_SUMS_GRAD_KERNEL, FUSED_SCORE_ROW_SUMS_KERNEL, type FusedPhiName } from './kernel-names';
import { rowSumsGradJs, rowSumsJs, type RowInputs } from './row-sums-js';
import { rowSumsGradSimd, rowSumsSimd } from './row-sums-simd';
import { currentImpl, setImpl, simdChosen, type WasmKernelImpl } from './kernel-impl';
import { fusedScoreRowSums, fusedScoreRowSumsGrad } from './score-row-sums';
import { simdAvailable } from './simd-module';
import { float32View, maskView, sizeOf, type WasmBackendLike } from './wasm-heap';

const BACKEND = 'wasm';

export type { WasmKernelImpl };

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
  setImpl(value);
}

/** The implementation chosen by {@link setWasmKernelImpl} ('simd' unless changed). */
export function wasmKernelImpl(): WasmKernelImpl {
  return currentImpl();
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
  const wasm = backend as WasmBackendLike;
  const { gaps, rows, mask, scale, phis, margins, scalar } = fusedRowSumsArgs(inputs, attrs);
  const out = wasm.makeOutput([phis.length, rows], 'float32');
  if (sizeOf(out.shape) === 0) return out;
  const input = rowInputs(wasm, gaps, mask, scale, scalar);
  const outView = float32View(wasm, out);
  if (!(simdChosen() && rowSumsSimd(wasm, gaps, mask, input, phis as FusedPhiName[], outView))) {
    rowSumsJs(input, phis as FusedPhiName[], margins, outView);
  }
  return out;
}

function fusedRowSumsGrad({ inputs, backend, attrs }: KernelArgs): TensorInfo {
  const wasm = backend as WasmBackendLike;
  const { gaps, rows, cols, phi, slot, dy, stats, mask, scale, scalar, margin } = fusedRowSumsGradArgs(inputs, attrs);
  const out = wasm.makeOutput([rows, cols], 'float32');
  if (sizeOf(out.shape) === 0) return out;
  const input = rowInputs(wasm, gaps, mask, scale, scalar);
  const outView = float32View(wasm, out);
  const dyView = float32View(wasm, dy);
  if (!(simdChosen() && rowSumsGradSimd(wasm, gaps, mask, input, phi as FusedPhiName, slot, dyView, out))) {
    rowSumsGradJs(input, phi as FusedPhiName, margin, slot, dyView, stats ? float32View(wasm, stats) : null, outView);
  }
  return out;
}

const CONFIGS: KernelConfig[] = [
  { kernelName: FUSED_ROW_SUMS_KERNEL, backendName: BACKEND, kernelFunc: fusedRowSums as unknown as KernelConfig['kernelFunc'] },
  { kernelName: FUSED_ROW_SUMS_GRAD_KERNEL, backendName: BACKEND, kernelFunc: fusedRowSumsGrad as unknown as KernelConfig['kernelFunc'] },
  { kernelName: FUSED_SCORE_ROW_SUMS_KERNEL, backendName: BACKEND, kernelFunc: fusedScoreRowSums as unknown as KernelConfig['kernelFunc'] },
  { kernelName: FUSED_SCORE_ROW_SUMS_GRAD_KERNEL, backendName: BACKEND, kernelFunc: fusedScoreRowSumsGrad as unknown as KernelConfig['kernelFunc'] },
];

/**
 * Registers {@link FUSED_ROW_SUMS_KERNEL}, {@link FUSED_ROW_SUMS_GRAD_KERNEL} (the gaps form) and
 * {@link FUSED_SCORE_ROW_SUMS_KERNEL}, {@link FUSED_SCORE_ROW_SUMS_GRAD_KERNEL} (the scores form) for tfjs's `wasm`
 * backend. Importing the package does it once. @croloss/loss then computes the rank statistics
 * R = s (1 + sum_k mask phi(g_k)) of `croLoss*` and `lambdaCroLoss*` on wasm in one pass per row, instead of
 * composing the gaps, phi, mask, sum and scale.
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
  return registerKernelConfigs(CONFIGS);
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
 * unregisterWasmRankKernels(); // ['CrolossFusedRowSums', 'CrolossFusedRowSumsGrad', 'CrolossFusedScoreRowSums', 'CrolossFusedScoreRowSumsGrad']
 * ```
 */
export function unregisterWasmRankKernels(): string[] {
  return unregisterKernelConfigs(CONFIGS);
}

/**
 * True when the four fused rank-statistic kernels are registered for `wasm`.
 *
 * @example
 * ```ts
 * import { wasmRankKernelsRegistered } from '@croloss/wasm-kernels';
 * wasmRankKernelsRegistered(); // true after importing the package
 * ```
 */
export function wasmRankKernelsRegistered(): boolean {
  return kernelConfigsRegistered(CONFIGS);
}

export { simdAvailable };
