/** castToFloat32: values, shapes and dtype of the cast, and a float32 input returned as is (no @croloss/testing: it depends on this package). */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { castToFloat32 } from './cast-to-float32';

describe('castToFloat32', () => {
  it('turns bool and int32 tensors into float32 with the same values and shape', async () => {
    const before = tf.memory().numTensors;
    {
      const mask = tf.tensor2d([[true, false], [false, true]] as unknown as number[][], undefined, 'bool');
      const ids = tf.tensor1d([0, -3, 7], 'int32');
      const maskF = castToFloat32(mask);
      const idsF = castToFloat32(ids);
      expect(maskF.dtype).toBe('float32');
      expect(maskF.shape).toEqual([2, 2]);
      expect(Array.from(await maskF.data())).toEqual([1, 0, 0, 1]);
      expect(idsF.dtype).toBe('float32');
      expect(Array.from(await idsF.data())).toEqual([0, -3, 7]);
      tf.dispose([mask, ids, maskF, idsF]);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('returns a float32 tensor itself', () => {
    const x = tf.tensor1d([1.5, 2]);
    expect(castToFloat32(x)).toBe(x);
    x.dispose();
  });
});
