// Draws the Recall@N-versus-N plot in the page with Vega (SVG renderer), from the same Vega-Lite spec as the Node report.
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';
import { recallCurveSpec } from '../../retrieval/src/report/recall-curve-spec';
import type { Results } from '../../retrieval/src/report/results';

let view: vega.View | null = null;

/**
 * Replaces the plot in `container` with the curves of `results` at cut-offs `ns` (recallCurveSpec of the
 * retrieval example: one line per run, the most-popular baseline dashed).
 *
 * @example
 * ```ts
 * await drawRecallPlot(document.querySelector('#plot')!, results, [10, 20, 50, 100, 200]);
 * ```
 */
export async function drawRecallPlot(container: HTMLElement, results: Results, ns: number[]): Promise<void> {
  const spec = recallCurveSpec(results, ns);
  const compiled = vegaLite.compile(spec).spec;
  view?.finalize();
  view = new vega.View(vega.parse(compiled), { renderer: 'svg', container, hover: true });
  await view.runAsync();
}
