/** The retrieval report's Recall@N plot: its Vega-Lite spec in recall-curve-spec.ts (shared with the browser example), the rendering in @croloss/experiment-kit. */
export { PNG_WIDTH, renderPng, renderSvg } from '@croloss/experiment-kit';
export { PLOT_FONT, recallCurveSpec } from './recall-curve-spec';
export type { RecallPoint } from './recall-curve-spec';
