// The worker's code in Node (cpu): config checks, data bytes to a data set, a short session on real Beauty users, the tower files.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { defaultDatasetPath, EMBEDDED_DATASET, loadDefaultDataset, parseSequenceText, type SequenceDataset } from '@croloss/data';
import { TwoTowerModel } from '@croloss/two-tower';
import { bytesToText, isGzip, parseDataBytes } from '../src/load-dataset';
import { checkSessionConfig, DEFAULT_SESSION } from '../src/session-config';
import { towerFiles } from '../src/tower-files';
import { runSession } from '../src/train-session';

const beautyBytes = new Uint8Array(readFileSync(defaultDatasetPath()));

/** The first `users` lines of the embedded Beauty, item ids remapped densely (a small real catalogue for the cpu backend). */
async function beautyHead(users: number): Promise<SequenceDataset> {
  const text = (await bytesToText(beautyBytes)).split('\n').slice(0, users).join('\n');
  return parseSequenceText(text, { name: 'beauty-head', remap: true });
}

describe('checkSessionConfig', () => {
  it('fills in the defaults and sorts the cut-offs', () => {
    const config = checkSessionConfig({ losses: ['croloss'], ns: [100, 10, 50], validN: 50 });
    expect(config).toEqual({ ...DEFAULT_SESSION, losses: ['croloss'], ns: [10, 50, 100], validN: 50 });
  });

  it.each([
    [{ losses: [] }, "checkSessionConfig: argument 'config.losses' must be a non-empty list of softmax, croloss, lambda, got []"],
    [{ losses: ['bpr'] }, "argument 'config.losses' must be a non-empty list of softmax, croloss, lambda, got [bpr]"],
    [{ losses: ['croloss', 'croloss'] }, "argument 'config.losses' must be distinct losses, got [croloss, croloss]"],
    [{ kernel: 'relu' }, "argument 'config.kernel' must be one of unit-step, sigmoid, softplus, exponential, hinge, got \"relu\""],
    [{ steps: 0 }, "argument 'config.steps' must be an integer >= 1, got 0"],
    [{ batchSize: 2.5 }, "argument 'config.batchSize' must be an integer >= 1, got 2.5"],
    [{ numNegatives: NaN }, "argument 'config.numNegatives' must be an integer >= 1, got NaN"],
    [{ seed: -1 }, "argument 'config.seed' must be an integer >= 0, got -1"],
    [{ alpha: 5 }, "argument 'config.alpha' must be a number in [0, 4], got 5"],
    [{ learningRate: 0 }, "argument 'config.learningRate' must be a finite number > 0, got 0"],
    [{ sparseUpdates: 'yes' }, "argument 'config.sparseUpdates' must be a boolean, got \"yes\""],
    [{ validN: 7 }, "argument 'config.validN' must be one of config.ns (10, 20, 50, 100, 200), got 7"],
  ])('%j: %s', (partial, message) => {
    expect(() => checkSessionConfig(partial as never)).toThrow(message);
  });
});

describe('parseDataBytes / bytesToText: the bytes the worker gets', () => {
  it('gunzips the embedded asset with DecompressionStream to the data set the Node loader reads', async () => {
    expect(isGzip(beautyBytes)).toBe(true);
    const parsed = await parseDataBytes(beautyBytes, 'sequence', 'amazon-beauty.txt.gz', EMBEDDED_DATASET.name);
    const loaded = await loadDefaultDataset();
    expect([parsed.name, parsed.numUsers, parsed.numItems, parsed.items.length]).toEqual([EMBEDDED_DATASET.name, EMBEDDED_DATASET.users, EMBEDDED_DATASET.items, EMBEDDED_DATASET.interactions]);
    expect(parsed.items).toEqual(loaded.items);
    expect(parsed.offsets).toEqual(loaded.offsets);
  });

  it('reads plain and gzipped interaction lines alike', async () => {
    const text = '1 5\n1 6\n2 5\n';
    for (const bytes of [new TextEncoder().encode(text), new Uint8Array(gzipSync(text))]) {
      const data = await parseDataBytes(bytes, 'interactions', 'mine.txt');
      expect([data.name, data.numUsers, data.numItems, Array.from(data.items)]).toEqual(['mine', 2, 6, [5, 6, 5]]);
    }
  });

  it('refuses a malformed file at its first bad line, naming the file and the line', async () => {
    await expect(parseDataBytes(new TextEncoder().encode('1 1 2\n2 3 x\n3 4\n'), 'sequence', 'bad.txt')).rejects.toThrow(
      'parseSequenceText: bad.txt line 2: item id (field 3)',
    );
    await expect(parseDataBytes(new TextEncoder().encode('1 1\n2\n'), 'interactions', 'pairs.txt')).rejects.toThrow(
      'parseInteractionText: pairs.txt line 2: expected 2 fields (user item), got 1',
    );
  });

  it('says when gzip bytes are corrupt', async () => {
    const corrupt = beautyBytes.slice(0, 4096);
    await expect(bytesToText(corrupt)).rejects.toThrow("bytesToText: argument 'bytes' must be a valid gzip stream, got a corrupt one");
  });
});

describe('runSession on 600 real Beauty users (cpu)', () => {
  it('is deterministic by seed, validates every evalEvery steps, reports Recall@N in [0, 1] rising with N, leaks nothing', async () => {
    const data = await beautyHead(600);
    const settings = { losses: ['croloss', 'softmax'] as const, steps: 6, batchSize: 32, numNegatives: 64, evalEvery: 3, sparseUpdates: true, ns: [10, 50, 100], validN: 50 };
    const before = tf.memory().numTensors;
    const validations: number[] = [];
    let baseline: Record<number, number> = {};
    const first = await runSession(data, { ...settings, losses: [...settings.losses] }, 'cpu', {
      onBaseline: (recall) => { baseline = recall; },
      onValidation: (info) => validations.push(info.step),
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(validations).toEqual([3, 6, 3, 6]);
    expect(first.baseline.recall).toEqual(baseline);
    expect(first.runs.map((r) => r.loss)).toEqual(['croloss(softplus, alpha=1)', 'softmax-cross-entropy']);
    for (const run of [...first.runs, first.baseline]) {
      const r = [10, 50, 100].map((n) => run.recall[n]);
      r.forEach((value) => expect(value).toBeGreaterThanOrEqual(0));
      r.forEach((value) => expect(value).toBeLessThanOrEqual(1));
      expect(r[0]).toBeLessThanOrEqual(r[1]);
      expect(r[1]).toBeLessThanOrEqual(r[2]);
    }
    expect(first.data).toEqual({ name: 'beauty-head', users: 600, items: data.numItems, interactions: data.items.length });
    const again = await runSession(data, { ...settings, losses: ['croloss'] }, 'cpu');
    expect(again.runs[0].recall).toEqual(first.runs[0].recall);
    const otherSeed = await runSession(data, { ...settings, losses: ['croloss'], seed: 2 }, 'cpu');
    expect(otherSeed.baseline.recall).not.toEqual(first.baseline.recall);
  });
});

describe('towerFiles: the downloads of a trained model', () => {
  it('decodes back to the model variables, and the item vectors are the unit vectors exportItemEmbeddings gives', async () => {
    const model = new TwoTowerModel({ numItems: 7, dim: 4, maxHistory: 3, seed: 5 });
    try {
      const files = await towerFiles('croloss', model);
      const manifest = JSON.parse(files.modelJson);
      expect(manifest.weightsManifest[0].paths).toEqual(['towers-croloss.weights.bin']);
      const decoded = tf.io.decodeWeights(files.weights, manifest.weightsManifest[0].weights);
      expect(Object.keys(decoded)).toEqual(['item_embeddings', 'user_dense_0/kernel', 'user_dense_0/bias']);
      expect(Array.from(decoded.item_embeddings.dataSync())).toEqual(Array.from(model.itemEmbeddings.dataSync()));
      expect(decoded.item_embeddings.shape).toEqual([8, 4]);
      const vectors = new Float32Array(files.itemVectors);
      expect(Array.from(vectors)).toEqual(Array.from((await model.exportItemEmbeddings()).vectors));
      for (let i = 0; i < 7; i++) {
        const row = vectors.subarray(i * 4, i * 4 + 4);
        expect(Math.hypot(...row)).toBeCloseTo(1, 5);
      }
      tf.dispose(Object.values(decoded));
    } finally {
      model.dispose();
    }
  });
});
