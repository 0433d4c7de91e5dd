/** Parses JSON-lines text (one JSON object a line), skipping blank lines and log lines that are not JSON objects. */

/**
 * The JSON objects of a JSON-lines text, in order. Lines that do not start with `{` (logs, blank lines) are skipped;
 * a line that starts with `{` but is not valid JSON is an error naming its line number, except the last line when
 * `allowTruncatedLast` is set (a job cut off mid-write).
 *
 * @example
 * ```ts
 * parseJsonLines('{"a":1}\nlog line\n{"a":2}\n'); // [{ a: 1 }, { a: 2 }]
 * ```
 */
export function parseJsonLines(text: string, source = 'text', allowTruncatedLast = true): Record<string, unknown>[] {
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  const out: Record<string, unknown>[] = [];
  lines.forEach((line, i) => {
    const trimmed = line.trim();
    if (!trimmed.startsWith('{')) return;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      if (allowTruncatedLast && i === lines.length - 1) return;
      throw new Error(`parseJsonLines: line ${i + 1} of ${source} is not valid JSON: ${trimmed.slice(0, 80)}`);
    }
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) out.push(value as Record<string, unknown>);
  });
  return out;
}
