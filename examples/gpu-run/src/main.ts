/**
 * The second command of the GPU run: turns the folder that came back (job.sh's $OUT) into docs/performance.md's GPU
 * section and docs/quality.md's webgpu rows.
 *
 *   node examples/gpu-run/dist/main.js FOLDER                    print both to stdout
 *   node examples/gpu-run/dist/main.js FOLDER --out-dir DIR      also write DIR/performance.md, DIR/quality.md
 *   node examples/gpu-run/dist/main.js FOLDER --write-docs       also splice them into docs/ (a GPU-machine run only)
 *   [--quality-runs DIR]  the wasm runs the webgpu rows stand next to (default: the repository's docs/quality)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performanceTable } from './performance-table';
import { qualityRows } from './quality-rows';
import { readGpuRun } from './read-gpu-run';
import { readQualityRuns } from './read-quality-runs';
import { spliceBlock } from './splice-block';
import { sampleDoc } from './sample-doc';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'out-dir': { type: 'string' }, 'write-docs': { type: 'boolean', default: false }, 'quality-runs': { type: 'string' } },
});
if (positionals.length !== 1) {
  process.stderr.write('usage: node examples/gpu-run/dist/main.js FOLDER [--out-dir DIR] [--write-docs] [--quality-runs DIR]\n');
  process.exit(2);
}
function main(): void {
  const fromUser = (path: string) => resolve(process.env.INIT_CWD ?? process.cwd(), path);
  const run = readGpuRun(fromUser(positionals[0]));
  const performance = performanceTable(run);
  const quality = qualityRows(run, readQualityRuns(values['quality-runs'] ? fromUser(values['quality-runs']) : join(root, 'docs', 'quality')));
  process.stdout.write(`${performance}\n\n${quality}\n`);

  if (values['out-dir']) {
    const dir = fromUser(values['out-dir']);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'performance.md'), sampleDoc(run, 'docs/performance.md, GPU section', performance));
    writeFileSync(join(dir, 'quality.md'), sampleDoc(run, "docs/quality.md, webgpu rows", quality));
    process.stderr.write(`gpu-run tables: wrote ${join(dir, 'performance.md')} and ${join(dir, 'quality.md')}\n`);
  }
  if (values['write-docs']) {
    if (run.machine.mode !== 'gpu') {
      process.stderr.write(`gpu-run tables: ${positionals[0]} is a ${run.machine.mode} dry run, not GPU numbers: not written into docs/ (use --out-dir)\n`);
      process.exit(1);
    }
    for (const [file, block, content] of [['performance.md', 'performance', performance], ['quality.md', 'quality', quality]] as const) {
      const path = join(root, 'docs', file);
      writeFileSync(path, spliceBlock(readFileSync(path, 'utf8'), block, content));
      process.stderr.write(`gpu-run tables: updated ${path}\n`);
    }
  }
}

try {
  main();
} catch (error) {
  process.stderr.write(`gpu-run tables: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
