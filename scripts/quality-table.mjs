#!/usr/bin/env node
/**
 * Compares the quality runs committed under docs/quality/<data>-seed<k>/results.json with the Recall@N that an
 * independent faithful implementation reaches (its figures are written below, mean of 2 seeds), and
 * writes docs/quality.md. Usage: node scripts/quality-table.mjs
 */
import { readdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';

const reference = {
  'amazon-beauty': {
    'most popular items': [5.4, 8.2, 11.0, 19.5],
    'softmax-cross-entropy': [14.4, 19.6, 26.3, 35.8],
    'bpr(paper)': [11.9, 17.3, 24.8, 36.5],
    'triplet(paper)': [10.7, 15.8, 22.9, 33.2],
    'croloss(softplus, alpha=1)': [15.2, 21.0, 27.9, 38.3],
    'croloss(sigmoid, alpha=1.2)': [15.7, 21.7, 28.4, 39.1],
    'croloss-lambda(sigmoid/softplus, alpha=1)': [14.8, 21.0, 27.6, 38.2],
  },
  Video: {
    'most popular items': [5.8, 9.5, 14.6, 25.0],
    'softmax-cross-entropy': [20.2, 27.9, 36.7, 49.7],
    'croloss(softplus, alpha=1)': [21.9, 29.9, 39.5, 52.6],
    'croloss-lambda(sigmoid/softplus, alpha=1)': [21.5, 29.4, 38.7, 51.9],
  },
};
const ns = [50, 100, 200, 500];
const root = new URL('../docs/quality/', import.meta.url).pathname;
const runs = {}; // data -> loss -> array of [R@50..R@500] per seed
const commands = [];
for (const dir of readdirSync(root).sort()) {
  const file = join(root, dir, 'results.json');
  let results;
  try { results = JSON.parse(readFileSync(file, 'utf8')); } catch { continue; }
  const data = results.data.name;
  commands.push(`- \`${dir}\`: \`${results.command}\` (backend ${results.backend}, ${results.createdAt})`);
  const add = (loss, recall) => ((runs[data] ??= {})[loss] ??= []).push(ns.map((n) => 100 * recall[n]));
  add('most popular items', results.baseline.recall);
  for (const run of results.runs) add(run.loss, run.recall);
}
const fmt = (v) => v.toFixed(1);
const lines = ['# Quality check against an independent implementation', '',
  'Test Recall@N (percent) of this project\'s two-tower + loss on the real data, at the budget of',
  'the independent reference implementation (3,000 steps, batch 256, 2,560 shared uniform negatives, d = 32, tau = 10,',
  'Adam 0.02, validation Recall@100 every 500 steps, test metrics of the best validation point), mean over the seeds',
  'run, next to the reference (mean of 2 seeds, PyTorch on an H100). Regenerate with `node scripts/quality-table.mjs`.', ''];
for (const [data, losses] of Object.entries(runs)) {
  lines.push(`## ${data}`, '', '| loss | seeds | ' + ns.map((n) => `R@${n} ours / ref`).join(' | ') + ' |', '|---|---|' + ns.map(() => '---|').join(''));
  for (const [loss, seeds] of Object.entries(losses)) {
    const mean = ns.map((_, i) => seeds.reduce((s, r) => s + r[i], 0) / seeds.length);
    const ref = reference[data]?.[loss];
    lines.push(`| ${loss} | ${seeds.length} | ` + mean.map((m, i) => `${fmt(m)} / ${ref ? fmt(ref[i]) : '-'}`).join(' | ') + ' |');
  }
  lines.push('');
}
lines.push('Runs:', ...commands, '');
const out = new URL('../docs/quality.md', import.meta.url).pathname;
// The webgpu rows of the GPU run (examples/gpu-run, `--write-docs`) live in a marked block at the end: carry it over.
const gpuHeading = '## WebGPU next to wasm (the GPU run)';
let previous = '';
try { previous = readFileSync(out, 'utf8'); } catch { /* first run */ }
if (previous.includes(gpuHeading)) lines.push(previous.slice(previous.indexOf(gpuHeading)).trimEnd(), '');
writeFileSync(`${out}.tmp`, lines.join('\n'));
renameSync(`${out}.tmp`, out);
process.stdout.write(lines.join('\n'));
