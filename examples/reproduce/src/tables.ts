/** The paper's Tables 2-4 as Markdown, from the per-configuration summaries. */
import { configId, GRID_KERNELS, LAMBDA_ALPHA, LAMBDA_PHI1, LAMBDA_PHI2, type GridKernel } from './grid';
import { bestConfig, formatStat, type ConfigSummary } from './summary';

/** Retrieval sizes of the paper's tables. */
export const TABLE_NS = [50, 100, 200, 500];
/** N that picks "the best" CROLoss / CROLoss-lambda configuration (the paper's validation N). */
export const SELECTION_N = 100;

const KERNEL_LABEL: Record<GridKernel, string> = { hinge: 'hinge', sigmoid: 'sigmoid', exponential: 'exponential', softplus: 'softplus', 'unit-step': 'unit step' };

function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}

const isCroLoss = (s: ConfigSummary) => s.cell.loss.kind === 'croloss';
const isLambda = (s: ConfigSummary) => s.cell.loss.kind === 'lambda';

/**
 * Table 2: softmax cross-entropy, triplet and BPR next to the best CROLoss and the best CROLoss-lambda
 * (chosen by mean Recall@100), Recall@N in percent as `mean ± std` over seeds.
 *
 * @example
 * console.log(table2(summarize(results), [50, 100, 200, 500]));
 */
export function table2(summaries: Map<string, ConfigSummary>, ns: number[] = TABLE_NS): string {
  const row = (label: string, summary: ConfigSummary | undefined) => [label, ...ns.map((n) => formatStat(summary?.recall[n]))];
  const best = bestConfig(summaries, isCroLoss, SELECTION_N);
  const bestLambda = bestConfig(summaries, isLambda, SELECTION_N);
  return markdownTable(['Method', ...ns.map((n) => `R@${n}`)], [
    row('cross-entropy loss', summaries.get('softmax')),
    row('triplet loss', summaries.get('triplet')),
    row('BPR loss', summaries.get('bpr')),
    row(`CROLoss${best ? ` (${best.config})` : ''}`, best),
    row(`CROLoss-lambda${bestLambda ? ` (${bestLambda.config})` : ''}`, bestLambda),
  ]);
}

/**
 * Table 3: CROLoss per kernel (rows) x alpha within each N (columns), Recall@N in percent.
 *
 * @example
 * console.log(table3(summarize(results), [0.6, 0.8, 1, 1.2]));
 */
export function table3(summaries: Map<string, ConfigSummary>, alphas: number[], ns: number[] = TABLE_NS): string {
  const header = ['Kernel', ...ns.flatMap((n) => alphas.map((a) => `R@${n} α=${a.toFixed(1)}`))];
  const rows = GRID_KERNELS.map((kernel) => [
    KERNEL_LABEL[kernel],
    ...ns.flatMap((n) => alphas.map((alpha) => formatStat(summaries.get(configId({ kind: 'croloss', kernel, alpha }))?.recall[n]))),
  ]);
  return markdownTable(header, rows);
}

/**
 * Table 4: CROLoss-lambda per phi1 x phi2 at alpha = 1, Recall@N in percent.
 *
 * @example
 * console.log(table4(summarize(results)));
 */
export function table4(summaries: Map<string, ConfigSummary>, ns: number[] = TABLE_NS): string {
  const rows = LAMBDA_PHI1.flatMap((phi1) => LAMBDA_PHI2.map((phi2) => [
    KERNEL_LABEL[phi1],
    KERNEL_LABEL[phi2],
    ...ns.map((n) => formatStat(summaries.get(configId({ kind: 'lambda', phi1, phi2, alpha: LAMBDA_ALPHA }))?.recall[n])),
  ]));
  return markdownTable(['Kernel φ1', 'Kernel φ2', ...ns.map((n) => `R@${n}`)], rows);
}
