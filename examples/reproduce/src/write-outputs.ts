/** Writes the reproduction's outputs under `outDir`. */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { figure3Spec, figure4Spec, figure5Spec, renderPng, renderSvg } from './figures';
import { evaluateClaims, formatFindings } from './findings';
import type { CellResult } from './run-cell';
import { summarize } from './summary';
import { table2, table3, table4, TABLE_NS } from './tables';
import { writeFileAtomic } from '@croloss/data';

/** Options of {@link writeOutputs}. */
export interface WriteOutputsOptions {
  /** alphas of the kernel x alpha block. */
  alphas: number[];
  /** The command line, recorded in results.md. */
  command?: string;
  backend?: string;
}

/**
 * Writes the reproduction's outputs under `outDir`: `results.md` (Tables 2-4 as `mean ± std` over seeds, the
 * findings C1-C4), `all-cells.json` (every cell result) and `figure-3/4/5.{svg,png}` (a figure is left out when
 * its cells were not run). Returns the written paths.
 *
 * @example
 * await writeOutputs('results/reproduce', results, { alphas: [0.6, 0.8, 1, 1.2] });
 */
export async function writeOutputs(outDir: string, results: CellResult[], options: WriteOutputsOptions): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const summaries = summarize(results);
  const data = results[0]?.data;
  const dataName = data?.name ?? 'no data';
  const ns = TABLE_NS.filter((n) => results.some((r) => r.recall[n] !== undefined));
  const seeds = [...new Set(results.map((r) => r.cell.seed))].sort((a, b) => a - b);
  const written: string[] = [];
  const figures: Array<[string, TopLevelSpec | undefined]> = [
    ['figure-3', figure3Spec(summaries, dataName)],
    ['figure-4', figure4Spec(summaries, options.alphas, dataName)],
    ['figure-5', figure5Spec(summaries, dataName)],
  ];
  const figureLines: string[] = [];
  for (const [name, spec] of figures) {
    if (!spec) {
      figureLines.push(`- ${name}: not drawn (its cells were not run)`);
      continue;
    }
    const svg = await renderSvg(spec);
    await writeFileAtomic(join(outDir, `${name}.svg`), svg);
    await writeFileAtomic(join(outDir, `${name}.png`), renderPng(svg));
    written.push(join(outDir, `${name}.svg`), join(outDir, `${name}.png`));
    figureLines.push(`- ${name}: ![${name}](${name}.png) ([svg](${name}.svg))`);
  }
  const markdown = [
    `# CROLoss reproduction on ${dataName}`,
    '',
    data ? `${data.users.toLocaleString('en-US')} users, ${data.items.toLocaleString('en-US')} items, ${data.interactions.toLocaleString('en-US')} interactions. ` +
      `${results.length} cells, ${summaries.size} configurations, seeds [${seeds.join(', ')}]; Recall@N in percent, mean ± sample std over seeds (test users).` : 'No cells finished.',
    options.command ? `\nCommand: \`${options.command}\`${options.backend ? ` (backend ${options.backend})` : ''}` : '',
    '',
    '## Table 2: best CROLoss / CROLoss-lambda vs conventional losses',
    '',
    'The best configurations are chosen by mean test Recall@100 (as the paper reports its best settings).',
    '',
    table2(summaries, ns),
    '',
    '## Table 3: CROLoss kernel x alpha',
    '',
    table3(summaries, options.alphas, ns),
    '',
    '## Table 4: CROLoss-lambda, phi1 x phi2 at alpha = 1',
    '',
    table4(summaries, ns),
    '',
    '## Findings',
    '',
    'Differences are paired by seed (each seed is one 8:1:1 user split, shared by every configuration): a difference counts only when the mean of the per-seed differences exceeds their sample standard deviation (shown as ±); otherwise the claim is inconclusive.',
    '',
    formatFindings(evaluateClaims(summaries, options.alphas, ns)),
    '',
    '## Figures',
    '',
    ...figureLines,
    '',
  ].join('\n');
  await writeFileAtomic(join(outDir, 'results.md'), markdown);
  await writeFileAtomic(join(outDir, 'all-cells.json'), `${JSON.stringify(results, null, 2)}\n`);
  written.unshift(join(outDir, 'results.md'), join(outDir, 'all-cells.json'));
  return written;
}
