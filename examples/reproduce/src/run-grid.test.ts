/** Tests of runGrid end to end (2 cells, 20 steps, cpu). */
import * as tf from '@tensorflow/tfjs-core';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sequenceDatasetFromArrays } from '@croloss/data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGrid } from './grid';
import type { CellSettings } from './run-cell';
import { runGrid } from './run-grid';
import { writeOutputs } from './write-outputs';

/** 300 users over 60 items: each user walks the item ring with a user-specific stride, 6 to 11 steps. */
const sequences = Array.from({ length: 300 }, (_, u) => {
  const start = (u * 7) % 60;
  const stride = 1 + (u % 3);
  return Array.from({ length: 6 + (u % 6) }, (_, k) => ((start + k * stride) % 60) + 1);
});
const dataset = sequenceDatasetFromArrays('tiny-ring', sequences, { numItems: 60 });
const settings: CellSettings = {
  steps: 20, evalEvery: 10, patience: 1000, batchSize: 32, numNegatives: 32, learningRate: 0.02,
  dim: 8, tau: 10, maxHistory: 10, ns: [10, 20, 50], validN: 50,
};
const cells = buildGrid({ seeds: [1], only: /^(softmax|croloss-softplus-a1\.0)-s1$/ });

describe('runGrid end to end (2 cells, 20 steps, cpu)', () => {
  let out: string;
  beforeAll(async () => (out = await mkdtemp(join(tmpdir(), 'reproduce-run-'))));
  afterAll(async () => rm(out, { recursive: true, force: true }));

  it('trains both cells, writes the outputs, then resumes without redoing them and re-runs a corrupt one', async () => {
    expect(cells.map((c) => c.id)).toEqual(['softmax-s1', 'croloss-softplus-a1.0-s1']);
    const tensorsBefore = tf.memory().numTensors;
    const lines: string[] = [];
    const first = await runGrid({ dataset, cells, settings, outDir: out, log: (l) => lines.push(l) });
    expect(first.ran).toEqual(['softmax-s1', 'croloss-softplus-a1.0-s1']);
    expect(first.skipped).toEqual([]);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expect(lines[0]).toBe('grid: 2 cells, 0 already finished, 2 to run');
    expect(lines).toContain('[0/2] ETA unknown · running softmax-s1');
    for (const result of first.results) {
      expect(Object.keys(result.recall).map(Number)).toEqual([10, 20, 50]);
      expect(result.recall[50]).toBeGreaterThan(0);
      expect(result.recall[50]).toBeLessThanOrEqual(1);
      expect(result.steps).toBe(20);
    }

    const files = await writeOutputs(out, first.results, { alphas: [1] });
    expect(files).toEqual([join(out, 'results.md'), join(out, 'all-cells.json'), join(out, 'figure-3.svg'), join(out, 'figure-3.png')]);
    for (const file of files) await access(file);
    const markdown = await readFile(join(out, 'results.md'), 'utf8');
    expect(markdown).toContain('# CROLoss reproduction on tiny-ring');
    expect(markdown).toContain('| cross-entropy loss |');
    expect(markdown).toContain('- figure-5: not drawn (its cells were not run)');
    expect(JSON.parse(await readFile(join(out, 'all-cells.json'), 'utf8'))).toEqual(first.results);

    const second = await runGrid({ dataset, cells, settings, outDir: out });
    expect(second.ran).toEqual([]);
    expect(second.skipped).toEqual(['softmax-s1', 'croloss-softplus-a1.0-s1']);
    expect(second.results).toEqual(first.results);

    await writeFile(join(out, 'cells', 'softmax-s1.json'), '{"id": "softmax-s1"');
    const warnings: string[] = [];
    const third = await runGrid({ dataset, cells, settings, outDir: out, log: (l) => warnings.push(l) });
    expect(third.rerun).toEqual(['softmax-s1']);
    expect(third.ran).toEqual(['softmax-s1']);
    expect(third.skipped).toEqual(['croloss-softplus-a1.0-s1']);
    expect(warnings[0]).toMatch(/^warning: .*softmax-s1\.json is corrupt \(not JSON/);
    expect(third.results[0].recall).toEqual(first.results[0].recall);

    await expect(runGrid({ dataset, cells, settings: { ...settings, steps: 40 }, outDir: out }))
      .rejects.toThrow(/softmax-s1\.json was run with steps = 20 \(this run: steps = 40\); finished cells are reused only with the same data and settings/);
    const other = sequenceDatasetFromArrays('other-ring', sequences, { numItems: 60 });
    await expect(runGrid({ dataset: other, cells, settings, outDir: out })).rejects.toThrow('was run with data tiny-ring (300 users, 60 items), this run has other-ring');
  });
});

describe('runGrid with a pool (cells side by side)', () => {
  it('runs `size` cells at once and gives the results of the sequential run, in grid order', async () => {
    const three = buildGrid({ seeds: [1, 2], only: /^(softmax|croloss-softplus-a1\.0)-s[12]$/ }).slice(0, 3);
    expect(three).toHaveLength(3);
    const [seqOut, poolOut] = await Promise.all([mkdtemp(join(tmpdir(), 'reproduce-seq-')), mkdtemp(join(tmpdir(), 'reproduce-pool-'))]);
    try {
      const sequential = await runGrid({ dataset, cells: three, settings, outDir: seqOut });
      let running = 0;
      let most = 0;
      const lines: string[] = [];
      const pooled = await runGrid({
        dataset, cells: three, settings, outDir: poolOut, log: (l) => lines.push(l),
        pool: {
          size: 2,
          // in this thread, as the workers of src/cell-pool.ts would (each cell from its own seed)
          run: async (cell) => {
            running += 1;
            most = Math.max(most, running);
            try {
              const { runCell } = await import('./run-cell');
              return await runCell(dataset, cell, settings);
            } finally {
              running -= 1;
            }
          },
        },
      });
      expect(most).toBe(2);
      expect(lines).toContain('grid: 2 cells at a time in worker threads');
      const strip = (r: { trainSeconds: number; stepsPerSecond: number; finishedAt: string }) => ({ ...r, trainSeconds: 0, stepsPerSecond: 0, finishedAt: '' });
      expect(pooled.results.map((r) => r.cell.id)).toEqual(three.map((c) => c.id));
      expect(pooled.results.map(strip)).toEqual(sequential.results.map(strip));
      expect([...pooled.ran].sort()).toEqual(three.map((c) => c.id).sort());
    } finally {
      await Promise.all([rm(seqOut, { recursive: true, force: true }), rm(poolOut, { recursive: true, force: true })]);
    }
  });
});
