/** The reproduce grid: its kernels, alphas, loss specs and cells, and their ids. */
import { argumentError } from '@croloss/internal';

/** Comparison kernels of the grid (section 4.1 of the paper) plus the unit step used as phi1 of CROLoss-lambda. */
export const GRID_KERNELS = ['hinge', 'sigmoid', 'exponential', 'softplus'] as const;
export type GridKernel = (typeof GRID_KERNELS)[number] | 'unit-step';

/** The loss a cell trains with. Baselines carry their implied alpha (softmax 1, triplet/BPR 0, eq. 17-19). */
export type LossSpec =
  | { kind: 'softmax' }
  | { kind: 'triplet' }
  | { kind: 'bpr' }
  | { kind: 'croloss'; kernel: GridKernel; alpha: number }
  | { kind: 'lambda'; phi1: GridKernel; phi2: GridKernel; alpha: number };

/** Which part of the paper a configuration feeds (a configuration can feed several; the first is kept). */
export type CellGroup = 'baseline' | 'kernel-alpha' | 'lambda' | 'hard-negative';

/** One training run of the grid: a loss configuration and a seed. */
export interface Cell {
  /** Stable file-name-safe id, e.g. `croloss-sigmoid-a0.8-s2`. */
  id: string;
  /** Id of the configuration without the seed, e.g. `croloss-sigmoid-a0.8`: seeds of one config share it. */
  config: string;
  group: CellGroup;
  loss: LossSpec;
  /** alpha of the loss (softmax 1, triplet and BPR 0). */
  alpha: number;
  seed: number;
}

/** Options of {@link buildGrid}. */
export interface GridOptions {
  /** Seeds of every configuration. Default [1, 2, 3]. */
  seeds?: number[];
  /** alphas of the kernel x alpha block (Table 3, Figure 4). Default [0.6, 0.8, 1.0, 1.2]. */
  alphas?: number[];
  /** Keep only cells whose id matches this regular expression. */
  only?: RegExp;
}

export const DEFAULT_SEEDS = [1, 2, 3];
export const DEFAULT_ALPHAS = [0.6, 0.8, 1.0, 1.2];
/** phi1 x phi2 of Table 4. */
export const LAMBDA_PHI1: GridKernel[] = ['unit-step', 'sigmoid'];
export const LAMBDA_PHI2: GridKernel[] = ['hinge', 'exponential', 'softplus'];
/** alpha of the CROLoss-lambda block and of the hard-negative view (Figure 5). */
export const LAMBDA_ALPHA = 1;

/** `0.8` -> `a0.8`, `1` -> `a1.0`: one decimal at least, so ids sort and read alike. */
export function alphaTag(alpha: number): string {
  return `a${Number.isInteger(alpha) ? alpha.toFixed(1) : String(alpha)}`;
}

/**
 * The id of a loss configuration: `softmax`, `triplet`, `bpr`, `croloss-<kernel>-a<alpha>`, `lambda-<phi1>-<phi2>-a<alpha>`.
 *
 * @example
 * configId({ kind: 'croloss', kernel: 'sigmoid', alpha: 0.8 }); // 'croloss-sigmoid-a0.8'
 */
export function configId(loss: LossSpec): string {
  switch (loss.kind) {
    case 'croloss':
      return `croloss-${loss.kernel}-${alphaTag(loss.alpha)}`;
    case 'lambda':
      return `lambda-${loss.phi1}-${loss.phi2}-${alphaTag(loss.alpha)}`;
    default:
      return loss.kind;
  }
}

/** alpha a loss uses (eq. 17-19 for the baselines). */
export function lossAlpha(loss: LossSpec): number {
  if (loss.kind === 'softmax') return 1;
  if (loss.kind === 'triplet' || loss.kind === 'bpr') return 0;
  return loss.alpha;
}

/**
 * The paper's section-4 grid as data, in a stable order (configurations, then seeds):
 * - baselines: softmax cross-entropy, triplet, BPR (Table 2);
 * - CROLoss with hinge / sigmoid / exponential / softplus at every alpha (Table 3, Figures 3 and 4);
 * - CROLoss-lambda, phi1 in {unit-step, sigmoid} x phi2 in {hinge, exponential, softplus} at alpha = 1 (Table 4);
 * - the hard-negative view: CROLoss with the triplet (hinge) and BPR (softplus) kernels at alpha = 1 (Figure 5);
 *   these coincide with kernel x alpha cells when 1 is among the alphas and are then listed once.
 * With the defaults: (3 + 16 + 6) configurations x 3 seeds = 75 cells.
 *
 * @example
 * buildGrid({ seeds: [1], only: /^softmax/ }).map((c) => c.id); // ['softmax-s1']
 */
export function buildGrid(options: GridOptions = {}): Cell[] {
  const fn = 'buildGrid';
  const seeds = options.seeds ?? DEFAULT_SEEDS;
  const alphas = options.alphas ?? DEFAULT_ALPHAS;
  if (!Array.isArray(seeds) || seeds.length === 0 || !seeds.every((s) => Number.isInteger(s) && s >= 0)) {
    throw argumentError(fn, 'options.seeds', 'a non-empty array of integers >= 0', seeds);
  }
  if (!Array.isArray(alphas) || alphas.length === 0 || !alphas.every((a) => Number.isFinite(a) && a >= 0)) {
    throw argumentError(fn, 'options.alphas', 'a non-empty array of finite numbers >= 0', alphas);
  }
  const configs: Array<{ group: CellGroup; loss: LossSpec }> = [
    { group: 'baseline', loss: { kind: 'softmax' } },
    { group: 'baseline', loss: { kind: 'triplet' } },
    { group: 'baseline', loss: { kind: 'bpr' } },
    ...GRID_KERNELS.flatMap((kernel) => alphas.map((alpha) => ({ group: 'kernel-alpha' as const, loss: { kind: 'croloss' as const, kernel, alpha } }))),
    ...LAMBDA_PHI1.flatMap((phi1) => LAMBDA_PHI2.map((phi2) => ({ group: 'lambda' as const, loss: { kind: 'lambda' as const, phi1, phi2, alpha: LAMBDA_ALPHA } }))),
    { group: 'hard-negative', loss: { kind: 'croloss', kernel: 'hinge', alpha: LAMBDA_ALPHA } },
    { group: 'hard-negative', loss: { kind: 'croloss', kernel: 'softplus', alpha: LAMBDA_ALPHA } },
  ];
  const seen = new Set<string>();
  const cells: Cell[] = [];
  for (const { group, loss } of configs) {
    const config = configId(loss);
    if (seen.has(config)) continue;
    seen.add(config);
    for (const seed of [...new Set(seeds)]) {
      const id = `${config}-s${seed}`;
      if (options.only && !options.only.test(id)) continue;
      cells.push({ id, config, group, loss, alpha: lossAlpha(loss), seed });
    }
  }
  return cells;
}
