/** The SIMD path of the rank statistic: sigmoid and softplus (forward one or both, backward either), any mask kind. */
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { FusedPhiName } from './kernel-names';
import type { RowInputs } from './row-sums-js';
import { rowStatsHere, type RowStatsCall } from './row-stats-call';
import { rowStatsOnThreads } from './row-threads';
import { simdModule } from './simd-module';
import { MASK_KINDS, offsetOf, type WasmBackendLike } from './wasm-heap';


/** Forward on SIMD when the kernels are sigmoid and/or softplus (one each); false when it does not apply. */
export function rowSumsSimd(backend: WasmBackendLike, gaps: TensorInfo, mask: TensorInfo | null, input: RowInputs, phis: FusedPhiName[], out: Float32Array): boolean {
  const sig = phis.indexOf('sigmoid');
  const sp = phis.indexOf('softplus');
  if ((sig >= 0 ? 1 : 0) + (sp >= 0 ? 1 : 0) !== phis.length) return false;
  const module = simdModule(backend);
  if (module === null) return false;
  const { rows, cols } = input;
  const rowBytes = rows * 4;
  // rowStats with no positive scores (the gaps themselves) and no derivative output, on the helper threads too
  const call: RowStatsCall = {
    negatives: offsetOf(backend, gaps), positive: 0, tau: 1, mask: mask ? offsetOf(backend, mask) : 0, kind: mask ? MASK_KINDS[mask.dtype] : 0, rows, cols,
    scale: input.scale ? input.scale.byteOffset : 0, scalar: input.scalar,
    outSig: out.byteOffset + Math.max(sig, 0) * rowBytes, outSp: out.byteOffset + Math.max(sp, 0) * rowBytes, flags: (sig >= 0 ? 1 : 0) | (sp >= 0 ? 2 : 0),
    deriv: 0, derivKind: 0,
  };
  if (!rowStatsOnThreads(backend, module, call)) rowStatsHere(module, call);
  return true;
}

/** Backward on SIMD for the softplus (derivative sigmoid) and sigmoid (y (1 - y)) kernels; false otherwise. */
export function rowSumsGradSimd(
  backend: WasmBackendLike, gaps: TensorInfo, mask: TensorInfo | null, input: RowInputs, phi: FusedPhiName, slot: number, dy: Float32Array, out: TensorInfo,
): boolean {
  if (phi !== 'softplus' && phi !== 'sigmoid') return false;
  const module = simdModule(backend);
  if (module === null) return false;
  const { rows, cols } = input;
  module.rowSumsGrad(
    offsetOf(backend, gaps), mask ? offsetOf(backend, mask) : 0, mask ? MASK_KINDS[mask.dtype] : 0, rows, cols,
    dy.byteOffset + slot * rows * 4, input.scale ? input.scale.byteOffset : 0, input.scalar, offsetOf(backend, out), phi === 'sigmoid' ? 1 : 0,
  );
  return true;
}
