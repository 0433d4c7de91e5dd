/** Checks the list of cut-offs a report is drawn for. */
import { argumentError } from '@croloss/internal';
import type { MetricAtN } from './results';

/**
 * Checks the list of cut-offs a report is drawn for: a non-empty array of distinct positive integers.
 * Throws an Error naming `fn` otherwise.
 *
 * @example
 * checkCutoffs('formatRecallTable', [50, 100, 200, 500]); // ok
 * checkCutoffs('formatRecallTable', []); // throws
 */
export function checkCutoffs(fn: string, ns: readonly number[]): void {
  if (!Array.isArray(ns) || ns.length === 0) {
    throw argumentError(fn, 'ns', 'a non-empty array of cut-offs N', ns);
  }
  for (const n of ns) {
    if (!Number.isInteger(n) || n <= 0) throw argumentError(fn, 'ns', 'positive integers', ns);
  }
  if (new Set(ns).size !== ns.length) throw argumentError(fn, 'ns', 'distinct cut-offs', ns);
}

/**
 * Reads a metric at cut-off `n` and turns the fraction into percent: `100 · metric[n]`.
 * Throws (naming `fn` and the series) when the value is missing or not a finite number in [0, 1], so a
 * broken run never shows up as a silent blank or NaN in a report.
 *
 * @example
 * recallPercent('formatRecallTable', 'softmax', { 50: 0.144 }, 50); // 14.4
 */
export function recallPercent(fn: string, series: string, metric: MetricAtN, n: number): number {
  const value = metric?.[n];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw argumentError(fn, `recall[${n}] of '${series}'`, 'a fraction in [0, 1]', value);
  }
  return 100 * value;
}
