// The `user item item ...` line format (SASRec / ICLRec sequence files): its description and its line handler, shared by loadSequenceFile and parseSequenceText.
import type { LineFormat, LineHandler } from './collect-interactions';
import { integerProblem, MAX_ID, PADDING_NOTE, parseInteger } from './parse-integer';

/** One user per line, `user item item ...`, ids from 1, items oldest first. */
export const SEQUENCE_FORMAT: LineFormat = { withKeys: false, remapByDefault: false, lines: '"user item item ..." lines', noItems: 'lines with only a user id' };

/**
 * Adds the items of one `user item item ...` line to the collector; a non-integer or non-positive id
 * makes the whole line malformed (nothing of it is added).
 *
 * @example `sequenceLine('7 3 4', 1, collector, issues)` adds items 3 then 4 to user 7.
 */
export const sequenceLine: LineHandler = (line, lineNumber, collector, issues) => {
  const fields = line.trim().split(/\s+/);
  const user = parseInteger(fields[0], 1, MAX_ID);
  if (user === null) return issues.malformed(lineNumber, integerProblem('user id (field 1)', fields[0], 1, MAX_ID), line);
  const items = new Int32Array(fields.length - 1);
  for (let f = 1; f < fields.length; f++) {
    const item = parseInteger(fields[f], 1, MAX_ID);
    if (item === null) {
      return issues.malformed(lineNumber, integerProblem(`item id (field ${f + 1})`, fields[f], 1, MAX_ID, PADDING_NOTE), line);
    }
    items[f - 1] = item;
  }
  const userIndex = collector.user(user);
  for (let i = 0; i < items.length; i++) collector.add(userIndex, items[i]);
};
