import { exponential, hinge, sigmoid, softplus, unitStep, type ComparisonKernel } from '@croloss/kernels';
import { croLossFunction, lambdaCroLossFunction, presets, type RetrievalLoss } from '@croloss/loss';

/** Kernels by their command-line names. */
export const KERNELS: Record<string, () => ComparisonKernel> = {
  sigmoid: () => sigmoid(),
  softplus: () => softplus(),
  exponential: () => exponential(),
  hinge: () => hinge({ margin: 0.5 }),
  'unit-step': () => unitStep(),
};

/** Loss names the examples accept. */
export const LOSS_NAMES = ['softmax', 'croloss', 'lambda', 'bpr', 'triplet'] as const;
export type LossName = (typeof LOSS_NAMES)[number];

export interface LossSettings {
  kernel: string;
  weightKernel: string;
  gradientKernel: string;
  alpha: number;
  /** |I| of the sampled estimator (eq. 24): the number of real items. */
  numItems: number;
}

export function kernelByName(name: string, flag: string): ComparisonKernel {
  const make = KERNELS[name];
  if (!make) throw new Error(`${flag} must be one of ${Object.keys(KERNELS).join(', ')}, got ${JSON.stringify(name)}`);
  return make();
}

/**
 * The loss a name stands for, configured for sampled negatives over `numItems` items. The model's scores
 * already include the temperature, so every loss here uses tau = 1.
 */
export function lossByName(name: string, settings: LossSettings): RetrievalLoss {
  const { alpha, numItems } = settings;
  switch (name as LossName) {
    case 'softmax':
      return presets.softmaxCrossEntropy({ numItems });
    case 'bpr':
      return presets.bpr({ numItems });
    case 'triplet':
      return presets.triplet({ numItems, margin: 0.5 });
    case 'croloss':
      return croLossFunction({ kernel: kernelByName(settings.kernel, '--kernel'), alpha, numItems });
    case 'lambda':
      return lambdaCroLossFunction({
        weightKernel: kernelByName(settings.weightKernel, '--weight-kernel'),
        gradientKernel: kernelByName(settings.gradientKernel, '--gradient-kernel'),
        alpha,
        numItems,
      });
    default:
      throw new Error(`--losses entries must be among ${LOSS_NAMES.join(', ')}, got ${JSON.stringify(name)}`);
  }
}
