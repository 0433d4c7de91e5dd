/** Writes the report of one invocation into `outDir` (created if missing). */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { formatResultsMarkdown } from './markdown';
import { recallCurveSpec, renderPng, renderSvg } from './plot';
import type { Results } from './results';
import { writeFileAtomic } from '@croloss/data';

/** Paths of the four files {@link writeReport} writes. */
export interface ReportFiles {
  json: string;
  markdown: string;
  svg: string;
  png: string;
}

/** File names inside the output directory. */
export const REPORT_FILE_NAMES = {
  json: 'results.json',
  markdown: 'results.md',
  svg: 'recall-at-n.svg',
  png: 'recall-at-n.png',
} as const;

/**
 * Writes the report of one invocation into `outDir` (created if missing): `results.json` (the
 * {@link Results} object, 2-space indented), `results.md` (tables, see {@link formatResultsMarkdown}),
 * `recall-at-n.svg` and `recall-at-n.png` (the Recall@N curves). Everything is rendered first and each
 * file is then written atomically, so a failed render leaves the previous report untouched and a
 * crash never leaves a half-written file.
 *
 * @param outDir output directory
 * @param results the example's results
 * @param ns cut-offs N for table and plot
 * @returns the paths written
 * @example
 * const files = await writeReport('results/beauty', results, [50, 100, 200, 500]);
 * console.log(`wrote ${files.png}`);
 */
export async function writeReport(outDir: string, results: Results, ns: readonly number[]): Promise<ReportFiles> {
  const markdown = formatResultsMarkdown(results, ns, REPORT_FILE_NAMES.png);
  const svg = await renderSvg(recallCurveSpec(results, ns));
  const png = renderPng(svg);
  const json = `${JSON.stringify(results, null, 2)}\n`;

  await mkdir(outDir, { recursive: true });
  const files: ReportFiles = {
    json: join(outDir, REPORT_FILE_NAMES.json),
    markdown: join(outDir, REPORT_FILE_NAMES.markdown),
    svg: join(outDir, REPORT_FILE_NAMES.svg),
    png: join(outDir, REPORT_FILE_NAMES.png),
  };
  await writeFileAtomic(files.json, json);
  await writeFileAtomic(files.markdown, markdown);
  await writeFileAtomic(files.svg, svg);
  await writeFileAtomic(files.png, png);
  return files;
}
