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
