/** Checks a kernel numerically against the five conditions of CROLoss section 3.4. */
import * as tf from '@tensorflow/tfjs-core';
import { argumentError } from '@croloss/internal';
import { isComparisonKernel, type ComparisonKernel } from './kernel';

/** One of the paper's five kernel conditions, checked numerically. */
export interface KernelCondition {
  id: 'i' | 'ii' | 'iii' | 'iv' | 'v';
  description: string;
  holds: boolean;
  /** The numbers the verdict rests on. */
  detail: string;
}

/** The verdict of {@link checkKernelConditions}. */
export interface KernelConditionReport {
  kernel: string;
  ok: boolean;
  conditions: KernelCondition[];
}

/** Options of {@link checkKernelConditions}. */
export interface KernelConditionOptions {
  /** Half-width of the grid [-range, range] checked for monotonicity and finite gradients. Default 50. */
  range?: number;
  /** Grid points. Default 2001. */
  points?: number;
  /** Where the limits at -inf and +inf are read. Default 1e3. */
  far?: number;
  /** Absolute tolerance of the limit and monotonicity checks. Default 1e-6. */
  tolerance?: number;
}

/**
 * Checks a kernel numerically against the five conditions of CROLoss section 3.4:
 * (i) differentiable almost everywhere (finite gradient on a grid), (ii) monotonically increasing,
 * (iii) phi(-inf) = 0, (iv) 0.5 <= phi(0) <= 1, (v) phi(+inf) >= 1.
 * Runs on the current backend and reads the values back; it is a check for set-up time, not a training op.
 *
 * @example
 * ```ts
 * checkKernelConditions(hinge({ margin: 5 })).conditions[3].holds; // false: phi(0) = 5 > 1
 * checkKernelConditions(sigmoid()).ok;                             // true
 * ```
 */
export function checkKernelConditions(
  kernel: ComparisonKernel,
  options: KernelConditionOptions = {},
): KernelConditionReport {
  if (!isComparisonKernel(kernel)) {
    throw argumentError('checkKernelConditions', 'kernel', 'a ComparisonKernel { name, apply }', kernel);
  }
  if (options === null || typeof options !== 'object') {
    throw argumentError('checkKernelConditions', 'options', 'an object { range?, points?, far?, tolerance? }', options);
  }
  const { range = 50, points = 2001, far = 1e3, tolerance = 1e-6 } = options;
  const positive = (name: string, value: unknown, ok: boolean, expected: string) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || !ok) throw argumentError('checkKernelConditions', name, expected, value);
  };
  positive('range', range, range > 0, 'a finite number > 0');
  positive('points', points, Number.isInteger(points) && points >= 2, 'an integer >= 2');
  positive('far', far, far > 0, 'a finite number > 0');
  positive('tolerance', tolerance, tolerance >= 0, 'a finite number >= 0');
  const [values, gradients, ends] = tf.tidy(() => {
    const grid = tf.linspace(-range, range, points);
    const phi = kernel.apply(grid);
    const grad = tf.grad((x: tf.Tensor) => tf.sum(kernel.apply(x)))(grid);
    const limits = kernel.apply(tf.tensor1d([-far, 0, far]));
    return [phi.dataSync(), grad.dataSync(), limits.dataSync()];
  });
  let worstDrop = 0;
  for (let i = 1; i < values.length; i++) worstDrop = Math.max(worstDrop, values[i - 1] - values[i]);
  const nonFinite = gradients.filter((g) => !Number.isFinite(g)).length;
  const [atMinusInf, atZero, atPlusInf] = ends;
  const conditions: KernelCondition[] = [
    {
      id: 'i',
      description: 'differentiable almost everywhere',
      holds: nonFinite === 0,
      detail: `${nonFinite} non-finite gradients on ${points} points in [-${range}, ${range}]`,
    },
    {
      id: 'ii',
      description: 'monotonically increasing',
      holds: worstDrop <= tolerance,
      detail: `largest decrease between neighbours ${worstDrop}`,
    },
    {
      id: 'iii',
      description: 'phi(x) -> 0 as x -> -inf',
      holds: Math.abs(atMinusInf) <= tolerance,
      detail: `phi(-${far}) = ${atMinusInf}`,
    },
    {
      id: 'iv',
      description: '0.5 <= phi(0) <= 1',
      holds: atZero >= 0.5 - tolerance && atZero <= 1 + tolerance,
      detail: `phi(0) = ${atZero}`,
    },
    {
      id: 'v',
      description: 'phi(x) -> a limit >= 1 as x -> +inf',
      holds: atPlusInf >= 1 - tolerance,
      detail: `phi(${far}) = ${atPlusInf}`,
    },
  ];
  return { kernel: kernel.name, ok: conditions.every((c) => c.holds), conditions };
}
