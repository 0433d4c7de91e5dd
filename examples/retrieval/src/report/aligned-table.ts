/**
 * Formats rows as a Markdown table that also reads as plain text: every column padded to its widest
 * cell, the first column left-aligned and the others right-aligned (numbers), `|` in cells escaped.
 *
 * @param header column titles
 * @param rows cells, one array per row, each as long as `header`
 * @returns the table, lines joined with `\n`, no trailing newline
 * @example
 * formatAlignedTable(['loss', 'R@50'], [['softmax', '14.40']]);
 * // | loss    |  R@50 |
 * // | :------ | ----: |
 * // | softmax | 14.40 |
 */
export function formatAlignedTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const escaped = [header, ...rows].map((row) => row.map((cell) => cell.replace(/\|/g, '\\|')));
  const widths = escaped[0].map((_, column) => Math.max(3, ...escaped.map((row) => row[column].length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(' | ')} |`;
  const rule = `| ${widths.map((width, column) => (column === 0 ? `:${'-'.repeat(width - 1)}` : `${'-'.repeat(width - 1)}:`)).join(' | ')} |`;
  const [head, ...body] = escaped;
  return [line(head), rule, ...body.map(line)].join('\n');
}
