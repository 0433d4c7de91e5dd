/** Per-configuration summaries over seeds: mean and sample standard deviation of each metric. */
import type { Cell } from './grid';
import type { CellResult } from './run-cell';

/** Mean and sample standard deviation (n - 1 denominator; 0 for one value) of one metric over seeds. */
export interface Stat {
  mean: number;
  std: number;
  count: number;
}

/** One configuration's Recall@N over its seeds (fractions). */
export interface ConfigSummary {
  config: string;
  /** The first seed's cell (loss spec, group, alpha). */
  cell: Cell;
  loss: string;
  seeds: number[];
  recall: Record<number, Stat>;
  /** Recall@N per seed, in the order of `seeds` (for comparisons paired by seed). */
  values: Record<number, number[]>;
}

/**
 * mean and sample std of values: mean = sum x / n, std = sqrt(sum (x - mean)^2 / (n - 1)), 0 when n = 1.
 *
 * @example
 * meanStd([0.1, 0.2, 0.3]); // { mean: 0.2, std: 0.1, count: 3 }
 */
export function meanStd(values: readonly number[]): Stat {
  if (values.length === 0 || !values.every(Number.isFinite)) {
    throw new Error(`meanStd: argument 'values' must be a non-empty array of finite numbers, got [${values.join(', ')}]`);
  }
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.length > 1 ? values.reduce((a, x) => a + (x - mean) ** 2, 0) / (values.length - 1) : 0;
  return { mean, std: Math.sqrt(variance), count: values.length };
}

/**
 * Groups finished cells by configuration and aggregates Recall@N over seeds, for every N that all seeds report.
 *
 * @example
 * summarize(results).get('softmax')?.recall[100].mean;
 */
export function summarize(results: readonly CellResult[]): Map<string, ConfigSummary> {
  const groups = new Map<string, CellResult[]>();
  for (const result of results) {
    const list = groups.get(result.cell.config) ?? [];
    list.push(result);
    groups.set(result.cell.config, list);
  }
  const summaries = new Map<string, ConfigSummary>();
  for (const [config, list] of groups) {
    list.sort((a, b) => a.cell.seed - b.cell.seed);
    const ns = Object.keys(list[0].recall).map(Number).filter((n) => list.every((r) => Number.isFinite(r.recall[n])));
    const recall: Record<number, Stat> = {};
    const values: Record<number, number[]> = {};
    for (const n of ns) {
      values[n] = list.map((r) => r.recall[n]);
      recall[n] = meanStd(values[n]);
    }
    summaries.set(config, { config, cell: list[0].cell, loss: list[0].loss, seeds: list.map((r) => r.cell.seed), recall, values });
  }
  return summaries;
}

/** `mean ± std` of a Recall stat in percent with 2 decimals, e.g. `10.20 ± 0.15`; `–` when absent. */
export function formatStat(stat: Stat | undefined): string {
  if (!stat) return '–';
  return `${(100 * stat.mean).toFixed(2)} ± ${(100 * stat.std).toFixed(2)}`;
}

/**
 * The best configuration among `summaries` whose config id passes `filter`, by mean Recall@`n`
 * (ties: the first in id order). undefined when none has Recall@n.
 */
export function bestConfig(summaries: Map<string, ConfigSummary>, filter: (s: ConfigSummary) => boolean, n: number): ConfigSummary | undefined {
  let best: ConfigSummary | undefined;
  for (const summary of [...summaries.values()].sort((a, b) => a.config.localeCompare(b.config))) {
    if (!filter(summary) || !summary.recall[n]) continue;
    if (!best || summary.recall[n].mean > best.recall[n].mean) best = summary;
  }
  return best;
}
