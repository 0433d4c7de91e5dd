// The browser entry of @croloss/data (export condition `browser`): everything that needs no Node API; the file loaders stay in the main entry.
export type { SequenceDataset } from './sequence-dataset';
export { userItems, userLength } from './sequence-dataset';
export { sequenceDatasetFromArrays } from './sequence-dataset-from-arrays';
export type { LoaderOptions } from './collect-interactions';
export type { DatasetBuildOptions, RemapOrder } from './interaction-collector';
export type { MalformedLineOptions } from './parse-issues';
export { parseSequenceText, parseInteractionText, parseDataText, TEXT_FORMATS } from './parse-text';
export type { TextFormat, TextParseOptions } from './parse-text';
export { EMBEDDED_DATASET } from './embedded-dataset';
export { SeededRandom } from './seeded-random';
export { splitUsers } from './split-users';
export type { SplitUsersOptions, UserSplit } from './split-users';
export { trainingSampler } from './training-sampler';
export type { TrainingBatch, TrainingSampler, TrainingSamplerOptions, TrainingSamplerState } from './training-sampler';
export { evaluationSet, historyLength } from './evaluation-set';
export type { EvaluationSet, EvaluationSetOptions } from './evaluation-set';
export type { HistoryAlignment } from './history-window';
export { itemCounts, mostPopularItems } from './item-counts';
