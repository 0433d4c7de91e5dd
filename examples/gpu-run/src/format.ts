/** Number formats of the generated tables: milliseconds, seconds, ratios, percentages. */

/** Milliseconds: 2 decimals below 10, else 1; 'n/a' when not a finite number. */
export const ms = (x: unknown): string => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(x < 10 ? 2 : 1) : 'n/a');

/** A ratio as '3.4x' (2 decimals below 1). */
export const times = (x: number): string => `${x.toFixed(x < 1 ? 2 : 1)}x`;

/** Seconds with one decimal. */
export const seconds = (x: unknown): string => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(1) : 'n/a');

/** A fraction in [0, 1] as a percentage with one decimal, '-' when missing. */
export const percent = (x: unknown): string => (typeof x === 'number' && Number.isFinite(x) ? (100 * x).toFixed(1) : '-');

/** A rate (steps per second): 2 decimals below 1, else 1. */
export const rate = (x: number): string => x.toFixed(x < 1 ? 2 : 1);
