import { basename } from 'node:path';
import { argumentError } from './argument-error';
import { InteractionCollector, type DatasetBuildOptions } from './interaction-collector';
import { ParseIssues, type MalformedLineOptions } from './parse-issues';
import { readLines } from './read-lines';
import type { SequenceDataset } from './sequence-dataset';

/** Options accepted by every interaction loader. */
export interface LoaderOptions extends DatasetBuildOptions, MalformedLineOptions {}

/** Handles one non-blank line; reports problems through `issues.malformed` and then adds nothing. */
export type LineHandler = (line: string, lineNumber: number, collector: InteractionCollector, issues: ParseIssues) => void;

/**
 * Streams `path` line by line into an {@link InteractionCollector} and builds the data set. Blank
 * lines are ignored; every other line goes to `handleLine`. `remapByDefault` is the format's default
 * for `options.remap`.
 */
export async function loadInteractions(
  fn: string,
  path: string,
  options: LoaderOptions,
  format: { withKeys: boolean; remapByDefault: boolean },
  handleLine: LineHandler,
): Promise<SequenceDataset> {
  checkLoaderOptions(fn, options);
  const settings: LoaderOptions = { ...options, remap: options.remap ?? format.remapByDefault };
  if (settings.remap && options.numItems !== undefined) {
    throw argumentError(fn, 'options.numItems', 'undefined when remapping (numItems = distinct items)', options.numItems);
  }
  const issues = new ParseIssues(fn, path, options);
  const collector = new InteractionCollector(format.withKeys);
  let lineNumber = 0;
  for await (const line of readLines(path, fn)) {
    lineNumber += 1;
    if (line.trim().length === 0) continue;
    handleLine(line, lineNumber, collector, issues);
  }
  return collector.build(fn, options.name ?? datasetNameFromPath(path), issues.finish(), settings);
}

/** Validates the options shared by all loaders, before any file is read. */
export function checkLoaderOptions(fn: string, options: LoaderOptions): void {
  if (options === null || typeof options !== 'object') throw argumentError(fn, 'options', 'an object', options);
  const { strict, maxWarnings, remap, remapOrder, numItems, name } = options;
  if (strict !== undefined && typeof strict !== 'boolean') throw argumentError(fn, 'options.strict', 'a boolean', strict);
  if (maxWarnings !== undefined && !(Number.isInteger(maxWarnings) && maxWarnings >= 0)) {
    throw argumentError(fn, 'options.maxWarnings', 'an integer >= 0', maxWarnings);
  }
  if (remap !== undefined && typeof remap !== 'boolean') throw argumentError(fn, 'options.remap', 'a boolean', remap);
  if (remapOrder !== undefined && remapOrder !== 'first-seen' && remapOrder !== 'popularity') {
    throw argumentError(fn, 'options.remapOrder', "'first-seen' or 'popularity'", remapOrder);
  }
  if (numItems !== undefined && !(Number.isInteger(numItems) && numItems >= 1 && numItems < 2 ** 31)) {
    throw argumentError(fn, 'options.numItems', 'an integer >= 1', numItems);
  }
  if (name !== undefined && typeof name !== 'string') throw argumentError(fn, 'options.name', 'a string', name);
}

/** `dir/Beauty.txt.gz` -> `Beauty`: the base name without `.gz` and without its last extension. */
export function datasetNameFromPath(path: string): string {
  const base = basename(path).replace(/\.gz$/, '');
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}
