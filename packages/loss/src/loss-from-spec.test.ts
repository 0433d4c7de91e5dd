/** lossFromSpec: each key builds the loss it names (float64 references, tfjs's softmax cross-entropy), and bad specs throw. */
import * as tf from '@tensorflow/tfjs-core';
import { expectThrowNoLeak, maxRelativeError, randomNormalArray } from '@croloss/testing';
import { describe, expect, it } from 'vitest';
import { LOSS_KEYS, lossFromSpec, presets } from './index';
import { croLossRef, lambdaLossRef, type RefCase } from './reference.test-helpers';

const B = 6;
const K = 9;
const flat = randomNormalArray(41, B * (K + 1), 0, 2);
const pos = Array.from(flat.subarray(0, B));
const neg = Array.from({ length: B }, (_, b) => Array.from(flat.subarray(B + b * K, B + (b + 1) * K)));

function scores(spec: Parameters<typeof lossFromSpec>[0]): number[] {
  const before = tf.memory().numTensors;
  const out = tf.tidy(() => Array.from(lossFromSpec(spec).fromScores(tf.tensor1d(pos), tf.tensor2d(neg)).dataSync()));
  expect(tf.memory().numTensors).toBe(before);
  return out;
}

describe('lossFromSpec', () => {
  it('croloss: W_alpha(R_phi) of the named kernel and alpha, sampled over numItems (float64 reference)', () => {
    const c: RefCase = { pos, neg, alpha: 0.8, numItems: 500 };
    for (const kernel of ['sigmoid', 'softplus', 'exponential', 'hinge'] as const) {
      expect(maxRelativeError(scores({ loss: 'croloss', kernel, alpha: 0.8, numItems: 500 }), croLossRef(c, kernel), 1e-6), kernel).toBeLessThan(3e-5);
    }
    // the defaults: softplus, alpha 1
    expect(maxRelativeError(scores({ loss: 'croloss', numItems: 500 }), croLossRef({ ...c, alpha: 1 }, 'softplus'), 1e-6)).toBeLessThan(3e-5);
  });

  it('lambda: SG(w(R_phi1)) R_phi2 of the named kernels (float64 reference); defaults sigmoid / softplus', () => {
    const c: RefCase = { pos, neg, alpha: 1.2, numItems: 500 };
    expect(maxRelativeError(scores({ loss: 'lambda', weightKernel: 'unit-step', gradientKernel: 'hinge', alpha: 1.2, numItems: 500 }), lambdaLossRef(c, 'unit-step', 'hinge'), 1e-6)).toBeLessThan(3e-5);
    expect(maxRelativeError(scores({ loss: 'lambda', alpha: 1.2, numItems: 500 }), lambdaLossRef(c, 'sigmoid', 'softplus'), 1e-6)).toBeLessThan(3e-5);
  });

  it('softmax equals tf.losses.softmaxCrossEntropy per example (labels form); bpr and triplet are the presets', () => {
    const labels = [0, 3, 1, 2, 9, 4];
    const logits = neg.map((row, b) => [pos[b], ...row]);
    const [ours, theirs] = tf.tidy(() => {
      const yTrue = tf.oneHot(labels, K + 1);
      const yPred = tf.tensor2d(logits);
      return [lossFromSpec({ loss: 'softmax' })(yTrue, yPred).dataSync(), tf.losses.softmaxCrossEntropy(yTrue, yPred, undefined, 0, tf.Reduction.NONE).dataSync()];
    });
    expect(maxRelativeError(ours, theirs)).toBeLessThan(1e-5);
    const preset = (loss: ReturnType<typeof lossFromSpec>) => tf.tidy(() => Array.from(loss.fromScores(tf.tensor1d(pos), tf.tensor2d(neg)).dataSync()));
    expect(scores({ loss: 'bpr', numItems: 500 })).toEqual(preset(presets.bpr({ numItems: 500 })));
    expect(scores({ loss: 'triplet', margin: 0.25, numItems: 500 })).toEqual(preset(presets.triplet({ margin: 0.25, numItems: 500 })));
    expect(lossFromSpec({ loss: 'triplet' }).description).toBe('triplet(paper)');
  });

  it('every key builds a loss; descriptions name the configuration', () => {
    expect(LOSS_KEYS.map((loss) => lossFromSpec({ loss }).description)).toEqual([
      'softmax-cross-entropy', 'croloss(softplus, alpha=1)', 'croloss-lambda(sigmoid/softplus, alpha=1)', 'bpr(paper)', 'triplet(paper)',
    ]);
  });

  it('bad specs name the field, the expected and the actual value', () => {
    expectThrowNoLeak(() => lossFromSpec(null as never), "lossFromSpec: argument 'spec' must be an object { loss, ... }, got null");
    expectThrowNoLeak(() => lossFromSpec({ loss: 'listnet' as never }), 'lossFromSpec: argument \'spec.loss\' must be one of softmax, croloss, lambda, bpr, triplet, got "listnet"');
    expectThrowNoLeak(() => lossFromSpec({ loss: 'croloss', kernel: 'tanh' as never }), 'lossFromSpec: argument \'spec.kernel\' must be one of unit-step, sigmoid, softplus, exponential, hinge, got "tanh"');
    expectThrowNoLeak(() => lossFromSpec({ loss: 'lambda', gradientKernel: 'unit-step' }), "lambdaCroLossFunction: argument 'gradientKernel' must be a differentiable kernel (the unit step has no gradient), got \"unit-step\"");
    expectThrowNoLeak(() => lossFromSpec({ loss: 'croloss', alpha: -1 }), "croLossFunction: argument 'alpha' must be a finite number >= 0, got -1");
  });
});
