/** The data sets docs/results.md reports, each in `<results>/<folder>` as written by `croloss-reproduce --out`. */
import { spawnSync } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { writeFileAtomic } from '@croloss/data';
import { buildGrid, DEFAULT_ALPHAS } from './grid';
import { resultsDocument, type DatasetResults } from './results-doc';
import { createCellStore } from './store';

/**
 * The data sets docs/results.md reports, each in `<results>/<folder>` as written by `croloss-reproduce --out`; the
 * Video grid reads `video`, the path of SASRec's Video.txt (`--video`, relative to the folder the command runs in).
 */
export function docDatasets(video: string) {
  return [
    { folder: 'beauty', label: 'Amazon Beauty (embedded default)', args: '' },
    { folder: 'video', label: 'Amazon Video Games', args: `--data ${video} --format interactions ` },
  ] as const;
}

/** The budget of the committed runs (a 2-core CPU machine); the paper's protocol otherwise. */
export const DOC_BUDGET = '--steps 1000 --eval-every 250';

const program = new Command()
  .name('croloss-reproduce-docs')
  .description('Writes docs/results.md from the finished grid cells under docs/results/<data set>/cells (no training).')
  .option('--results <dir>', 'folder holding one output folder per data set', 'docs/results')
  .option('--out <file>', 'the markdown file to write', 'docs/results.md')
  .option('--run', 'first run (or resume) the grid of every data set with the documented budget')
  .option('--fresh', 'with --run: delete the finished cells first and start over')
  .option('--video <path>', 'Amazon Video Games as SASRec\'s Video.txt (`user item` lines), for the Video grid', 'Video.txt');

async function main(): Promise<void> {
  const opts = program.parse().opts<{ results: string; out: string; run?: boolean; fresh?: boolean; video: string }>();
  const sets = docDatasets(opts.video);
  const root = process.env.INIT_CWD ?? process.cwd();
  const resultsDir = resolve(root, opts.results);
  const outFile = resolve(root, opts.out);
  const grid = buildGrid({ alphas: DEFAULT_ALPHAS });
  if (opts.fresh && !opts.run) throw new Error('croloss-reproduce-docs: --fresh only makes sense with --run');
  if (opts.run) {
    const mainJs = join(dirname(fileURLToPath(import.meta.url)), 'main.js');
    for (const d of sets) {
      const dir = join(resultsDir, d.folder);
      if (opts.fresh) await rm(dir, { recursive: true, force: true });
      // Run from the repository root with paths relative to it, so the command recorded in the outputs is portable.
      const args = [relative(root, mainJs), ...`${d.args}${DOC_BUDGET}`.split(' ').filter(Boolean), '--out', relative(root, dir)];
      process.stderr.write(`== ${d.label}: node ${args.join(' ')}\n`);
      const run = spawnSync(process.execPath, args, { stdio: 'inherit', cwd: root });
      if (run.status !== 0) throw new Error(`croloss-reproduce-docs: the grid of ${d.label} failed (exit ${run.status ?? run.signal})`);
    }
  }
  const datasets: DatasetResults[] = [];
  for (const d of sets) {
    const dir = join(resultsDir, d.folder);
    const { results, corrupt } = await createCellStore(dir).readAll();
    if (corrupt.length > 0) throw new Error(`croloss-reproduce-docs: corrupt cells in ${dir}: ${corrupt.map((c) => `${c.id} (${c.reason})`).join(', ')}`);
    if (results.length === 0) continue;
    const have = new Set(results.map((r) => r.id));
    datasets.push({
      label: d.label,
      folder: relative(dirname(outFile), dir),
      command: `node examples/reproduce/dist/main.js ${d.args}${DOC_BUDGET} --out ${relative(root, dir)}`,
      results,
      missing: grid.filter((c) => !have.has(c.id)).map((c) => c.id),
    });
  }
  if (datasets.length === 0) throw new Error(`croloss-reproduce-docs: no finished cells under ${resultsDir}/{${sets.map((d) => d.folder).join(',')}}/cells`);
  const appendix = await readFile(join(dirname(fileURLToPath(import.meta.url)), '..', 'full-data.md'), 'utf8');
  await writeFileAtomic(outFile, resultsDocument(datasets, appendix));
  process.stdout.write(`wrote ${outFile} (${datasets.map((d) => `${d.label}: ${d.results.length} cells`).join('; ')})\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`croloss-reproduce-docs: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
