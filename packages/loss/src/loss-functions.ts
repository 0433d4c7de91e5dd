import { sigmoid, softplus } from '@croloss/kernels';
import { croLoss, croLossFromScores, type CroLossLabelOptions } from './cro-loss';
import { lambdaCroLoss, lambdaCroLossFromScores, type LambdaCroLossOptions } from './lambda-cro-loss';
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
  const kernel = options.kernel ?? softplus();
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
  const phi1 = (options.weightKernel ?? sigmoid()).name;
  const phi2 = (options.gradientKernel ?? softplus()).name;
  const alpha = options.weighting ? options.weighting.name : `alpha=${options.alpha ?? 1}`;
  return retrievalLoss(
    `croloss-lambda(${phi1}/${phi2}, ${alpha})`,
    (yTrue, yPred) => lambdaCroLoss(yTrue, yPred, options),
    (positive, negatives, mask) => lambdaCroLossFromScores(positive, negatives, { ...options, mask }),
  );
}
