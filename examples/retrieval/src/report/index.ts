/** The retrieval report: results, table, plot, progress and the files it writes. */
export type { BaselineResult, DataSummary, HistoryPoint, MetricAtN, Results, RunResult } from './results';
export { formatRecallTable, formatComparison } from './table';
export { formatAlignedTable } from './aligned-table';
export { formatResultsMarkdown } from './markdown';
export { recallCurveSpec, renderSvg, renderPng, PLOT_FONT, PNG_WIDTH } from './plot';
export type { RecallPoint } from './plot';
export { writeReport, REPORT_FILE_NAMES } from './write-report';
export type { ReportFiles } from './write-report';
export { createMultiProgress, createProgress } from './progress';
export type { MultiProgress, Progress, ProgressOptions, ProgressStatus } from './progress';
