/**
 * node examples/bench/dist/compare.js TORCH.jsonl TFJS.jsonl
 * Prints the markdown comparison table of docs/performance.md from the two runs' JSON lines.
 */
import { readFileSync } from 'node:fs';
import { comparisonTable, parseJsonLines } from './comparison';

const [torchFile, tfjsFile] = process.argv.slice(2);
if (!torchFile || !tfjsFile) {
  process.stderr.write('usage: node dist/compare.js TORCH.jsonl TFJS.jsonl\n');
  process.exit(2);
}
process.stdout.write(`${comparisonTable(parseJsonLines(readFileSync(torchFile, 'utf8')), parseJsonLines(readFileSync(tfjsFile, 'utf8')))}\n`);
