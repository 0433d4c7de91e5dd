/** Registers the fused kernels FUSED_ROW_SUMS_KERNEL and FUSED_ROW_SUMS_GRAD_KERNEL for tfjs's `webgpu` backend... */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import { fusedRowSumsArgs, fusedRowSumsGradArgs, kernelConfigsRegistered, registerKernelConfigs, unregisterKernelConfigs } from '@croloss/internal';
import { FUSED_ROW_SUMS_GRAD_KERNEL, FUSED_ROW_SUMS_KERNEL, type FusedPhiName } from './kernel-names';
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

function fusedRowSums({ inputs, backend, attrs }: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: NamedAttrMap }): TensorInfo {
  const { gaps, rows, cols, mask, scale, phis, margins, scalar } = fusedRowSumsArgs(inputs, attrs);
  // the log form does not apply the scale: a program of log slots only has no use (and no binding) for it
  const rowScale = phis.every((p) => p === 'log-exponential') ? null : scale;
  const program = new FusedRowSumsProgram(rows, cols, phis as FusedPhiName[], mask !== null, rowScale !== null);
  const uniforms = [
    { type: 'int32' as const, data: [rows] },
    { type: 'int32' as const, data: [cols] },
    { type: 'float32' as const, data: [scalar] },
    { type: 'float32' as const, data: [margins[0]] },
    { type: 'float32' as const, data: [margins[1] ?? 0] },
  ];
  const programInputs = [gaps, ...(mask ? [mask] : []), ...(rowScale ? [rowScale] : [])];
  return (backend as WebGPUBackendLike).runWebGPUProgram(program, programInputs, 'float32', uniforms);
}

function fusedRowSumsGrad({ inputs, backend, attrs }: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: NamedAttrMap }): TensorInfo {
  const { gaps, rows, cols, phi, slot, dy, stats, mask, scale, scalar, margin } = fusedRowSumsGradArgs(inputs, attrs);
  const program = new FusedRowSumsGradProgram(rows, cols, phi as FusedPhiName, mask !== null, scale !== null);
  const uniforms = [
    { type: 'int32' as const, data: [rows] },
    { type: 'int32' as const, data: [cols] },
    { type: 'float32' as const, data: [scalar] },
    { type: 'float32' as const, data: [margin] },
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
  return registerKernelConfigs(CONFIGS);
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
  return unregisterKernelConfigs(CONFIGS);
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
  return kernelConfigsRegistered(CONFIGS);
}
