// Browser-safe parsers: a data set from text already in memory (a dropped file, a fetched and gunzipped asset), same formats and messages as the Node loaders.
import { argumentError } from '@croloss/internal';
import { collectInteractions, type LineFormat, type LineHandler, type LoaderOptions } from './collect-interactions';
import { INTERACTION_FORMAT, interactionLine } from './interaction-line';
import { LineSplitter } from './line-splitter';
import { SEQUENCE_FORMAT, sequenceLine } from './sequence-line';
import type { SequenceDataset } from './sequence-dataset';

/** Options of the text parsers: the loader options plus how messages name the text. */
export interface TextParseOptions extends LoaderOptions {
  /** Names the text in messages and, without `name`, names the data set (e.g. a dropped file's name). Default `text`. */
  source?: string;
}

/** The text formats {@link parseDataText} reads. */
export const TEXT_FORMATS = ['sequence', 'interactions'] as const;
export type TextFormat = (typeof TEXT_FORMATS)[number];

/**
 * Parses a one-line-per-user sequence text, `user item item ...` (the format of {@link loadSequenceFile}
 * with the same rules and messages, e.g. `parseSequenceText: Beauty.txt line 3: item id (field 2) ...`).
 * No Node API: runs in browsers and Web Workers. Line endings `\n`, `\r\n`, `\r`; a leading BOM is dropped.
 *
 * @param text the whole file as a string
 * @example
 * ```ts
 * const data = await parseSequenceText('1 1 2 3\n2 2 3\n', { source: 'toy.txt' });
 * [data.name, data.numUsers, data.numItems, data.items.length]; // ['toy', 2, 3, 5]
 * ```
 */
export async function parseSequenceText(text: string, options: TextParseOptions = {}): Promise<SequenceDataset> {
  return parseText('parseSequenceText', text, options, SEQUENCE_FORMAT, sequenceLine);
}

/**
 * Parses a one-interaction-per-line text, `user item` (the format of {@link loadInteractionFile}, same
 * rules and messages). No Node API.
 *
 * @example
 * ```ts
 * const data = await parseInteractionText('1 5\n1 6\n2 5\n');
 * [data.numUsers, data.numItems, data.items.length]; // [2, 6, 3]
 * ```
 */
export async function parseInteractionText(text: string, options: TextParseOptions = {}): Promise<SequenceDataset> {
  return parseText('parseInteractionText', text, options, INTERACTION_FORMAT, interactionLine);
}

/**
 * Parses text in the format named `format` (`sequence` or `interactions`).
 *
 * @example
 * ```ts
 * const data = await parseDataText(await file.text(), 'interactions', { source: file.name, strict: true });
 * ```
 */
export async function parseDataText(text: string, format: TextFormat, options: TextParseOptions = {}): Promise<SequenceDataset> {
  if (format === 'sequence') return parseSequenceText(text, options);
  if (format === 'interactions') return parseInteractionText(text, options);
  throw argumentError('parseDataText', 'format', `one of ${TEXT_FORMATS.map((f) => `'${f}'`).join(', ')}`, format);
}

function parseText(fn: string, text: string, options: TextParseOptions, format: LineFormat, handleLine: LineHandler): Promise<SequenceDataset> {
  if (typeof text !== 'string') throw argumentError(fn, 'text', 'a string', text);
  if (options === null || typeof options !== 'object') throw argumentError(fn, 'options', 'an object', options);
  const { source = 'text', ...rest } = options;
  if (typeof source !== 'string' || source.length === 0) throw argumentError(fn, 'options.source', 'a non-empty string', source);
  const splitter = new LineSplitter();
  const lines = splitter.push(text);
  const last = splitter.end();
  if (last !== null) lines.push(last);
  return collectInteractions(fn, { argument: 'text', label: source }, [lines], rest, format, handleLine);
}
