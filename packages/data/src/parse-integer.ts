/** Parses a decimal integer token strictly (no blanks, no decimals, no exponent). */
const INTEGER = /^[+-]?\d+$/;

/**
 * Parses a decimal integer token strictly (no blanks, no decimals, no exponent); returns null when
 * the token is not an integer in [min, max].
 *
 * @example
 * ```ts
 * parseInteger('42', 1, 2 ** 31 - 1); // 42
 * parseInteger('4.2', 1, 2 ** 31 - 1); // null
 * ```
 */
export function parseInteger(token: string, min: number, max: number): number | null {
  if (!INTEGER.test(token)) return null;
  const value = Number(token);
  return value >= min && value <= max ? value : null;
}

/** Largest id that fits the Int32Array columns. */
export const MAX_ID = 2 ** 31 - 1;

/**
 * The message for a token that {@link parseInteger} rejected: what was expected, the token as
 * written and why it fails, e.g. `item id: expected an integer in 1..2147483647, got "3.5" (not an
 * integer)`, `got "0" (below 1; item id 0 is the padding id)` or `got "2147483648" (above the int32
 * maximum 2147483647)`. `zeroNote` is added to the reason when the value is 0 and below `min`.
 *
 * @example
 * ```ts
 * integerProblem('user id', '-1', 1, MAX_ID); // 'user id: expected an integer in 1..2147483647, got "-1" (negative)'
 * ```
 */
export function integerProblem(label: string, token: string, min: number, max: number, zeroNote?: string): string {
  return `${label}: expected an integer in ${min}..${max}, got ${JSON.stringify(token)} (${why(token, min, max, zeroNote)})`;
}

/** The note for item ids that are kept as embedding rows, whose row 0 is reserved. */
export const PADDING_NOTE = 'item id 0 is the padding id';

function why(token: string, min: number, max: number, zeroNote: string | undefined): string {
  if (token.length === 0) return 'an empty field';
  const value = Number(token);
  if (!INTEGER.test(token)) {
    if (token.trim().length === 0 || Number.isNaN(value)) return 'not a number';
    return Number.isInteger(value) ? 'not written as a plain decimal integer' : 'not an integer';
  }
  if (value < min) {
    if (value < 0 && min >= 0) return 'negative';
    return value === 0 && zeroNote ? `below ${min}; ${zeroNote}` : `below ${min}`;
  }
  if (max === MAX_ID) return `above the int32 maximum ${MAX_ID}`;
  return `above ${max}`;
}
