/** Tests of checkpoint files. */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TrainingState } from '@croloss/two-tower';
import { describe, expect, it } from 'vitest';
import { loadCheckpoint, saveCheckpoint } from './checkpoint-files';

function state(step: number): TrainingState {
  return {
    step,
    config: { numItems: 50, dim: 2 },
    weights: [{ name: 'a', shape: [2, 2], data: Float32Array.from([1, 2, 3, step]) }, { name: 'b', shape: [3], data: Float32Array.from([5, 6, 7]) }],
    optimizer: [{ name: 'iter', shape: [], data: Float32Array.from([step]) }],
    batches: { rng: [1, 2, 3, 4] },
    negatives: { kind: 'uniform', rng: [9, 8, 7, 6] },
    best: { step: 10, metric: 0.25 },
  };
}

describe('checkpoint files', () => {
  it('round-trips a training state exactly and keeps only the newest weights file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ckpt-'));
    expect(await loadCheckpoint(dir)).toBeUndefined();
    await saveCheckpoint(dir, state(100));
    await saveCheckpoint(dir, state(200));
    const loaded = await loadCheckpoint(dir);
    expect(loaded?.step).toBe(200);
    expect(loaded?.config).toEqual({ numItems: 50, dim: 2 });
    expect(Array.from(loaded!.weights[0].data)).toEqual([1, 2, 3, 200]);
    expect(loaded!.weights[1]).toEqual({ name: 'b', shape: [3], data: Float32Array.from([5, 6, 7]) });
    expect(loaded!.optimizer[0].shape).toEqual([]);
    expect(loaded!.negatives).toEqual({ kind: 'uniform', rng: [9, 8, 7, 6] });
    expect((await readdir(dir)).sort()).toEqual(['checkpoint.json', 'weights-200.bin']);
    expect(loaded!.bestWeights).toBeUndefined();
  });

  it('round-trips the best weights and the patience counter when the best step is older than the checkpoint', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ckpt-'));
    const best = [{ name: 'a', shape: [2, 2], data: Float32Array.from([9, 8, 7, 6]) }, { name: 'b', shape: [3], data: Float32Array.from([-1, -2, -3]) }];
    await saveCheckpoint(dir, { ...state(300), bestWeights: best, evalsWithoutGain: 2 });
    const loaded = await loadCheckpoint(dir);
    expect(loaded!.bestWeights).toEqual(best);
    expect(loaded!.evalsWithoutGain).toBe(2);
    expect(Array.from(loaded!.weights[0].data)).toEqual([1, 2, 3, 300]);
  });

  it('a corrupt weights file or manifest is a clear error, never silently used', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ckpt-'));
    await saveCheckpoint(dir, state(5));
    const bin = join(dir, 'weights-5.bin');
    const bytes = await readFile(bin);
    bytes[3] ^= 0xff;
    await writeFile(bin, bytes);
    await expect(loadCheckpoint(dir)).rejects.toThrow(/weights-5\.bin is corrupt: 32 bytes with hash [0-9a-f]{8}, expected 32 bytes/);
    await writeFile(bin, bytes.subarray(0, 10));
    await expect(loadCheckpoint(dir)).rejects.toThrow('is corrupt: 10 bytes');
    await writeFile(join(dir, 'checkpoint.json'), '{"format": "croloss-checkpoint-1", "step": ');
    await expect(loadCheckpoint(dir)).rejects.toThrow('checkpoint.json is corrupt: not valid JSON');
  });
});
