/** The public entry of @croloss/metrics. */
export { retrieveTopK } from './retrieve-top-k';
export type { TopKResult } from './retrieve-top-k';
export { evaluateRetrieval } from './evaluate-retrieval';
export type { EvaluateRetrievalOptions } from './evaluate-retrieval';
export { DEFAULT_CHUNK_SIZE } from './retrieval-inputs';
export type { RetrievalOptions } from './retrieval-inputs';
export { metricsFromRankings } from './metrics-from-rankings';
export { metricsForFixedRanking } from './metrics-for-fixed-ranking';
export type { RetrievalMetrics } from './ranking-metrics';
