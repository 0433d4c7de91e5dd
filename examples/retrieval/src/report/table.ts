/** Formats Recall@N of the most-popular baseline and of every run as a table that is valid Markdown and also reads well as plain... */
import { formatAlignedTable } from './aligned-table';
import { checkCutoffs, recallPercent } from './recall-percent';
import type { Results } from './results';

/**
 * Formats Recall@N of the most-popular baseline and of every run as a table that is valid Markdown
 * and also reads well as plain text (columns padded to equal width). One row per series, baseline
 * first, then the runs in order; one column per cut-off N with `100 · recall[N]` to 2 decimals.
 *
 * @param results the example's results (recall stored as fractions)
 * @param ns cut-offs N to show, in column order (distinct positive integers, each present in every series)
 * @returns the table, lines joined with `\n`, no trailing newline
 * @example
 * formatRecallTable(results, [50, 100]);
 * // | loss               | Recall@50 (%) | Recall@100 (%) |
 * // | :----------------- | ------------: | -------------: |
 * // | most popular items |          5.40 |           8.20 |
 * // | softmax            |         14.40 |          19.60 |
 */
export function formatRecallTable(results: Results, ns: readonly number[]): string {
  checkCutoffs('formatRecallTable', ns);
  const series = [results.baseline, ...results.runs.map((run) => ({ name: run.loss, recall: run.recall }))];
  const header = ['loss', ...ns.map((n) => `Recall@${n} (%)`)];
  const rows = series.map(({ name, recall }) => [
    name,
    ...ns.map((n) => recallPercent('formatRecallTable', name, recall, n).toFixed(2)),
  ]);
  return formatAlignedTable(header, rows);
}

/**
 * One line naming, for every cut-off N, the run with the highest Recall@N and its value in percent
 * (runs that tie at the shown 2 decimals are all named, joined by ` = `), with the most-popular
 * baseline's value for scale.
 *
 * @param results the example's results
 * @param ns cut-offs N, in the order to list them
 * @returns e.g. `Best Recall@N: @50 CROLoss softplus at 15.20% (most popular items 5.40%); @100 ...`
 * @example
 * formatComparison(results, [50]);
 * // 'Best Recall@N: @50 CROLoss softplus at 15.20% (most popular items 5.40%)'
 */
export function formatComparison(results: Results, ns: readonly number[]): string {
  checkCutoffs('formatComparison', ns);
  if (results.runs.length === 0) return 'Best Recall@N: no runs';
  const parts = ns.map((n) => {
    const shown = results.runs.map((run) => ({
      name: run.loss,
      percent: recallPercent('formatComparison', run.loss, run.recall, n).toFixed(2),
    }));
    const best = Math.max(...shown.map(({ percent }) => Number(percent)));
    const winners = shown.filter(({ percent }) => Number(percent) === best).map(({ name }) => name);
    const baseline = recallPercent('formatComparison', results.baseline.name, results.baseline.recall, n).toFixed(2);
    return `@${n} ${winners.join(' = ')} at ${best.toFixed(2)}% (${results.baseline.name} ${baseline}%)`;
  });
  return `Best Recall@N: ${parts.join('; ')}`;
}

