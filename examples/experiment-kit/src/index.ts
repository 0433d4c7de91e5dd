/** `@croloss/experiment-kit`: the experiment protocol and the chart rendering shared by examples/retrieval and examples/reproduce. */
export { baselineMetrics, prepareSplit, runRecord, trainAndTest } from './protocol';
export type { PreparedSplit, ProtocolHooks, ProtocolResult, ProtocolSettings, RunRecord } from './protocol';
export { PLOT_FONT, PNG_WIDTH, renderPng, renderSvg } from './render-chart';
