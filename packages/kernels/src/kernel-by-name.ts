/** The built-in comparison kernels by name: the one table the examples, the loss spec and command lines read. */
import { argumentError } from '@croloss/internal';
import { exponential } from './exponential';
import { hinge } from './hinge';
import type { ComparisonKernel } from './kernel';
import { sigmoid } from './sigmoid';
import { softplus } from './softplus';
import { unitStep } from './unit-step';

/** The names of the built-in kernels, each the `name` of the kernel it makes. */
export const KERNEL_NAMES = ['unit-step', 'sigmoid', 'softplus', 'exponential', 'hinge'] as const;

/** One of {@link KERNEL_NAMES}. */
export type KernelName = (typeof KERNEL_NAMES)[number];

/** Options of {@link kernelByName}: the hinge margin (the other kernels have no parameter). */
export interface KernelByNameOptions {
  /** Margin of 'hinge' (default 0.5, as `hinge()`); ignored by the other kernels. */
  margin?: number;
}

const MAKERS: Record<KernelName, (options: KernelByNameOptions) => ComparisonKernel> = {
  'unit-step': () => unitStep(),
  sigmoid: () => sigmoid(),
  softplus: () => softplus(),
  exponential: () => exponential(),
  hinge: (options) => hinge({ margin: options.margin }),
};

/**
 * The built-in kernel called `name` (its `name` property is `name` again), or an Error listing the names.
 *
 * @example
 * ```ts
 * kernelByName('softplus').name; // 'softplus'
 * (kernelByName('hinge', { margin: 1 }) as HingeKernel).margin; // 1
 * ```
 */
export function kernelByName(name: KernelName, options: KernelByNameOptions = {}): ComparisonKernel {
  if (!isKernelName(name)) throw argumentError('kernelByName', 'name', `one of ${KERNEL_NAMES.join(', ')}`, name);
  if (options === null || typeof options !== 'object') throw argumentError('kernelByName', 'options', 'an object', options);
  return MAKERS[name](options);
}

/**
 * True when `value` is one of {@link KERNEL_NAMES}.
 *
 * @example
 * ```ts
 * isKernelName('sigmoid'); // true
 * isKernelName('tanh'); // false
 * ```
 */
export function isKernelName(value: unknown): value is KernelName {
  return typeof value === 'string' && (KERNEL_NAMES as readonly string[]).includes(value);
}
