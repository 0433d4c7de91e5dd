// The settings of one in-page training session (losses, kernel, alpha, steps, batch, negatives, seed, ...): defaults, and a check that names the bad field.
import type { ProtocolSettings } from '@croloss/experiment-kit/protocol';
import { argumentError } from '@croloss/internal';
import { KERNELS } from '../../retrieval/src/losses';

/** Losses the page offers: the paper's softmax baseline, CROLoss (eq. 24) and CROLoss-lambda. */
export const PAGE_LOSSES = ['softmax', 'croloss', 'lambda'] as const;
export type PageLoss = (typeof PAGE_LOSSES)[number];

/** Everything a session needs besides the data and the backend; the Node comparison passes the same object. */
export interface SessionConfig extends Omit<ProtocolSettings, 'patience' | 'validationNs' | 'logEvery'> {
  losses: PageLoss[];
  /** Comparison kernel of CROLoss (phi): sigmoid, softplus, exponential, hinge, unit-step. */
  kernel: string;
  /** phi1 / phi2 of CROLoss-lambda. */
  weightKernel: string;
  gradientKernel: string;
  /** Power-law alpha of the weighting w(k) ~ k^(-alpha). */
  alpha: number;
  /** Lazy Adam (@croloss/two-tower sparseUpdates): each step updates only the item rows it touches. Much faster on GPUs without a fast scatter-add. */
  sparseUpdates: boolean;
  seed: number;
}

/** The page's defaults: the Node example's model (d 32, tau 10, history 20, lr 0.02) with a budget sized for a browser tab. */
export const DEFAULT_SESSION: SessionConfig = Object.freeze({
  losses: ['softmax', 'croloss', 'lambda'],
  kernel: 'softplus',
  weightKernel: 'sigmoid',
  gradientKernel: 'softplus',
  alpha: 1,
  steps: 300,
  batchSize: 256,
  numNegatives: 1024,
  evalEvery: 50,
  learningRate: 0.02,
  sparseUpdates: false,
  dim: 32,
  tau: 10,
  maxHistory: 20,
  seed: 1,
  ns: [10, 20, 50, 100, 200],
  validN: 50,
}) as SessionConfig;

const INTEGER_FIELDS = ['steps', 'batchSize', 'numNegatives', 'evalEvery', 'dim', 'maxHistory', 'validN'] as const;

/**
 * Fills in the defaults and checks every field, throwing `checkSessionConfig: argument 'config.steps' must be an
 * integer >= 1, got 0` style Errors (so a bad URL parameter or form value is named, never silently replaced).
 *
 * @example
 * ```ts
 * checkSessionConfig({ losses: ['croloss'], steps: 40 }).batchSize; // 256
 * ```
 */
export function checkSessionConfig(partial: Partial<SessionConfig>): SessionConfig {
  const fn = 'checkSessionConfig';
  if (partial === null || typeof partial !== 'object') throw argumentError(fn, 'config', 'an object', partial);
  const config: SessionConfig = { ...DEFAULT_SESSION, ...partial };
  if (!Array.isArray(config.losses) || config.losses.length === 0 || config.losses.some((l) => !(PAGE_LOSSES as readonly string[]).includes(l))) {
    throw argumentError(fn, 'config.losses', `a non-empty list of ${PAGE_LOSSES.join(', ')}`, config.losses);
  }
  if (new Set(config.losses).size !== config.losses.length) throw argumentError(fn, 'config.losses', 'distinct losses', config.losses);
  for (const field of ['kernel', 'weightKernel', 'gradientKernel'] as const) {
    if (!(config[field] in KERNELS)) throw argumentError(fn, `config.${field}`, `one of ${Object.keys(KERNELS).join(', ')}`, config[field]);
  }
  for (const field of INTEGER_FIELDS) {
    if (!Number.isInteger(config[field]) || config[field] < 1) throw argumentError(fn, `config.${field}`, 'an integer >= 1', config[field]);
  }
  if (typeof config.sparseUpdates !== 'boolean') throw argumentError(fn, 'config.sparseUpdates', 'a boolean', config.sparseUpdates);
  if (!Number.isInteger(config.seed) || config.seed < 0) throw argumentError(fn, 'config.seed', 'an integer >= 0', config.seed);
  for (const field of ['learningRate', 'tau'] as const) {
    if (!Number.isFinite(config[field]) || config[field] <= 0) throw argumentError(fn, `config.${field}`, 'a finite number > 0', config[field]);
  }
  if (!(Number.isFinite(config.alpha) && config.alpha >= 0 && config.alpha <= 4)) throw argumentError(fn, 'config.alpha', 'a number in [0, 4]', config.alpha);
  if (!Array.isArray(config.ns) || config.ns.length === 0 || config.ns.some((n) => !Number.isInteger(n) || n < 1)) {
    throw argumentError(fn, 'config.ns', 'a non-empty list of integers >= 1', config.ns);
  }
  if (!config.ns.includes(config.validN)) throw argumentError(fn, 'config.validN', `one of config.ns (${config.ns.join(', ')})`, config.validN);
  return { ...config, losses: [...config.losses], ns: [...config.ns].sort((a, b) => a - b) };
}
