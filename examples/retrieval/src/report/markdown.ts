/** The whole `results.md`. */
import { formatAlignedTable } from './aligned-table';
import { formatComparison, formatRecallTable } from './table';
import type { Results } from './results';

/**
 * The whole `results.md`: a heading naming the data, how the results were produced (command, backend,
 * time), the Recall@N table ({@link formatRecallTable}), the best run per N ({@link formatComparison}),
 * the training cost of each run, and a link to the plot.
 *
 * @param results the example's results
 * @param ns cut-offs N for the table, in column order
 * @param plotFile file name of the plot to link (relative to the markdown file), or null for none
 * @returns Markdown text ending with a newline
 * @example
 * await writeFileAtomic('out/results.md', formatResultsMarkdown(results, [50, 100, 200, 500], 'recall-at-n.png'));
 */
export function formatResultsMarkdown(results: Results, ns: readonly number[], plotFile: string | null = null): string {
  const { data } = results;
  const lines = [
    `# Recall@N on ${data.name}`,
    '',
    `${data.users.toLocaleString('en-US')} users, ${data.items.toLocaleString('en-US')} items, ` +
      `${data.interactions.toLocaleString('en-US')} interactions. Backend \`${results.backend}\`, ${results.createdAt}.`,
    '',
    `Command: \`${results.command}\``,
    '',
    'Test Recall@N in percent, at the best validation step of each run:',
    '',
    formatRecallTable(results, ns),
    '',
    formatComparison(results, ns),
    '',
  ];
  if (results.runs.length > 0) {
    lines.push('Training:', '', formatTrainingTable(results), '');
  }
  if (plotFile !== null) lines.push(`![Recall@N versus N](${plotFile})`, '');
  return lines.join('\n');
}

function formatTrainingTable(results: Results): string {
  return formatAlignedTable(
    ['loss', 'steps', 'best step', 'seconds', 'steps/s'],
    results.runs.map((run) => [
      run.loss,
      String(run.steps),
      String(run.bestStep),
      run.trainSeconds.toFixed(1),
      run.stepsPerSecond.toFixed(1),
    ]),
  );
}
