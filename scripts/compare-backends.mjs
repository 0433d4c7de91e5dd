#!/usr/bin/env node
// Compares the test Recall@N of two results.json files of the main job (examples/retrieval), loss by loss, e.g. the
// same command on wasm and on webgpu. Prints a markdown table; exits 1 when a loss present in both differs by more
// than --max-diff (absolute, in Recall units: 0.005 = half a point) at any N, or when no loss is in both.
//
//   node scripts/compare-backends.mjs results-wasm/results.json results-webgpu/results.json [--max-diff 0.005]
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const flag = args.indexOf('--max-diff');
const maxDiff = flag >= 0 ? Number(args.splice(flag, 2)[1]) : 0.005;
if (args.length !== 2 || !(maxDiff >= 0)) {
  console.error('usage: compare-backends.mjs A/results.json B/results.json [--max-diff 0.005]');
  process.exit(2);
}
const [a, b] = args.map((file) => JSON.parse(readFileSync(file, 'utf8')));
const pct = (x) => (100 * x).toFixed(2);
console.log(`A: ${a.backend}\nB: ${b.backend}\n`);
console.log('| loss | N | A Recall (%) | B Recall (%) | B - A (points) | A steps/s | B steps/s |');
console.log('|---|---|---|---|---|---|---|');
let compared = 0;
let worst = 0;
for (const runA of a.runs) {
  const runB = b.runs.find((r) => r.loss === runA.loss);
  if (!runB) continue;
  compared += 1;
  for (const n of Object.keys(runA.recall)) {
    if (!(n in runB.recall)) continue;
    const diff = runB.recall[n] - runA.recall[n];
    worst = Math.max(worst, Math.abs(diff));
    console.log(`| ${runA.loss} | ${n} | ${pct(runA.recall[n])} | ${pct(runB.recall[n])} | ${(100 * diff).toFixed(2)} | ${runA.stepsPerSecond.toFixed(1)} | ${runB.stepsPerSecond.toFixed(1)} |`);
  }
}
if (compared === 0) {
  console.error('compare-backends: no loss is in both files');
  process.exit(1);
}
console.log(`\nlargest |B - A|: ${(100 * worst).toFixed(2)} points (allowed ${(100 * maxDiff).toFixed(2)})`);
process.exit(worst <= maxDiff ? 0 : 1);
