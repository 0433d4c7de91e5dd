/** The one builder of the Error thrown for bad input, in the project's message grammar. */

/**
 * Builds the Error thrown for bad input: it names the function, the argument, what was expected and
 * what was given, e.g. `hinge: argument 'margin' must be a finite number >= 0, got -1`.
 *
 * @example
 * ```ts
 * argumentError('hinge', 'margin', 'a finite number >= 0', -1).message;
 * // "hinge: argument 'margin' must be a finite number >= 0, got -1"
 * ```
 */
export function argumentError(fn: string, argument: string, expected: string, actual: unknown): Error {
  return new Error(`${fn}: argument '${argument}' must be ${expected}, got ${describeValue(actual)}`);
}

/**
 * How a given value reads in an argument error: numbers as written (`NaN` for NaN), strings quoted,
 * arrays listed, null and undefined by name, anything else by its typeof.
 *
 * @example
 * ```ts
 * describeValue([1, 2]); // "[1, 2]"
 * describeValue('x'); // '"x"'
 * ```
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.join(', ')}]`;
  if (value === null || value === undefined) return String(value);
  return typeof value;
}
