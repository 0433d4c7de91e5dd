/** The fused rank statistic of the scores form on tfjs's `wasm` heap: the gaps tau (s_neg - s_pos) in the same pass, the derivative saved for the backward; SIMD for sigmoid and softplus, plain JavaScript for the rest. */
import type { NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import { fusedScoreRowSumsArgs, fusedScoreRowSumsGradArgs, type FusedScorePhi, type FusedScoreRowSumsArgs } from '@croloss/internal';
import { rowSumsGradJs, rowSumsJs, type MaskView } from './row-sums-js';
import { simdChosen } from './kernel-impl';
import { simdModule, type SimdExports } from './simd-module';
import { rowStatsHere, type RowStatsCall } from './row-stats-call';
import { rowStatsOnThreads } from './row-threads';
import { float32View, MASK_KINDS, maskView, offsetOf, sizeOf, type WasmBackendLike } from './wasm-heap';

type KernelArgs = { inputs: NamedTensorInfoMap; backend: unknown; attrs?: NamedAttrMap };

/** derivKind of row-sums.wat's rowStats: 1 the sigmoid's derivative, 2 the softplus's (the sigmoid). */
const DERIV_KINDS: Partial<Record<FusedScorePhi, number>> = { sigmoid: 1, softplus: 2 };


/**
 * The plain JavaScript path: the gaps g = tau (x - p) rounded to float32 as the composed ops round them, then the
 * gaps-form passes (forward sums in float64, the derivative with a per-row coefficient tau factor_b).
 */
function scoreRowSumsJs(
  negatives: Float32Array, positive: Float32Array, rows: number, cols: number, tau: number, mask: MaskView | null, scale: Float32Array | null, scalar: number,
  phis: FusedScorePhi[], margins: number[], derivative: number, stats: Float32Array, deriv: Float32Array | null,
): void {
  const f = Math.fround;
  const t = f(tau);
  const gaps = new Float32Array(rows * cols);
  for (let b = 0; b < rows; b++) {
    const p = positive[b];
    for (let k = 0, i = b * cols; k < cols; k++, i++) gaps[i] = f(f(negatives[i] - p) * t);
  }
  const input = { gaps, rows, cols, mask, scale, scalar };
  rowSumsJs(input, phis, margins, stats);
  // the log form's derivative e^(g - L) reads L from the statistics just computed (slot 0, its only one)
  if (deriv !== null) rowSumsGradJs(input, phis[derivative], margins[derivative], 0, new Float32Array(rows).fill(t), stats, deriv);
}

/** The SIMD call for these phis, or null when one of them (or the derivative's) is not sigmoid or softplus. */
function simdCall(phis: FusedScorePhi[], derivative: number): { flags: number; sigSlot: number; spSlot: number; derivKind: number } | null {
  if (!phis.every((p) => p === 'sigmoid' || p === 'softplus')) return null;
  const sigSlot = phis.indexOf('sigmoid');
  const spSlot = phis.indexOf('softplus');
  const derivKind = derivative >= 0 ? (DERIV_KINDS[phis[derivative]] ?? 0) : 0;
  return { flags: (sigSlot >= 0 ? 1 : 0) | (spSlot >= 0 ? 2 : 0), sigSlot, spSlot, derivKind };
}

function fusedScoreRowSums({ inputs, backend, attrs }: KernelArgs): TensorInfo | TensorInfo[] {
  const wasm = backend as WasmBackendLike;
  const a = fusedScoreRowSumsArgs(inputs, attrs);
  const { rows, cols, phis, derivative } = a;
  const stats = wasm.makeOutput([phis.length, rows], 'float32');
  const deriv = derivative >= 0 ? wasm.makeOutput([rows, cols], 'float32') : null;
  const outputs = deriv ? [stats, deriv] : [stats];
  if (sizeOf(stats.shape) === 0 || cols === 0) {
    // K = 0: R = factor_b (no negatives), L = 0 for the log form; the loss never sends it, but the contract holds
    if (sizeOf(stats.shape) > 0) {
      const s = float32View(wasm, stats);
      const scale = a.scale ? float32View(wasm, a.scale) : null;
      for (let slot = 0; slot < phis.length; slot++) {
        for (let b = 0; b < rows; b++) s[slot * rows + b] = phis[slot] === 'log-exponential' ? 0 : scale ? scale[b] : a.scalar;
      }
    }
    return deriv ? outputs : stats;
  }
  if (phis[0] === 'log-exponential') {
    const module = simdChosen() ? simdModule(wasm) : null;
    if (!(module && logSumExpSimd(wasm, module, a, stats, deriv))) {
      const maskData = a.mask ? maskView(wasm, a.mask) : null;
      scoreRowSumsJs(
        float32View(wasm, a.negatives), float32View(wasm, a.positive), rows, cols, a.tau, maskData, null, 1,
        phis, a.margins, derivative, float32View(wasm, stats), deriv ? float32View(wasm, deriv) : null,
      );
    }
    return deriv ? outputs : stats;
  }
  const call = simdChosen() ? simdCall(phis, derivative) : null;
  const module = call ? simdModule(wasm) : null;
  if (call && module) {
    const statsOffset = offsetOf(wasm, stats);
    const rowBytes = rows * 4;
    const c: RowStatsCall = {
      negatives: offsetOf(wasm, a.negatives),
      positive: offsetOf(wasm, a.positive),
      tau: a.tau,
      mask: a.mask ? offsetOf(wasm, a.mask) : 0,
      kind: a.mask ? MASK_KINDS[a.mask.dtype] : 0,
      rows,
      cols,
      scale: a.scale ? offsetOf(wasm, a.scale) : 0,
      scalar: a.scalar,
      outSig: statsOffset + Math.max(call.sigSlot, 0) * rowBytes,
      outSp: statsOffset + Math.max(call.spSlot, 0) * rowBytes,
      flags: call.flags,
      deriv: deriv ? offsetOf(wasm, deriv) : 0,
      derivKind: call.derivKind,
    };
    if (!rowStatsOnThreads(wasm, module, c)) rowStatsHere(module, c);
    // a kernel named twice (the Lambda loss with phi1 = phi2) was computed once: copy its row
    if (phis.length === 2 && phis[0] === phis[1]) {
      const s = float32View(wasm, stats);
      s.copyWithin(rows, 0, rows);
    }
  } else {
    const maskData = a.mask ? maskView(wasm, a.mask) : null;
    scoreRowSumsJs(
      float32View(wasm, a.negatives), float32View(wasm, a.positive), rows, cols, a.tau, maskData, a.scale ? float32View(wasm, a.scale) : null, a.scalar,
      phis, a.margins, derivative, float32View(wasm, stats), deriv ? float32View(wasm, deriv) : null,
    );
  }
  return deriv ? outputs : stats;
}

/**
 * The log-sum-exp form on SIMD: rowMaxSumExp gives each row's m and S, here L = m + log(e^-m + S) in float64, then
 * rowExpDeriv the derivative tau mask e^(g - L). False (nothing kept) when a row's maximum is not finite (a NaN or
 * +Infinity score): the caller then runs the JavaScript path, which has those cases' exact semantics.
 */
function logSumExpSimd(wasm: WasmBackendLike, module: SimdExports, a: FusedScoreRowSumsArgs, stats: TensorInfo, deriv: TensorInfo | null): boolean {
  const { rows, cols } = a;
  const sums = wasm.makeOutput([rows], 'float32'); // scratch, freed below
  try {
    const mask = a.mask ? offsetOf(wasm, a.mask) : 0;
    const kind = a.mask ? MASK_KINDS[a.mask.dtype] : 0;
    const x = offsetOf(wasm, a.negatives);
    const pos = offsetOf(wasm, a.positive);
    module.rowMaxSumExp(x, pos, a.tau, mask, kind, rows, cols, offsetOf(wasm, stats), offsetOf(wasm, sums));
    const out = float32View(wasm, stats);
    const s = float32View(wasm, sums);
    for (let b = 0; b < rows; b++) {
      const m = out[b];
      if (!Number.isFinite(m)) return false;
      out[b] = m + Math.log(Math.exp(-m) + s[b]);
    }
    if (deriv) module.rowExpDeriv(x, pos, a.tau, mask, kind, rows, cols, offsetOf(wasm, stats), offsetOf(wasm, deriv));
    return true;
  } finally {
    wasm.disposeData(sums.dataId, true);
  }
}

function fusedScoreRowSumsGrad({ inputs, backend, attrs }: KernelArgs): TensorInfo[] {
  const wasm = backend as WasmBackendLike;
  const { derivative, dy, rows, cols, slot, inPlace } = fusedScoreRowSumsGradArgs(inputs, attrs);
  // in place: dNegatives is the derivative's buffer, scaled where it lies (the caller gives up the derivative)
  if (inPlace) wasm.incRef(derivative.dataId);
  const dNeg: TensorInfo = inPlace ? { dataId: derivative.dataId, shape: [rows, cols], dtype: 'float32' } : wasm.makeOutput([rows, cols], 'float32');
  const dPos = wasm.makeOutput([rows], 'float32');
  if (rows === 0) return [dNeg, dPos];
  const module = simdChosen() ? simdModule(wasm) : null;
  if (module) {
    module.rowScale(offsetOf(wasm, derivative), offsetOf(wasm, dy) + slot * rows * 4, rows, cols, offsetOf(wasm, dNeg), offsetOf(wasm, dPos));
    return [dNeg, dPos];
  }
  const d = float32View(wasm, derivative);
  const up = float32View(wasm, dy);
  const outNeg = float32View(wasm, dNeg);
  const outPos = float32View(wasm, dPos);
  for (let b = 0; b < rows; b++) {
    const c = up[slot * rows + b];
    let sum = 0;
    for (let k = 0, i = b * cols; k < cols; k++, i++) {
      const v = Math.fround(c * d[i]);
      outNeg[i] = v;
      sum += v;
    }
    outPos[b] = -sum;
  }
  return [dNeg, dPos];
}

export { fusedScoreRowSums, fusedScoreRowSumsGrad };
