/** Loads a PaddleRec MIND/ComiRec validation file, one user per line. */
import { argumentError } from '@croloss/internal';
import { buildEvaluationSet, type EvaluationSet, type EvaluationSetOptions } from './evaluation-set';
import { GrowableInt32Array } from './growable-array';
import { InteractionCollector } from './interaction-collector';
import { checkLoaderOptions, datasetNameFromPath, noInteractionsError, type LoaderOptions } from './load-lines';
import { ParseIssues } from './parse-issues';
import { integerProblem, MAX_ID, PADDING_NOTE, parseInteger } from './parse-integer';
import { readLineBatches } from './read-lines';
import type { SequenceDataset } from './sequence-dataset';

const FN = 'loadPaddleRecValidFile';

/** A PaddleRec validation file: each user's history followed by their evaluation targets. */
export interface PaddleRecValidSet {
  /** User u's sequence is its `hist_item`s (in file order) followed by its `eval_item`s. */
  dataset: SequenceDataset;
  /** `[numUsers]` number of `hist_item`s of each user: items 0..h-1 are history, h.. are targets. */
  historyLengths: Int32Array;
}

/**
 * Loads a PaddleRec MIND/ComiRec validation file, one user per line:
 * `user_id:U target_item:0 hist_item:I ... eval_item:J ...` (history = the first 80% of the user's
 * items, already truncated to the last 20; eval = the rest). Item ids (ComiRec ids, from 1) are kept
 * unless `remap: true`. A line with a field that is not `key:integer`, an unknown key, a repeated or
 * missing user_id, a user seen before, a hist_item after an eval_item, or no hist_item or no eval_item
 * is skipped with a warning (an Error with `strict: true`). Use {@link paddleRecEvaluationSet} to get
 * the padded evaluation queries.
 *
 * @example
 * ```ts
 * const valid = await loadPaddleRecValidFile('./paddlerec_valid_part-0.txt');
 * valid.dataset.numUsers; // 499
 * ```
 */
export async function loadPaddleRecValidFile(path: string, options: LoaderOptions = {}): Promise<PaddleRecValidSet> {
  checkLoaderOptions(FN, options);
  if (options.remap && options.numItems !== undefined) {
    throw argumentError(FN, 'options.numItems', 'undefined when remapping (numItems = distinct items)', options.numItems);
  }
  const issues = new ParseIssues(FN, path, options);
  const collector = new InteractionCollector(false);
  const historyLengths = new GrowableInt32Array();
  const counts = { lines: 0, blank: 0 };
  const handleLine = (line: string, lineNumber: number): void => {
    const parsed = parseValidLine(line);
    if (typeof parsed === 'string') return issues.malformed(lineNumber, parsed, line);
    if (collector.hasUser(parsed.user)) {
      return issues.malformed(lineNumber, `user_id ${parsed.user} already appeared on an earlier line`, line);
    }
    const user = collector.user(parsed.user);
    for (const item of parsed.items) collector.add(user, item);
    historyLengths.push(parsed.historyLength);
  };
  for await (const lines of readLineBatches(path, FN)) {
    for (const line of lines) {
      counts.lines += 1;
      if (line.trim().length === 0) counts.blank += 1;
      else handleLine(line, counts.lines);
    }
  }
  if (collector.numInteractions === 0) {
    throw noInteractionsError(FN, path, { lines: '"user_id:U target_item:0 hist_item:I ... eval_item:J ..." lines' }, counts, issues);
  }
  const dataset = collector.build(FN, options.name ?? datasetNameFromPath(path), issues.finish(), options);
  return { dataset, historyLengths: historyLengths.toArray() };
}

/**
 * The evaluation queries of a PaddleRec validation set: every user, history = the `hist_item`s (the
 * last maxHistory of them, default 20), targets = the `eval_item`s.
 *
 * @example
 * ```ts
 * const valid = await loadPaddleRecValidFile('./paddlerec_valid_part-0.txt');
 * const queries = paddleRecEvaluationSet(valid, { maxHistory: 20 });
 * queries.targets.length; // 499
 * ```
 */
export function paddleRecEvaluationSet(
  valid: PaddleRecValidSet,
  options: Pick<EvaluationSetOptions, 'maxHistory' | 'align'> = {},
): EvaluationSet {
  if (valid === null || typeof valid !== 'object' || !(valid.historyLengths instanceof Int32Array)) {
    throw argumentError('paddleRecEvaluationSet', 'valid', 'the result of loadPaddleRecValidFile', valid);
  }
  const users = Int32Array.from({ length: valid.dataset.numUsers }, (_, u) => u);
  return { ...buildEvaluationSet('paddleRecEvaluationSet', valid.dataset, users, valid.historyLengths, options), skippedUsers: 0 };
}

/** Parses one line into (user, hist items ++ eval items, number of hist items) or a problem. */
function parseValidLine(line: string): { user: number; items: number[]; historyLength: number } | string {
  let user: number | null = null;
  const items: number[] = [];
  let historyLength = 0;
  let evalCount = 0;
  for (const field of line.trim().split(/\s+/)) {
    const colon = field.indexOf(':');
    const key = colon < 0 ? field : field.slice(0, colon);
    const token = colon < 0 ? '' : field.slice(colon + 1);
    if (key === 'user_id') {
      if (user !== null) return 'user_id appears twice';
      user = parseInteger(token, 0, MAX_ID);
      if (user === null) return integerProblem('user_id', token, 0, MAX_ID);
    } else if (key === 'target_item') {
      if (parseInteger(token, 0, MAX_ID) === null) return integerProblem('target_item', token, 0, MAX_ID);
    } else if (key === 'hist_item' || key === 'eval_item') {
      const item = parseInteger(token, 1, MAX_ID);
      if (item === null) return integerProblem(key, token, 1, MAX_ID, PADDING_NOTE);
      if (key === 'hist_item' && evalCount > 0) return 'hist_item after an eval_item';
      items.push(item);
      if (key === 'hist_item') historyLength += 1;
      else evalCount += 1;
    } else {
      return `field ${JSON.stringify(field)} is not user_id:, target_item:, hist_item: or eval_item:`;
    }
  }
  if (user === null) return 'no user_id';
  if (historyLength === 0) return 'no hist_item';
  if (evalCount === 0) return 'no eval_item';
  return { user, items, historyLength };
}
