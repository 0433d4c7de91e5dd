// The `user item` line format (one interaction per line): its description and its line handler, shared by loadInteractionFile and parseInteractionText.
import type { LineFormat, LineHandler } from './collect-interactions';
import { integerProblem, MAX_ID, PADDING_NOTE, parseInteger } from './parse-integer';

/** One interaction per line, `user item`, ids from 1, in time order for each user. */
export const INTERACTION_FORMAT: LineFormat = { withKeys: false, remapByDefault: false, lines: '"user item" lines' };

/**
 * Adds the interaction of one `user item` line; a line without exactly two fields, or with a
 * non-integer or non-positive id, is malformed.
 *
 * @example `interactionLine('7 3', 1, collector, issues)` adds item 3 to user 7.
 */
export const interactionLine: LineHandler = (line, lineNumber, collector, issues) => {
  const fields = line.trim().split(/\s+/);
  if (fields.length !== 2) return issues.malformed(lineNumber, `expected 2 fields (user item), got ${fields.length}`, line);
  const user = parseInteger(fields[0], 1, MAX_ID);
  if (user === null) return issues.malformed(lineNumber, integerProblem('user id (field 1)', fields[0], 1, MAX_ID), line);
  const item = parseInteger(fields[1], 1, MAX_ID);
  if (item === null) return issues.malformed(lineNumber, integerProblem('item id (field 2)', fields[1], 1, MAX_ID, PADDING_NOTE), line);
  collector.add(collector.user(user), item);
};
