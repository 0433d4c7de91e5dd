import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { PLOT_FONT } from './recall-curve-spec';

export { PLOT_FONT, recallCurveSpec } from './recall-curve-spec';
export type { RecallPoint } from './recall-curve-spec';

/** Width in pixels of the PNG that {@link renderPng} produces (2× the SVG's layout width, for sharp text). */
export const PNG_WIDTH = 1280;

/**
 * Renders a Vega-Lite spec to an SVG string, headless (no browser, no canvas): compile to Vega, run
 * the dataflow with `renderer: 'none'`, serialise the scenegraph.
 *
 * @example
 * const svg = await renderSvg(recallCurveSpec(results, [50, 100]));
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const compiled = vegaLite.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Rasterises an SVG to PNG with resvg, scaled to {@link PNG_WIDTH} pixels wide, with system fonts
 * loaded and {@link PLOT_FONT} as the fallback family.
 *
 * @returns the PNG file's bytes
 * @example
 * await writeFile('recall.png', renderPng(await renderSvg(spec)));
 */
export function renderPng(svg: string): Uint8Array {
  const resvg = new Resvg(svg, {
    font: { loadSystemFonts: true, defaultFontFamily: PLOT_FONT },
    fitTo: { mode: 'width', value: PNG_WIDTH },
    background: 'white',
  });
  return resvg.render().asPng();
}
