// Turns line batches (from a file or from text) into a SequenceDataset: shared core of every interaction loader and parser, no Node imports.
import { argumentError } from '@croloss/internal';
import { InteractionCollector, type DatasetBuildOptions } from './interaction-collector';
import { ParseIssues, type MalformedLineOptions } from './parse-issues';
import type { SequenceDataset } from './sequence-dataset';

/** Options accepted by every interaction loader. */
export interface LoaderOptions extends DatasetBuildOptions, MalformedLineOptions {}

/** Handles one non-blank line; reports problems through `issues.malformed` and then adds nothing. */
export type LineHandler = (line: string, lineNumber: number, collector: InteractionCollector, issues: ParseIssues) => void;

/** What a loader's file holds, for the error raised when it yields no interaction. */
export interface LineFormat {
  withKeys: boolean;
  remapByDefault: boolean;
  /** The expected line, e.g. `"user item" lines`. */
  lines: string;
  /** Why a well-formed line may add no interaction, e.g. `lines with only a user id`. */
  noItems?: string;
}

/** Line counts of one read, for {@link noInteractionsError}. */
export interface LineCounts {
  lines: number;
  blank: number;
}

/** Where the lines come from, for messages: a file (`argument 'path'`, the default) or a text (`argument 'text'`). */
export interface LineSource {
  /** Name of the caller's argument holding the input: `path` or `text`. */
  argument: 'path' | 'text';
  /** How messages name the input: the file path, or e.g. `the text` / the name of a dropped file. */
  label: string;
}

/**
 * Feeds every non-blank line of `batches` (arrays of lines, in order) to `handleLine` through an
 * {@link InteractionCollector} and builds the data set. `remapByDefault` is the format's default for
 * `options.remap`. Input that yields no interaction at all (empty, only blank or malformed lines, ...)
 * is an Error, not an empty data set. Line numbers are 1-based and count blank lines.
 *
 * @example
 * ```ts
 * const data = await collectInteractions('myParser', { argument: 'text', label: 'the text' }, [['1 2 3', '2 4']], {}, SEQUENCE_FORMAT, sequenceLine);
 * ```
 */
export async function collectInteractions(
  fn: string,
  source: LineSource,
  batches: AsyncIterable<string[]> | Iterable<string[]>,
  options: LoaderOptions,
  format: LineFormat,
  handleLine: LineHandler,
): Promise<SequenceDataset> {
  checkLoaderOptions(fn, options);
  const settings: LoaderOptions = { ...options, remap: options.remap ?? format.remapByDefault };
  if (settings.remap && options.numItems !== undefined) {
    throw argumentError(fn, 'options.numItems', 'undefined when remapping (numItems = distinct items)', options.numItems);
  }
  const issues = new ParseIssues(fn, source.label, options);
  const collector = new InteractionCollector(format.withKeys);
  const counts = { lines: 0, blank: 0 };
  for await (const lines of batches) {
    for (const line of lines) {
      counts.lines += 1;
      if (line.trim().length === 0) counts.blank += 1;
      else handleLine(line, counts.lines, collector, issues);
    }
  }
  if (collector.numInteractions === 0) throw noInteractionsError(fn, source.label, format, counts, issues, source.argument);
  return collector.build(fn, options.name ?? datasetNameFromPath(source.label), issues.finish(), settings);
}

/**
 * The Error for input that yielded no interaction, e.g. `loadInteractionFile: argument 'path' must be
 * a file with at least one valid interaction ("user item" lines), got "data/a.txt": 3 lines, 1 blank,
 * 2 malformed; first: loadInteractionFile: data/a.txt line 1: ...`; with `argument` `'text'` it reads
 * `argument 'text' must be text with at least one valid interaction ...`.
 */
export function noInteractionsError(
  fn: string,
  path: string,
  format: Pick<LineFormat, 'lines' | 'noItems'>,
  counts: LineCounts,
  issues: ParseIssues,
  argument: LineSource['argument'] = 'path',
): Error {
  const { lines, blank } = counts;
  const wellFormed = lines - blank - issues.count;
  let what: string;
  if (lines === 0) what = argument === 'path' ? 'an empty file' : 'an empty text';
  else {
    const parts = [`${lines} line${lines === 1 ? '' : 's'}`, `${blank} blank`, `${issues.count} malformed`];
    if (wellFormed > 0) parts.push(`${wellFormed} well-formed without an interaction${format.noItems ? ` (${format.noItems})` : ''}`);
    what = parts.join(', ');
  }
  const first = issues.first ? `; first: ${issues.first}` : '';
  const kind = argument === 'path' ? 'a file' : 'text';
  return new Error(`${fn}: argument '${argument}' must be ${kind} with at least one valid interaction (${format.lines}), got ${JSON.stringify(path)}: ${what}${first}`);
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

/** `dir/Beauty.txt.gz` -> `Beauty`: the base name (after the last `/`) without `.gz` and without its last extension. */
export function datasetNameFromPath(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  const base = trimmed.slice(trimmed.lastIndexOf('/') + 1).replace(/\.gz$/, '');
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}
