/**
 * The WGSL programs, as tfjs-backend-webgpu program objects (run with `backend.runWebGPUProgram`). The backend
 * prepends the bindings (one storage buffer per name in `variableNames`, `result` for the output), the `uniforms`
 * struct (NAN, INFINITY, shapes, `size`, then ours), `localId`, `isnan` and `setOutputAtIndex`.
 * Nothing here imports tfjs-backend-webgpu: it must be importable before `navigator.gpu` exists.
 */
import type { FusedPhiName } from './kernel-names';

/** What runWebGPUProgram reads of a program. */
export interface WebGPUProgramLike {
  variableNames: string[];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number];
  uniforms?: string;
  size?: boolean;
  getUserCode(): string;
}

/** WebGPU's default maxComputeWorkgroupsPerDimension. */
const MAX_WORKGROUPS_PER_DIMENSION = 65535;

/** A dispatch of `groups` workgroups, folded into y when x would exceed the limit (tfjs's getGlobalIndex handles it). */
export function dispatchFor(groups: number): [number, number, number] {
  if (groups <= MAX_WORKGROUPS_PER_DIMENSION) return [Math.max(groups, 1), 1, 1];
  const x = Math.ceil(Math.sqrt(groups));
  return [x, Math.ceil(groups / x), 1];
}

/** Largest finite float32 (caps the log-sum-exp shift so that a +Infinity gap gives +Infinity, not NaN). */
const FLOAT32_MAX = '3.4028234663852886e38';

/** phi(g) in WGSL, the same expressions as tfjs-backend-webgpu's unary ops (SIGMOID, SOFTPLUS, EXP, RELU). */
function phiCode(phi: FusedPhiName, margin: string): string {
  switch (phi) {
    case 'unit-step':
      return 'return select(select(0.0, 1.0, g >= 0.0), g, isnan(g));';
    case 'sigmoid':
      return 'return 1.0 / (1.0 + exp(-1.0 * g));';
    case 'softplus':
      return `
        let epsilon = 1.1920928955078125e-7;
        let threshold = log(epsilon) + 2.0;
        let too_large = g > -threshold;
        let too_small = g < threshold;
        let exp_g = exp(g);
        if (too_large) { return g; } else if (too_small) { return exp_g; } else { return log(exp_g + 1.0); }`;
    case 'exponential':
      return 'return exp(g);';
    case 'hinge':
      return `let a = g + ${margin}; return select(a, 0.0, a < 0.0);`;
    case 'log-exponential':
      throw new Error('phiCode: the log-exponential kernel is summed in the log domain');
  }
}

/** phi'(g) in WGSL, as tfjs's gradients of those ops compute it (y (1 - y), sigmoid, exp, step). */
function derivativeCode(phi: FusedPhiName, margin: string): string {
  switch (phi) {
    case 'unit-step':
      return 'return 0.0;';
    case 'sigmoid':
      return 'let y = 1.0 / (1.0 + exp(-1.0 * g)); return y * (1.0 - y);';
    case 'softplus':
      return 'return 1.0 / (1.0 + exp(-1.0 * g));';
    case 'exponential':
      return 'return exp(g);';
    case 'hinge':
      return `let a = g + ${margin}; if (isnan(a)) { return a; } return select(0.0, 1.0, a > 0.0);`;
    case 'log-exponential':
      throw new Error('derivativeCode: the log-exponential derivative needs the row statistic');
  }
}

/** How a program reads the per-row factor: a [B] input `rowScale` or the uniform `scalar`. */
function scaleCode(perRow: boolean): string {
  return perRow ? 'fn rowFactor(row : i32) -> f32 { return rowScale[row]; }' : 'fn rowFactor(row : i32) -> f32 { return uniforms.scalar; }';
}

function keepCode(hasMask: boolean): string {
  return hasMask ? 'fn kept(i : i32) -> bool { return f32(keep[i]) > 0.0; }' : 'fn kept(i : i32) -> bool { return true; }';
}

/**
 * Forward: one workgroup per row of gaps [B, K]; each invocation strides the row, then a shared-memory tree
 * reduction. For a 'log-exponential' slot a first pass finds the row max m (over the kept entries, at least 0)
 * and the second sums e^(g - m). Output [n, B].
 */
export class FusedRowSumsProgram implements WebGPUProgramLike {
  variableNames: string[];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout = { x: [0, 1] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number];
  uniforms = 'rows : i32, cols : i32, scalar : f32, margin0 : f32, margin1 : f32,';
  size = true;

  constructor(
    rows: number,
    cols: number,
    private readonly phis: FusedPhiName[],
    private readonly hasMask: boolean,
    private readonly perRowScale: boolean,
  ) {
    if (phis.length < 1 || phis.length > 2) throw new Error(`FusedRowSumsProgram: 1 or 2 kernels, got ${phis.length}`);
    this.variableNames = ['gaps', ...(hasMask ? ['keep'] : []), ...(perRowScale ? ['rowScale'] : [])];
    this.outputShape = [phis.length, rows];
    const width = cols >= 4096 ? 256 : 64;
    this.workgroupSize = [width, 1, 1];
    this.dispatch = dispatchFor(rows);
    this.shaderKey = `croloss_fused_row_sums_${phis.join('_')}_${hasMask ? 'mask' : 'all'}_${perRowScale ? 'rowscale' : 'scalar'}_${width}`;
  }

  getUserCode(): string {
    const width = this.workgroupSize[0];
    const slots = this.phis.map((phi, s) => ({ phi, s, log: phi === 'log-exponential' }));
    const anyLog = slots.some((x) => x.log);
    const phiFns = slots
      .filter((x) => !x.log)
      .map((x) => `fn phi${x.s}(g : f32) -> f32 { ${phiCode(x.phi, `uniforms.margin${x.s}`)} }`)
      .join('\n');
    const shared = slots.map((x) => `var<workgroup> part${x.s} : array<f32, ${width}>;`).join('\n');
    const maxPass = anyLog
      ? `
        var m = 0.0;
        for (var k = lid; inRange && k < cols; k = k + ${width}) {
          if (kept(base + k)) {
            let g = f32(gaps[base + k]);
            if (isnan(g)) { m = uniforms.NAN; } else if (!isnan(m) && g > m) { m = g; }
          }
        }
        rowMax[lid] = m;
        workgroupBarrier();
        for (var s = ${width / 2}; s > 0; s = s / 2) {
          if (lid < s) {
            let other = rowMax[lid + s];
            if (isnan(other)) { rowMax[lid] = other; } else if (!isnan(rowMax[lid]) && other > rowMax[lid]) { rowMax[lid] = other; }
          }
          workgroupBarrier();
        }
        let rowMaxValue = rowMax[0];
        let shift = select(min(rowMaxValue, ${FLOAT32_MAX}), rowMaxValue, isnan(rowMaxValue));
        workgroupBarrier();`
      : '';
    const term = (x: (typeof slots)[number]) => (x.log ? 'exp(g - shift)' : `phi${x.s}(g)`);
    const outputs = slots
      .map((x) =>
        x.log
          ? `setOutputAtIndex(${x.s} * rows + row, shift + log(exp(-shift) + part${x.s}[0]));`
          : `setOutputAtIndex(${x.s} * rows + row, (1.0 + part${x.s}[0]) * rowFactor(row));`,
      )
      .join('\n          ');
    return `
      ${anyLog ? `var<workgroup> rowMax : array<f32, ${width}>;` : ''}
      ${shared}
      ${keepCode(this.hasMask)}
      ${scaleCode(this.perRowScale)}
      ${phiFns}
      fn main(index : i32) {
        let row = index / ${width};
        let lid = i32(localId.x);
        let rows = uniforms.rows;
        let cols = uniforms.cols;
        let inRange = row < rows;
        let base = row * cols;
        ${maxPass}
        ${slots.map((x) => `var acc${x.s} = 0.0;`).join(' ')}
        for (var k = lid; inRange && k < cols; k = k + ${width}) {
          if (kept(base + k)) {
            let g = f32(gaps[base + k]);
            ${slots.map((x) => `acc${x.s} = acc${x.s} + ${term(x)};`).join('\n            ')}
          }
        }
        ${slots.map((x) => `part${x.s}[lid] = acc${x.s};`).join(' ')}
        workgroupBarrier();
        for (var s = ${width / 2}; s > 0; s = s / 2) {
          if (lid < s) {
            ${slots.map((x) => `part${x.s}[lid] = part${x.s}[lid] + part${x.s}[lid + s];`).join('\n            ')}
          }
          workgroupBarrier();
        }
        if (lid == 0 && inRange) {
          ${outputs}
        }
      }`;
  }
}

/**
 * Backward: element-wise over [B, K], one invocation per entry:
 * dGaps = dy[slot, b] * scale[b] * mask * phi'(g), or dy[slot, b] * mask * e^(g - stats[slot, b]) for the log form.
 */
export class FusedRowSumsGradProgram implements WebGPUProgramLike {
  variableNames: string[];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout = { x: [0, 1] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [64, 1, 1];
  uniforms = 'rows : i32, cols : i32, scalar : f32, margin : f32, slot : i32,';
  size = true;

  constructor(
    rows: number,
    cols: number,
    private readonly phi: FusedPhiName,
    private readonly hasMask: boolean,
    private readonly perRowScale: boolean,
  ) {
    const log = phi === 'log-exponential';
    this.variableNames = ['gaps', ...(hasMask ? ['keep'] : []), ...(perRowScale && !log ? ['rowScale'] : []), 'upstream', ...(log ? ['stats'] : [])];
    this.outputShape = [rows, cols];
    this.dispatch = dispatchFor(Math.ceil((rows * cols) / this.workgroupSize[0]));
    this.shaderKey = `croloss_fused_row_sums_grad_${phi}_${hasMask ? 'mask' : 'all'}_${perRowScale && !log ? 'rowscale' : 'scalar'}`;
  }

  getUserCode(): string {
    const log = this.phi === 'log-exponential';
    const value = log
      ? 'upstream[at] * exp(g - f32(stats[at]))'
      : '(upstream[at] * rowFactor(row)) * dphi(g)';
    return `
      ${keepCode(this.hasMask)}
      ${log ? '' : scaleCode(this.perRowScale)}
      ${log ? '' : `fn dphi(g : f32) -> f32 { ${derivativeCode(this.phi, 'uniforms.margin')} }`}
      fn main(index : i32) {
        if (index < uniforms.size) {
          let row = index / uniforms.cols;
          let at = uniforms.slot * uniforms.rows + row;
          var d = 0.0;
          if (kept(index)) {
            let g = f32(gaps[index]);
            d = ${value};
          }
          setOutputAtIndex(index, d);
        }
      }`;
  }
}
