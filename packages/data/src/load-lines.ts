// Node: streams a file's lines (gunzipped when .gz) into collectInteractions; the format-independent core lives in collect-interactions.ts.
import { collectInteractions, type LineFormat, type LineHandler, type LoaderOptions } from './collect-interactions';
import { readLineBatches } from './read-lines';
import type { SequenceDataset } from './sequence-dataset';

export { checkLoaderOptions, datasetNameFromPath, noInteractionsError } from './collect-interactions';
export type { LineCounts, LineFormat, LineHandler, LoaderOptions } from './collect-interactions';

/**
 * Streams `path` line by line into an {@link InteractionCollector} and builds the data set. Blank
 * lines are ignored; every other line goes to `handleLine`. `remapByDefault` is the format's default
 * for `options.remap`. A file that yields no interaction at all (empty, only blank or malformed
 * lines, ...) is an Error, not an empty data set.
 */
export async function loadInteractions(
  fn: string,
  path: string,
  options: LoaderOptions,
  format: LineFormat,
  handleLine: LineHandler,
): Promise<SequenceDataset> {
  return collectInteractions(fn, { argument: 'path', label: path }, readLineBatches(path, fn), options, format, handleLine);
}
