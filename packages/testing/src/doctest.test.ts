/** Doctests of @croloss/internal and @croloss/testing, and the doctest runner itself: it checks values and fails on a wrong one. */
import * as tf from '@tensorflow/tfjs-core';
import * as internal from '@croloss/internal';
import { describe, expect, it } from 'vitest';
import * as testing from './index';
import { exampleFiles, runExample } from './index';

describe('runExample', () => {
  it('checks `expr; // value` lines (tensors by their values) and names a wrong one', async () => {
    expect(await runExample({ line: 1, code: 'const x = 1 + 1;\nx * 3; // 6\ntf.add(tf.tensor1d([1, 2]), 1); // [2, 3]' }, { tf })).toBe(2);
    await expect(runExample({ line: 7, code: 'Math.sqrt(16); // 5' }, {})).rejects.toThrow('example at line 7: `Math.sqrt(16); // 5` gave 4, the comment says 5');
    await expect(runExample({ line: 1, code: 'undefinedName(1);' }, {})).rejects.toThrow('undefinedName is not defined');
    await expect(runExample({ line: 3, code: 'Math.sqrt(4); // throws' }, {})).rejects.toThrow('example at line 3: `Math.sqrt(4); // throws` did not throw');
    expect(await runExample({ line: 1, code: 'JSON.parse("{"); // throws' }, {})).toBe(0);
  });
});

for (const [name, dir, scope] of [
  ['@croloss/internal', new URL('../../internal/src/', import.meta.url), { tf, ...internal }],
  ['@croloss/testing', new URL('./', import.meta.url), { tf, ...testing }],
] as const) {
  describe(`${name} doctests`, () => {
    for (const { file, blocks } of exampleFiles(dir)) {
      it(`${file}: ${blocks.length} example(s)`, async () => {
        const before = tf.memory().numTensors;
        for (const block of blocks) await runExample(block, scope);
        expect(tf.memory().numTensors).toBe(before);
      });
    }
  });
}
