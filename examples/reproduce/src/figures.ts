/** The reproduce figures (3-5): their Vega-Lite specs here, the rendering in @croloss/experiment-kit. */
import { PLOT_FONT } from '@croloss/experiment-kit';
import type { TopLevelSpec } from 'vega-lite';
import { configId, GRID_KERNELS } from './grid';
import { HARD_NEGATIVE_PAIRS } from './findings';
import type { ConfigSummary } from './summary';

export { PLOT_FONT, PNG_WIDTH, renderPng, renderSvg } from '@croloss/experiment-kit';
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#56B4E9', '#E69F00', '#000000'];

/** One point of a Recall@N curve: mean and std over seeds, in percent. */
export interface CurvePoint {
  series: string;
  n: number;
  recall: number;
  std: number;
}

/** One bar of Figure 5: gain in percent of the alpha = 1 loss over the alpha = 0 loss with the same kernel. */
export interface GainPoint {
  series: string;
  n: string;
  gain: number;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

function curvePoints(series: Array<{ name: string; summary: ConfigSummary | undefined }>): CurvePoint[] {
  return series.flatMap(({ name, summary }) => !summary ? [] : Object.entries(summary.recall)
    .map(([n, stat]) => ({ series: name, n: Number(n), recall: round(100 * stat.mean), std: round(100 * stat.std) }))
    .sort((a, b) => a.n - b.n));
}

function curveSpec(title: string, subtitle: string, values: CurvePoint[], names: string[]): TopLevelSpec {
  const ns = [...new Set(values.map((v) => v.n))].sort((a, b) => a - b);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, subtitle, anchor: 'start' },
    width: 640,
    height: 400,
    background: 'white',
    padding: 16,
    data: { values },
    mark: { type: 'line', point: { filled: true, size: 60 }, strokeWidth: 2.5 },
    encoding: {
      x: {
        field: 'n', type: 'quantitative', title: 'N (number of retrieved items, log scale)',
        scale: { type: 'log', domain: [ns[0], ns[ns.length - 1]], nice: false, padding: 24 },
        axis: { values: ns, format: 'd', grid: true },
      },
      y: { field: 'recall', type: 'quantitative', title: 'Recall@N (%, mean over seeds)', scale: { zero: true, nice: true } },
      color: {
        field: 'series', type: 'nominal', title: null, sort: names,
        scale: { domain: names, range: names.map((_, i) => COLOURS[i % COLOURS.length]) },
        legend: { orient: 'bottom', direction: 'vertical', labelLimit: 0, symbolType: 'stroke', symbolStrokeWidth: 3, symbolSize: 500 },
      },
      tooltip: [
        { field: 'series', type: 'nominal', title: 'loss' },
        { field: 'n', type: 'quantitative', title: 'N' },
        { field: 'recall', type: 'quantitative', title: 'Recall@N (%)', format: '.2f' },
        { field: 'std', type: 'quantitative', title: 'std over seeds', format: '.2f' },
      ],
    },
    config: CONFIG,
  };
}

const CONFIG = {
  font: PLOT_FONT,
  title: { fontSize: 18, subtitleFontSize: 12, subtitleColor: '#555555', offset: 12 },
  axis: { labelFontSize: 12, titleFontSize: 13, titlePadding: 10, gridColor: '#e6e6e6' },
  legend: { labelFontSize: 12 },
  view: { stroke: '#cccccc' },
} as const;

/**
 * Figure 3: Recall@N versus N for CROLoss with each kernel at alpha = 1 (mean over seeds). undefined when none was run.
 *
 * @example
 * const spec = figure3Spec(summarize(results), 'Amazon Beauty');
 */
export function figure3Spec(summaries: Map<string, ConfigSummary>, dataName: string): TopLevelSpec | undefined {
  const series = GRID_KERNELS.map((kernel) => ({ name: kernel, summary: summaries.get(configId({ kind: 'croloss', kernel, alpha: 1 })) }));
  const values = curvePoints(series);
  if (values.length === 0) return undefined;
  return curveSpec(`Figure 3 · CROLoss kernels at α = 1 on ${dataName}`, 'Recall@N of each comparison kernel', values, series.filter((s) => s.summary).map((s) => s.name));
}

/** Figure 4: Recall@N versus N for the sigmoid kernel, one line per alpha. undefined when none was run. */
export function figure4Spec(summaries: Map<string, ConfigSummary>, alphas: number[], dataName: string): TopLevelSpec | undefined {
  const series = alphas.map((alpha) => ({ name: `α = ${alpha.toFixed(1)}`, summary: summaries.get(configId({ kind: 'croloss', kernel: 'sigmoid', alpha })) }));
  const values = curvePoints(series);
  if (values.length === 0) return undefined;
  return curveSpec(`Figure 4 · sigmoid kernel, varying α, on ${dataName}`, 'larger α should favour small N', values, series.filter((s) => s.summary).map((s) => s.name));
}

/**
 * Figure 5 data: gain (%) = 100 * (mean Recall@N of CROLoss with the kernel at alpha = 1 / mean Recall@N of the
 * alpha = 0 loss - 1), for triplet (hinge) and BPR (softplus), at every N both report.
 *
 * @example
 * figure5Points(summaries); // [{ series: 'triplet (hinge)', n: '50', gain: 12.3 }, ...]
 */
export function figure5Points(summaries: Map<string, ConfigSummary>): GainPoint[] {
  return HARD_NEGATIVE_PAIRS.flatMap(({ base, kernel }) => {
    const b = summaries.get(base);
    const c = summaries.get(configId({ kind: 'croloss', kernel, alpha: 1 }));
    if (!b || !c) return [];
    return Object.keys(b.recall).map(Number).filter((n) => c.recall[n] && b.recall[n].mean > 0).sort((x, y) => x - y)
      .map((n) => ({ series: `${base} (${kernel})`, n: String(n), gain: round(100 * (c.recall[n].mean / b.recall[n].mean - 1)) }));
  });
}

/** Figure 5: grouped bars of {@link figure5Points} per N. undefined when a pair is missing. */
export function figure5Spec(summaries: Map<string, ConfigSummary>, dataName: string): TopLevelSpec | undefined {
  const values = figure5Points(summaries);
  if (values.length === 0) return undefined;
  const ns = [...new Set(values.map((v) => Number(v.n)))].sort((a, b) => a - b).map(String);
  const names = [...new Set(values.map((v) => v.series))];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `Figure 5 · hard-negative weighting (α = 1 vs α = 0) on ${dataName}`, subtitle: 'gain in Recall@N, % of the α = 0 loss', anchor: 'start' },
    width: 640,
    height: 400,
    background: 'white',
    padding: 16,
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'n', type: 'ordinal', title: 'N', sort: ns },
      xOffset: { field: 'series', type: 'nominal', sort: names },
      y: { field: 'gain', type: 'quantitative', title: 'gain in Recall@N (%)' },
      color: {
        field: 'series', type: 'nominal', title: null, sort: names,
        scale: { domain: names, range: names.map((_, i) => COLOURS[i % COLOURS.length]) },
        legend: { orient: 'bottom', direction: 'vertical', labelLimit: 0 },
      },
      tooltip: [
        { field: 'series', type: 'nominal', title: 'loss' },
        { field: 'n', type: 'ordinal', title: 'N' },
        { field: 'gain', type: 'quantitative', title: 'gain (%)', format: '.2f' },
      ],
    },
    config: CONFIG,
  };
}

