// The Vega-Lite spec of the Recall@N-versus-N plot, with no Node or native import: the Node report renders it to SVG/PNG, the browser example draws it live.
import type { TopLevelSpec } from 'vega-lite';
import { checkCutoffs, recallPercent } from './recall-percent';
import type { Results } from './results';

/** Font used for every piece of text in the plot; Debian/Ubuntu package `fonts-dejavu-core`. */
export const PLOT_FONT = 'DejaVu Sans';

/** One point of the plot: Recall@N in percent of one series at one cut-off. */
export interface RecallPoint {
  /** Run's loss description, or the baseline's name. */
  series: string;
  /** `run` for a trained loss, `baseline` for the most-popular reference (drawn dashed). */
  kind: 'run' | 'baseline';
  /** Cut-off N. */
  n: number;
  /** 100 · Recall@N. */
  recall: number;
}

// Colour-blind-safe palette (Okabe–Ito without yellow, which is unreadable on white); the baseline is grey.
const RUN_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#56B4E9', '#E69F00', '#000000'];
const BASELINE_COLOUR = '#888888';

/**
 * Builds the Vega-Lite spec of the Recall@N curves: x = N on a log scale (ticks at exactly the given
 * cut-offs), y = Recall@N in percent (from 0), one coloured line with points per run and the
 * most-popular baseline as a grey dashed line. White background, {@link PLOT_FONT} for all text,
 * 640 × 400 plot area, legend below the plot (outside it, so it never hides a line).
 *
 * @param results the example's results (recall stored as fractions)
 * @param ns cut-offs N to plot (distinct positive integers, present in every series)
 * @returns a self-contained Vega-Lite spec (data inlined as `data.values`, one {@link RecallPoint} each)
 * @example
 * const svg = await renderSvg(recallCurveSpec(results, [50, 100, 200, 500]));
 */
export function recallCurveSpec(results: Results, ns: readonly number[]): TopLevelSpec {
  checkCutoffs('recallCurveSpec', ns);
  const cutoffs = [...ns].sort((a, b) => a - b);
  const series: Array<{ name: string; kind: RecallPoint['kind']; recall: Record<number, number> }> = [
    ...results.runs.map((run) => ({ name: run.loss, kind: 'run' as const, recall: run.recall })),
    { name: results.baseline.name, kind: 'baseline' as const, recall: results.baseline.recall },
  ];
  const names = series.map(({ name }) => name);
  if (new Set(names).size !== names.length) {
    throw new Error(`recallCurveSpec: argument 'results' must name every run differently, got [${names.join(', ')}]`);
  }
  const values: RecallPoint[] = series.flatMap(({ name, kind, recall }) =>
    cutoffs.map((n) => ({ series: name, kind, n, recall: round(recallPercent('recallCurveSpec', name, recall, n)) })),
  );
  const colours = results.runs.map((_, index) => RUN_COLOURS[index % RUN_COLOURS.length]);
  const { data } = results;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `Recall@N on ${data.name}`,
      subtitle: `${count(data.users)} users · ${count(data.items)} items · ${count(data.interactions)} interactions · backend ${results.backend}`,
      anchor: 'start',
    },
    width: 640,
    height: 400,
    background: 'white',
    padding: 16,
    data: { values },
    mark: { type: 'line', point: { filled: true, size: 60 }, strokeWidth: 2.5 },
    encoding: {
      x: {
        field: 'n',
        type: 'quantitative',
        title: 'N (number of retrieved items, log scale)',
        scale: { type: 'log', domain: [cutoffs[0], cutoffs[cutoffs.length - 1]], nice: false, padding: 24 },
        axis: { values: cutoffs, format: 'd', grid: true },
      },
      y: {
        field: 'recall',
        type: 'quantitative',
        title: 'Recall@N (%)',
        scale: { zero: true, nice: true },
      },
      color: {
        field: 'series',
        type: 'nominal',
        title: null,
        sort: names,
        scale: { domain: names, range: [...colours, BASELINE_COLOUR] },
        legend: {
          orient: 'bottom',
          direction: 'vertical',
          labelLimit: 0,
          symbolType: 'stroke',
          symbolStrokeWidth: 3,
          symbolSize: 500,
          // The baseline's legend swatch is dashed like its line.
          encoding: {
            symbols: {
              opacity: { value: 1 }, // repeats vega-lite's own entry, which it would otherwise warn about replacing
              strokeDash: {
                condition: { test: `datum.value === ${JSON.stringify(results.baseline.name)}`, value: [6, 4] },
                value: [1, 0],
              },
            },
          },
        },
      },
      strokeDash: {
        field: 'kind',
        type: 'nominal',
        scale: { domain: ['run', 'baseline'], range: [[1, 0], [6, 4]] },
        legend: null,
      },
      tooltip: [
        { field: 'series', type: 'nominal', title: 'loss' },
        { field: 'n', type: 'quantitative', title: 'N' },
        { field: 'recall', type: 'quantitative', title: 'Recall@N (%)', format: '.2f' },
      ],
    },
    config: {
      font: PLOT_FONT,
      title: { fontSize: 18, subtitleFontSize: 12, subtitleColor: '#555555', offset: 12 },
      axis: { labelFontSize: 12, titleFontSize: 13, titlePadding: 10, gridColor: '#e6e6e6' },
      legend: { labelFontSize: 12 },
      view: { stroke: '#cccccc' },
    },
  };
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}
