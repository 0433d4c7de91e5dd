/** The losses and kernels the retrieval example's command line names: views of @croloss/loss's and @croloss/kernels' own tables. */
import { KERNEL_NAMES, kernelByName as libraryKernelByName, type ComparisonKernel, type KernelName } from '@croloss/kernels';
import { LOSS_KEYS, lossFromSpec, type LossKey, type RetrievalLoss } from '@croloss/loss';

/** Kernels by their command-line names (main.ts's --kernel choices): kernelByName of @croloss/kernels, hinge margin 0.5. */
export const KERNELS: Record<string, () => ComparisonKernel> = Object.fromEntries(
  KERNEL_NAMES.map((name) => [name, () => libraryKernelByName(name)]),
);

/** Loss names the examples accept: LOSS_KEYS of @croloss/loss. */
export const LOSS_NAMES = LOSS_KEYS;
export type LossName = LossKey;

export interface LossSettings {
  kernel: string;
  weightKernel: string;
  gradientKernel: string;
  alpha: number;
  /** |I| of the sampled estimator (eq. 24): the number of real items. */
  numItems: number;
}

/** The kernel a command-line value names; `flag` is the option in the message. */
export function kernelByName(name: string, flag: string): ComparisonKernel {
  if (!(KERNEL_NAMES as readonly string[]).includes(name)) throw new Error(`${flag} must be one of ${KERNEL_NAMES.join(', ')}, got ${JSON.stringify(name)}`);
  return libraryKernelByName(name as KernelName);
}

/**
 * The loss a name stands for, configured for sampled negatives over `numItems` items. The model's scores
 * already include the temperature, so every loss here uses tau = 1.
 */
export function lossByName(name: string, settings: LossSettings): RetrievalLoss {
  const { alpha, numItems } = settings;
  if (!(LOSS_KEYS as readonly string[]).includes(name)) throw new Error(`--losses entries must be among ${LOSS_KEYS.join(', ')}, got ${JSON.stringify(name)}`);
  const loss = name as LossKey;
  if (loss === 'croloss') return lossFromSpec({ loss, kernel: kernelByName(settings.kernel, '--kernel').name as KernelName, alpha, numItems });
  if (loss === 'lambda') {
    const weightKernel = kernelByName(settings.weightKernel, '--weight-kernel').name as KernelName;
    const gradientKernel = kernelByName(settings.gradientKernel, '--gradient-kernel').name as KernelName;
    return lossFromSpec({ loss, weightKernel, gradientKernel, alpha, numItems });
  }
  return lossFromSpec({ loss, numItems });
}
