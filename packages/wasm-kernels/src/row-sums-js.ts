/** The fused rank statistic and its gradient in plain JavaScript over typed arrays (the wasm heap's views). */
import type { FusedPhiName } from './kernel-names';

/** A mask as it lies in the heap: float32 and int32 keep entries > 0, bool (one byte each) keeps non-zero bytes. */
export type MaskView = Float32Array | Int32Array | Uint8Array;

/** The [B, K] inputs every pass reads. */
export interface RowInputs {
  /** [rows * cols] row-major gaps. */
  gaps: Float32Array;
  rows: number;
  cols: number;
  /** [rows * cols] or null (keep all). */
  mask: MaskView | null;
  /** [rows] per-row factors, or null (use `scalar`). */
  scale: Float32Array | null;
  scalar: number;
}

/** Largest finite float32: caps the log-sum-exp shift so that a +Infinity gap gives +Infinity, not NaN. */
const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * phi(g) given e = e^-|g| (computed once per entry and shared by sigmoid and softplus):
 * sigmoid = 1 / (1 + e) for g >= 0, e / (1 + e) below; softplus = max(g, 0) + log1p(e).
 */
function phiTerm(phi: FusedPhiName, margin: number): (g: number, e: number) => number {
  switch (phi) {
    case 'unit-step':
      return (g) => (g !== g ? g : g >= 0 ? 1 : 0);
    case 'sigmoid':
      return (g, e) => (g >= 0 ? 1 / (1 + e) : g < 0 ? e / (1 + e) : g);
    case 'softplus':
      return (g, e) => (g > 0 ? g : 0) + Math.log1p(e); // NaN: e is NaN
    case 'exponential':
      return (g) => Math.exp(g);
    case 'hinge':
      return (g) => {
        const a = g + margin;
        return a < 0 ? 0 : a;
      };
    case 'log-exponential':
      throw new Error('phiTerm: the log-exponential kernel is summed in the log domain');
  }
}

/** phi'(g) given e = e^-|g|, as tfjs's gradients of the composed ops compute it. */
function derivativeTerm(phi: FusedPhiName, margin: number): (g: number, e: number) => number {
  switch (phi) {
    case 'unit-step':
      return () => 0;
    case 'sigmoid':
      // y (1 - y) = e / (1 + e)^2 with e = e^-|g|: no cancellation in 1 - y near y = 1
      return (_g, e) => e / ((1 + e) * (1 + e));
    case 'softplus':
      return (g, e) => (g >= 0 ? 1 / (1 + e) : g < 0 ? e / (1 + e) : g);
    case 'exponential':
      return (g) => Math.exp(g);
    case 'hinge':
      return (g) => {
        const a = g + margin;
        return a !== a ? a : a > 0 ? 1 : 0;
      };
    case 'log-exponential':
      throw new Error('derivativeTerm: the log-exponential derivative needs the row statistic');
  }
}

/**
 * Forward, one pass per row: out[s * rows + b] = scale_b (1 + sum_k keep phi_s(g)) for linear slots, or the
 * log-sum-exp form for a 'log-exponential' slot (a first pass for the row max). Sums in float64.
 */
export function rowSumsJs(input: RowInputs, phis: FusedPhiName[], margins: number[], out: Float32Array): void {
  const { gaps, rows, cols, mask, scale, scalar } = input;
  const terms = phis.map((p, s) => (p === 'log-exponential' ? null : phiTerm(p, margins[s] ?? 0)));
  const sums = new Float64Array(phis.length);
  const shifts = new Float64Array(phis.length);
  for (let b = 0; b < rows; b++) {
    const base = b * cols;
    let max = 0;
    if (terms.includes(null)) {
      for (let k = 0; k < cols; k++) {
        if (mask !== null && !(mask[base + k] > 0)) continue;
        const g = gaps[base + k];
        if (g !== g) max = g;
        else if (max === max && g > max) max = g;
      }
    }
    const shift = max !== max ? max : Math.min(max, FLOAT32_MAX);
    sums.fill(0);
    shifts.fill(shift);
    for (let k = 0; k < cols; k++) {
      if (mask !== null && !(mask[base + k] > 0)) continue;
      const g = gaps[base + k];
      const e = Math.exp(-Math.abs(g));
      for (let s = 0; s < terms.length; s++) {
        const term = terms[s];
        sums[s] += term === null ? Math.exp(g - shift) : term(g, e);
      }
    }
    const factor = scale === null ? scalar : scale[b];
    for (let s = 0; s < terms.length; s++) {
      out[s * rows + b] = terms[s] === null ? shifts[s] + Math.log(Math.exp(-shifts[s]) + sums[s]) : (1 + sums[s]) * factor;
    }
  }
}

/**
 * Backward, element-wise: out[b, k] = dy[slot, b] scale_b keep phi'(g), or dy[slot, b] keep e^(g - stats[slot, b])
 * for 'log-exponential'; masked entries are exactly 0.
 */
export function rowSumsGradJs(
  input: RowInputs,
  phi: FusedPhiName,
  margin: number,
  slot: number,
  dy: Float32Array,
  stats: Float32Array | null,
  out: Float32Array,
): void {
  const { gaps, rows, cols, mask, scale, scalar } = input;
  const log = phi === 'log-exponential';
  const derivative = log ? null : derivativeTerm(phi, margin);
  for (let b = 0; b < rows; b++) {
    const base = b * cols;
    const upstream = dy[slot * rows + b];
    const coefficient = log ? upstream : upstream * (scale === null ? scalar : scale[b]);
    const stat = log && stats !== null ? stats[slot * rows + b] : 0;
    for (let k = 0; k < cols; k++) {
      const i = base + k;
      if (mask !== null && !(mask[i] > 0)) {
        out[i] = 0;
        continue;
      }
      const g = gaps[i];
      out[i] = derivative === null ? coefficient * Math.exp(g - stat) : coefficient * derivative(g, Math.exp(-Math.abs(g)));
    }
  }
}
