/** croLossFunction and lambdaCroLossFunction: a loss configured once, its options checked up front, usable both ways. */
import { sigmoid, softplus } from '@croloss/kernels';
import { argumentError } from '@croloss/internal';
import { croLoss, croLossFromScores, type CroLossLabelOptions } from './cro-loss';
import { lambdaCroLoss, lambdaCroLossFromScores, type LambdaCroLossOptions } from './lambda-cro-loss';
import { checkKernel, resolveLossOptions } from './options';
import { retrievalLoss, type RetrievalLoss } from './retrieval-loss';

/**
 * A configured CROLoss, for `model.compile({ loss: croLossFunction(...) })` or a two-tower trainer.
 *
 * @example
 * ```ts
 * model.compile({ optimizer: 'adam', loss: croLossFunction({ kernel: softplus(), alpha: 1, numItems: 313966 }) });
 * ```
 */
export function croLossFunction(options: CroLossLabelOptions = {}): RetrievalLoss {
  return configuredCroLoss('croLossFunction', options);
}

/**
 * croLossFunction, with its options checked up front under the name `fn` (so that a NaN alpha throws when the loss
 * is configured, not at its first call).
 */
export function configuredCroLoss(fn: string, options: CroLossLabelOptions): RetrievalLoss {
  if (options === null || typeof options !== 'object') throw argumentError(fn, 'options', 'an object', options);
  const kernel = checkKernel(fn, 'kernel', options.kernel ?? softplus(), false);
  resolveLossOptions(fn, options, 0);
  const multiHot = options.multiHot ?? 'pooled';
  if (multiHot !== 'pooled' && multiHot !== 'each') throw argumentError(fn, 'multiHot', "'pooled' or 'each'", multiHot);
  const alpha = options.weighting ? options.weighting.name : `alpha=${options.alpha ?? 1}`;
  return retrievalLoss(
    `croloss(${kernel.name}, ${alpha})`,
    (yTrue, yPred) => croLoss(yTrue, yPred, options),
    (positive, negatives, mask) => croLossFromScores(positive, negatives, { ...options, mask }),
  );
}

/**
 * A configured CROLoss-lambda (eq. 23).
 *
 * @example
 * ```ts
 * const loss = lambdaCroLossFunction({ weightKernel: sigmoid(), gradientKernel: softplus(), alpha: 1 });
 * loss.fromScores(pos, neg); // [B]
 * ```
 */
export function lambdaCroLossFunction(options: LambdaCroLossOptions = {}): RetrievalLoss {
  const fn = 'lambdaCroLossFunction';
  if (options === null || typeof options !== 'object') throw argumentError(fn, 'options', 'an object', options);
  const phi1 = checkKernel(fn, 'weightKernel', options.weightKernel ?? sigmoid(), false).name;
  const phi2 = checkKernel(fn, 'gradientKernel', options.gradientKernel ?? softplus(), true).name;
  resolveLossOptions(fn, options, 0);
  const alpha = options.weighting ? options.weighting.name : `alpha=${options.alpha ?? 1}`;
  return retrievalLoss(
    `croloss-lambda(${phi1}/${phi2}, ${alpha})`,
    (yTrue, yPred) => lambdaCroLoss(yTrue, yPred, options),
    (positive, negatives, mask) => lambdaCroLossFromScores(positive, negatives, { ...options, mask }),
  );
}
