/** Tests of embeddingLookup. */
import * as tf from '@tensorflow/tfjs-core';
import { expectNoLeaks, maxRelativeError, randomNormalArray } from '@croloss/testing';
import { describe, expect, it } from 'vitest';
import { denseMatMul, embeddingLookup } from './index';

describe('embeddingLookup', () => {
  it('equals tf.gather in value and in its (duplicate-summing) table gradient', () => {
    const table = tf.tensor2d(Array.from(randomNormalArray(1, 7 * 3)), [7, 3]);
    const ids = tf.tensor2d([[1, 1, 0], [6, 1, 3]], undefined, 'int32');
    const weights = tf.tensor3d(Array.from(randomNormalArray(2, 2 * 3 * 3)), [2, 3, 3]);
    const f = (g: (t: tf.Tensor) => tf.Tensor) => (t: tf.Tensor) => tf.sum(tf.mul(g(t), weights));
    const ours = tf.grad(f((t) => embeddingLookup(t as tf.Tensor2D, ids)))(table);
    const theirs = tf.grad(f((t) => tf.gather(t, ids)))(table);
    expect(maxRelativeError(ours.dataSync(), theirs.dataSync(), 1e-6)).toBeLessThan(1e-5);
    expect(Array.from(embeddingLookup(table, ids).dataSync())).toEqual(Array.from(tf.gather(table, ids).dataSync()));
    tf.dispose([table, ids, weights, ours, theirs]);
  });

  it('leaks nothing', async () => {
    const table = tf.variable(tf.ones([4, 2]));
    await expectNoLeaks(() => tf.tidy(() => tf.grad((t: tf.Tensor) => tf.sum(embeddingLookup(t as tf.Tensor2D, tf.tensor1d([0, 3, 3], 'int32'))))(table)));
    table.dispose();
  });
});

describe('denseMatMul', () => {
  it('equals tf.matMul in value and gradients', () => {
    const a = tf.tensor2d(Array.from(randomNormalArray(3, 4 * 5)), [4, 5]);
    const b = tf.tensor2d(Array.from(randomNormalArray(4, 5 * 6)), [5, 6]);
    const w = tf.tensor2d(Array.from(randomNormalArray(5, 4 * 6)), [4, 6]);
    const f = (mm: (x: tf.Tensor2D, y: tf.Tensor2D) => tf.Tensor) => (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(mm(x as tf.Tensor2D, y as tf.Tensor2D), w));
    const ours = tf.grads(f(denseMatMul))([a, b]);
    const theirs = tf.grads(f((x, y) => tf.matMul(x, y)))([a, b]);
    for (let i = 0; i < 2; i++) expect(maxRelativeError(ours[i].dataSync(), theirs[i].dataSync(), 1e-6)).toBeLessThan(1e-5);
    expect(maxRelativeError(denseMatMul(a, b).dataSync(), tf.matMul(a, b).dataSync(), 1e-6)).toBeLessThan(1e-6);
    tf.dispose([a, b, w, ...ours, ...theirs]);
  });
});
