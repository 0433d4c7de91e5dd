/**
 * Builds the Error thrown for bad input: it names the function, the argument, what was expected and
 * what was given, e.g. `readGpuRun: argument 'dir' must be a folder with steps.jsonl, got "/tmp/x"`.
 */
export function argumentError(fn: string, argument: string, expected: string, actual: unknown): Error {
  return new Error(`${fn}: argument '${argument}' must be ${expected}, got ${describe(actual)}`);
}

function describe(value: unknown): string {
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.join(', ')}]`;
  if (value === null || value === undefined) return String(value);
  return typeof value;
}
