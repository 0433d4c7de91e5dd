/** Registers the fused kernels FUSED_ROW_SUMS_KERNEL and FUSED_ROW_SUMS_GRAD_KERNEL for tfjs's `webgpu` backend... */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import {
  FUSED_ROW_SUMS_GRAD_KERNEL,
  FUSED_ROW_SUMS_KERNEL,
  isFusedPhiName,
  type FusedPhiName,
} from './kernel-names';
import { FusedRowSumsGradProgram, FusedRowSumsProgram, type WebGPUProgramLike } from './programs';

/** The part of tfjs-backend-webgpu's WebGPUBackend the kernels use (typed here so nothing imports the backend). */
interface WebGPUBackendLike {
  runWebGPUProgram(
    program: WebGPUProgramLike,
    inputs: TensorInfo[],
    outputType: 'float32',
    programDefinedUniform?: Array<{ type: 'int32' | 'float32'; data: number[] }>,
  ): TensorInfo;
}

const BACKEND = 'webgpu';

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

function checkScale(kernel: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(kernel, `attribute 'scale' must be a finite number, got ${String(value)}`);
  return value;
}

function checkMargin(kernel: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(kernel, `a hinge margin must be a finite number, got ${String(value)}`);
  return value;
}

function fusedRowSums({ inputs, backend, attrs }: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: NamedAttrMap }): TensorInfo {
  const kernel = FUSED_ROW_SUMS_KERNEL;
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
  const m = margins.map((x) => checkMargin(kernel, x));
  // the log form does not apply the scale: a program of log slots only has no use (and no binding) for it
  const rowScale = (phis as FusedPhiName[]).every((p) => p === 'log-exponential') ? null : scale;
  const program = new FusedRowSumsProgram(rows, cols, phis as FusedPhiName[], mask !== null, rowScale !== null);
  const uniforms = [
    { type: 'int32' as const, data: [rows] },
    { type: 'int32' as const, data: [cols] },
    { type: 'float32' as const, data: [checkScale(kernel, attrs?.scale ?? 1)] },
    { type: 'float32' as const, data: [m[0]] },
    { type: 'float32' as const, data: [m[1] ?? 0] },
  ];
  const programInputs = [gaps, ...(mask ? [mask] : []), ...(rowScale ? [rowScale] : [])];
  return (backend as WebGPUBackendLike).runWebGPUProgram(program, programInputs, 'float32', uniforms);
}

function fusedRowSumsGrad({ inputs, backend, attrs }: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: NamedAttrMap }): TensorInfo {
  const kernel = FUSED_ROW_SUMS_GRAD_KERNEL;
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
  const program = new FusedRowSumsGradProgram(rows, cols, phi, mask !== null, scale !== null);
  const uniforms = [
    { type: 'int32' as const, data: [rows] },
    { type: 'int32' as const, data: [cols] },
    { type: 'float32' as const, data: [checkScale(kernel, attrs?.scale ?? 1)] },
    { type: 'float32' as const, data: [checkMargin(kernel, attrs?.margin ?? 0)] },
    { type: 'int32' as const, data: [slot] },
  ];
  const programInputs = [gaps, ...(mask ? [mask] : []), ...(scale ? [scale] : []), dy, ...(stats ? [stats] : [])];
  return (backend as WebGPUBackendLike).runWebGPUProgram(program, programInputs, 'float32', uniforms);
}

const CONFIGS: KernelConfig[] = [
  { kernelName: FUSED_ROW_SUMS_KERNEL, backendName: BACKEND, kernelFunc: fusedRowSums as unknown as KernelConfig['kernelFunc'] },
  { kernelName: FUSED_ROW_SUMS_GRAD_KERNEL, backendName: BACKEND, kernelFunc: fusedRowSumsGrad as unknown as KernelConfig['kernelFunc'] },
];

/**
 * Registers the fused kernels {@link FUSED_ROW_SUMS_KERNEL} and {@link FUSED_ROW_SUMS_GRAD_KERNEL} for tfjs's
 * `webgpu` backend (`tf.registerKernel`). Importing the package does it once; call it again after
 * {@link unregisterFusedRankKernels}. Idempotent, and it needs no GPU: the kernels run only once the `webgpu`
 * backend is active. @croloss/loss then computes the rank statistics R = s (1 + sum_k mask phi(g_k)) (and log R of
 * the exponential kernel) of `croLoss*` and `lambdaCroLoss*` with them, one pass per row, instead of composing
 * phi, mask, sum and scale from tfjs ops.
 *
 * @returns the kernel names that were newly registered (empty when both already were).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { registerFusedRankKernels } from '@croloss/webgpu-kernels';
 * registerFusedRankKernels(); // [] : importing the package already registered them
 * tf.getKernel('CrolossFusedRowSums', 'webgpu') !== undefined; // true
 * ```
 */
export function registerFusedRankKernels(): string[] {
  const added: string[] = [];
  for (const config of CONFIGS) {
    if (tf.getKernel(config.kernelName, config.backendName)) continue;
    tf.registerKernel(config);
    added.push(config.kernelName);
  }
  return added;
}

/**
 * Removes the fused kernels from the `webgpu` backend (`tf.unregisterKernel`), so that @croloss/loss goes back to
 * its composed tfjs ops; for comparisons and benchmarks. {@link registerFusedRankKernels} brings them back.
 *
 * @returns the kernel names that were removed (empty when none was registered).
 *
 * @example
 * ```ts
 * import { registerFusedRankKernels, unregisterFusedRankKernels } from '@croloss/webgpu-kernels';
 * unregisterFusedRankKernels(); // ['CrolossFusedRowSums', 'CrolossFusedRowSumsGrad']: the loss composes tfjs ops
 * registerFusedRankKernels();   // and fuses again
 * ```
 */
export function unregisterFusedRankKernels(): string[] {
  const removed: string[] = [];
  for (const config of CONFIGS) {
    if (!tf.getKernel(config.kernelName, config.backendName)) continue;
    tf.unregisterKernel(config.kernelName, config.backendName);
    removed.push(config.kernelName);
  }
  return removed;
}

/**
 * True when both fused kernels are registered for the `webgpu` backend (they are used only while it is the
 * active backend: `tf.getBackend() === 'webgpu'`).
 *
 * @example
 * ```ts
 * import { fusedRankKernelsRegistered } from '@croloss/webgpu-kernels';
 * fusedRankKernelsRegistered(); // true after importing the package
 * ```
 */
export function fusedRankKernelsRegistered(): boolean {
  return CONFIGS.every((config) => tf.getKernel(config.kernelName, config.backendName) !== undefined);
}
