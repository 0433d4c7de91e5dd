/** Tests of presets (paper section 3.5). */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { maxRelativeError, mulberry32, randomNormalArray } from '@croloss/testing';
import { describe, expect, it } from 'vitest';
import { croLossFunction, lambdaCroLossFunction, presets } from './index';

const read = (t: tf.Tensor): number[] => { const v = Array.from(t.dataSync()); t.dispose(); return v; };

function logits(seed: number, batch: number, classes: number) {
  const flat = randomNormalArray(seed, batch * classes, 0, 3);
  const rand = mulberry32(seed + 1);
  const labels = Array.from({ length: batch }, () => Math.floor(rand() * classes));
  const scores = Array.from({ length: batch }, (_, b) => Array.from(flat.subarray(b * classes, (b + 1) * classes)));
  return { labels, scores };
}

describe('presets (paper section 3.5)', () => {
  it('softmaxCrossEntropy equals tf.losses.softmaxCrossEntropy per example (eq. 17)', () => {
    const { labels, scores } = logits(1, 16, 37);
    const [ours, theirs] = tf.tidy(() => {
      const yTrue = tf.oneHot(labels, 37);
      const yPred = tf.tensor2d(scores);
      return [presets.softmaxCrossEntropy()(yTrue, yPred).dataSync(), tf.losses.softmaxCrossEntropy(yTrue, yPred, undefined, 0, tf.Reduction.NONE).dataSync()];
    });
    expect(maxRelativeError(ours, theirs)).toBeLessThan(1e-5);
  });

  it('softmaxCrossEntropy stays exact for logits of +-1e4, where exp overflows float32', () => {
    const ours = read(presets.softmaxCrossEntropy()(tf.tensor2d([[0, 1, 0]]), tf.tensor2d([[1e4, -1e4, 0]])));
    expect(ours[0]).toBeCloseTo(2e4, 0);
  });

  it("triplet and BPR with scale 'classic' are the classic sums (eq. 2, eq. 4)", () => {
    const { labels, scores } = logits(2, 12, 20);
    const classic = (f: (gap: number) => number) => scores.map((row, b) => row.reduce((s, v, j) => (j === labels[b] ? s : s + f(v - row[labels[b]])), 0));
    const yTrue = () => tf.oneHot(labels, 20);
    const triplet = read(presets.triplet({ margin: 1, scale: 'classic' })(yTrue(), tf.tensor2d(scores)));
    const bpr = read(presets.bpr({ scale: 'classic', numItems: 10000 })(yTrue(), tf.tensor2d(scores)));
    expect(maxRelativeError(triplet, classic((g) => Math.max(0, g + 1)))).toBeLessThan(1e-5);
    // -log sigmoid(s_pos - s_j), eq. 4; numItems does not rescale the classic form
    expect(maxRelativeError(bpr, classic((g) => -Math.log(1 / (1 + Math.exp(g)))))).toBeLessThan(1e-5);
  });

  it("the 'paper' scale is the classic sum times s / |I| plus (s - 1) / |I| (eq. 18-19)", () => {
    const { labels, scores } = logits(3, 8, 11);
    const numItems = 5000;
    const s = numItems / 10;
    const classic = read(presets.bpr({ scale: 'classic' })(tf.oneHot(labels, 11), tf.tensor2d(scores)));
    const paper = read(presets.bpr({ numItems })(tf.oneHot(labels, 11), tf.tensor2d(scores)));
    expect(maxRelativeError(paper, classic.map((c) => (s * c + s - 1) / numItems))).toBeLessThan(1e-5);
    const exactPaper = read(presets.triplet()(tf.oneHot(labels, 11), tf.tensor2d(scores)));
    const exactClassic = read(presets.triplet({ scale: 'classic' })(tf.oneHot(labels, 11), tf.tensor2d(scores)));
    expect(maxRelativeError(exactPaper, exactClassic.map((c) => c / 11))).toBeLessThan(1e-5);
  });

  it('every configured loss has a scores form equal to its labels form, and a description', () => {
    for (const loss of [presets.softmaxCrossEntropy({ tau: 2 }), presets.triplet(), presets.bpr(), croLossFunction({ alpha: 1.2 }), lambdaCroLossFunction()]) {
      const labels = read(loss(tf.tensor2d([[0, 0, 1]]), tf.tensor2d([[0.3, -0.2, 0.5]])));
      const scores = read(loss.fromScores([0.5], [[0.3, -0.2]]));
      expect(labels[0]).toBeCloseTo(scores[0], 5);
      expect(loss.description.length).toBeGreaterThan(3);
    }
    expect(() => presets.triplet({ scale: 'huge' as never })).toThrow("presets.triplet: argument 'scale' must be 'paper' or 'classic'");
  });
});

describe('drop-in use in a tfjs-layers model', () => {
  function model(): tfl.LayersModel {
    const m = tfl.sequential();
    m.add(tfl.layers.dense({ units: 10, inputShape: [6], kernelInitializer: tfl.initializers.glorotUniform({ seed: 7 }) }));
    return m;
  }
  function data() {
    const x = tf.tensor2d(Array.from(randomNormalArray(4, 64 * 6)), [64, 6]);
    const y = tf.oneHot(tf.argMax(tf.matMul(x, tf.tensor2d(Array.from(randomNormalArray(5, 60)), [6, 10])), 1), 10);
    return { x, y };
  }

  it('a preset trains exactly like tf.losses.softmaxCrossEntropy, and CROLoss losses go down', async () => {
    const { x, y } = data();
    const histories: number[][] = [];
    for (const loss of [tf.losses.softmaxCrossEntropy, presets.softmaxCrossEntropy(), croLossFunction({ alpha: 1.2 }), lambdaCroLossFunction()]) {
      const m = model();
      m.compile({ optimizer: tf.train.adam(0.05), loss: loss as never });
      const h = await m.fit(x, y, { epochs: 8, batchSize: 16, shuffle: false, verbose: 0 });
      histories.push(h.history.loss as number[]);
      m.dispose();
    }
    expect(maxRelativeError(histories[1], histories[0])).toBeLessThan(1e-4);
    for (const h of histories.slice(2)) expect(h[h.length - 1]).toBeLessThan(h[0] * 0.8);
    tf.dispose([x, y]);
  });
});
