/** The inputs and attributes of the fused rank-statistic kernels, checked once for every backend that registers them (webgpu-kernels, wasm-kernels), and their registration. */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import { FUSED_PHI_NAMES, FUSED_ROW_SUMS_GRAD_KERNEL, FUSED_ROW_SUMS_KERNEL } from './kernel-names';

/** A comparison kernel the fused programs compute (the `name` of a @croloss/kernels built-in, or 'log-exponential'). */
export type FusedPhi = (typeof FUSED_PHI_NAMES)[number];

/** Throws `${kernel}: ${message}` (the error grammar of the fused kernels' checks). */
export function kernelFail(kernel: string, message: string): never {
  throw new Error(`${kernel}: ${message}`);
}

function isPhi(value: unknown): value is FusedPhi {
  return typeof value === 'string' && (FUSED_PHI_NAMES as readonly string[]).includes(value);
}

/** A float32 input (a mask may also be int32 or bool) of the given shape (`null`: any). */
export function checkKernelInput(kernel: string, name: string, t: TensorInfo | undefined, shape: number[] | null): TensorInfo {
  if (!t) kernelFail(kernel, `input '${name}' is missing`);
  if (t.dtype !== 'float32' && !(name === 'mask' && (t.dtype === 'bool' || t.dtype === 'int32'))) {
    kernelFail(kernel, `input '${name}' must be float32${name === 'mask' ? ', int32 or bool' : ''}, got ${t.dtype}`);
  }
  if (shape && (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i]))) {
    kernelFail(kernel, `input '${name}' must have shape [${shape}], got [${t.shape}]`);
  }
  return t;
}

/** A finite number attribute. */
export function checkKernelNumber(kernel: string, what: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) kernelFail(kernel, `${what} must be a finite number, got ${String(value)}`);
  return value;
}

function checkGaps(kernel: string, inputs: NamedTensorInfoMap): TensorInfo {
  const gaps = checkKernelInput(kernel, 'gaps', inputs.gaps, null);
  if (gaps.shape.length !== 2) kernelFail(kernel, `input 'gaps' must be [B, K], got shape [${gaps.shape}]`);
  return gaps;
}

/** The checked arguments of the forward kernel: R_s[b] = scale[b] (1 + sum_k mask[b, k] phi_s(gaps[b, k])). */
export interface FusedRowSumsArgs {
  gaps: TensorInfo;
  rows: number;
  cols: number;
  mask: TensorInfo | null;
  scale: TensorInfo | null;
  phis: FusedPhi[];
  margins: number[];
  /** The `scale` attribute, used for every row when there is no `scale` input. */
  scalar: number;
}

/**
 * Checks the forward kernel's inputs (`gaps` [B, K], optional `mask` [B, K], optional `scale` [B]) and attributes
 * (`phis`: 1 or 2 phi names, `margins`: one number each, `scale`), throwing `CrolossFusedRowSums: ...` on the first
 * problem.
 *
 * @example
 * fusedRowSumsArgs({ gaps }, { phis: ['sigmoid'], margins: [0], scale: 1 }).rows; // B
 */
export function fusedRowSumsArgs(inputs: NamedTensorInfoMap, attrs: NamedAttrMap | undefined): FusedRowSumsArgs {
  const kernel = FUSED_ROW_SUMS_KERNEL;
  const gaps = checkGaps(kernel, inputs);
  const [rows, cols] = gaps.shape;
  const mask = inputs.mask ? checkKernelInput(kernel, 'mask', inputs.mask, [rows, cols]) : null;
  const scale = inputs.scale ? checkKernelInput(kernel, 'scale', inputs.scale, [rows]) : null;
  const phis = (attrs?.phis ?? []) as unknown[];
  const margins = (attrs?.margins ?? []) as unknown[];
  if (!Array.isArray(phis) || phis.length < 1 || phis.length > 2 || !phis.every(isPhi)) {
    kernelFail(kernel, `attribute 'phis' must list 1 or 2 of ${FUSED_PHI_NAMES.join(', ')}, got ${JSON.stringify(phis)}`);
  }
  if (!Array.isArray(margins) || margins.length !== phis.length) kernelFail(kernel, `attribute 'margins' must have one number per kernel`);
  const checkedMargins = margins.map((x) => checkKernelNumber(kernel, 'a hinge margin', x));
  const scalar = checkKernelNumber(kernel, "attribute 'scale'", attrs?.scale ?? 1);
  return { gaps, rows, cols, mask, scale, phis: phis as FusedPhi[], margins: checkedMargins, scalar };
}

/** The checked arguments of the backward kernel: dGaps[b, k] = dy[slot, b] scale[b] mask[b, k] phi'(gaps[b, k]). */
export interface FusedRowSumsGradArgs {
  gaps: TensorInfo;
  rows: number;
  cols: number;
  phi: FusedPhi;
  slot: number;
  dy: TensorInfo;
  /** The forward output, for 'log-exponential' only. */
  stats: TensorInfo | null;
  mask: TensorInfo | null;
  /** The per-row scale (never for 'log-exponential', whose log form has none). */
  scale: TensorInfo | null;
  scalar: number;
  margin: number;
}

/**
 * Checks the backward kernel's inputs (`gaps`, `dy` [n, B], `stats` for the log form, optional `mask` and `scale`)
 * and attributes (`phi`, `slot`, `scale`, `margin`), throwing `CrolossFusedRowSumsGrad: ...` on the first problem.
 *
 * @example
 * fusedRowSumsGradArgs({ gaps, dy }, { phi: 'softplus', slot: 0, margin: 0, scale: 1 }).slot; // 0
 */
export function fusedRowSumsGradArgs(inputs: NamedTensorInfoMap, attrs: NamedAttrMap | undefined): FusedRowSumsGradArgs {
  const kernel = FUSED_ROW_SUMS_GRAD_KERNEL;
  const gaps = checkGaps(kernel, inputs);
  const [rows, cols] = gaps.shape;
  const phi = attrs?.phi;
  if (!isPhi(phi)) kernelFail(kernel, `attribute 'phi' must be one of ${FUSED_PHI_NAMES.join(', ')}, got ${String(phi)}`);
  const slot = attrs?.slot ?? 0;
  if (typeof slot !== 'number' || !Number.isInteger(slot) || slot < 0) kernelFail(kernel, `attribute 'slot' must be an integer >= 0, got ${String(slot)}`);
  const dy = checkKernelInput(kernel, 'dy', inputs.dy, null);
  if (dy.shape.length !== 2 || dy.shape[1] !== rows || slot >= dy.shape[0]) kernelFail(kernel, `input 'dy' must be [n, ${rows}] with n > slot ${slot}, got [${dy.shape}]`);
  const log = phi === 'log-exponential';
  const stats = log ? checkKernelInput(kernel, 'stats', inputs.stats, dy.shape) : null;
  const mask = inputs.mask ? checkKernelInput(kernel, 'mask', inputs.mask, [rows, cols]) : null;
  const scale = inputs.scale && !log ? checkKernelInput(kernel, 'scale', inputs.scale, [rows]) : null;
  const scalar = checkKernelNumber(kernel, "attribute 'scale'", attrs?.scale ?? 1);
  const margin = checkKernelNumber(kernel, 'a hinge margin', attrs?.margin ?? 0);
  return { gaps, rows, cols, phi, slot, dy, stats, mask, scale, scalar, margin };
}

/** Registers each kernel config not yet registered; returns the names newly registered. */
export function registerKernelConfigs(configs: readonly KernelConfig[]): string[] {
  const added: string[] = [];
  for (const config of configs) {
    if (tf.getKernel(config.kernelName, config.backendName)) continue;
    tf.registerKernel(config);
    added.push(config.kernelName);
  }
  return added;
}

/** Unregisters each registered kernel config; returns the names removed. */
export function unregisterKernelConfigs(configs: readonly KernelConfig[]): string[] {
  const removed: string[] = [];
  for (const config of configs) {
    if (!tf.getKernel(config.kernelName, config.backendName)) continue;
    tf.unregisterKernel(config.kernelName, config.backendName);
    removed.push(config.kernelName);
  }
  return removed;
}

/** True when every config is registered. */
export function kernelConfigsRegistered(configs: readonly KernelConfig[]): boolean {
  return configs.every((config) => tf.getKernel(config.kernelName, config.backendName) !== undefined);
}
