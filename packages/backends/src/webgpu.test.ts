/** Tests of the webgpu backend on lavapipe (skipped unless CROLOSS_WEBGPU=1). */
import * as tf from '@tensorflow/tfjs-core';
import { expectNoLeaks, maxRelativeError, randomNormalArray } from '@croloss/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeBackend, selectBackend } from './index';
import { matMulError } from './test-matmul';

// Needs a Vulkan driver for Dawn (a GPU's, or lavapipe: .ci/install-lavapipe.sh). CI sets one of these
// after installing lavapipe; elsewhere the tests are skipped.
const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
const webgpuEnabled = env.CROLOSS_TEST_BACKEND === 'webgpu' || env.CROLOSS_WEBGPU === '1';

describe.skipIf(!webgpuEnabled)('webgpu backend (CROLOSS_WEBGPU=1 or CROLOSS_TEST_BACKEND=webgpu)', () => {
  let startBackend = 'cpu';
  beforeAll(() => {
    startBackend = tf.getBackend();
  });
  afterAll(async () => {
    await tf.setBackend(startBackend);
  });

  it('starts on an adapter named from adapter.info, logs it, and describeBackend repeats it', async () => {
    const lines: string[] = [];
    const selection = await selectBackend('webgpu', { log: (line) => lines.push(line) });
    expect(selection.backend).toBe('webgpu');
    expect(tf.getBackend()).toBe('webgpu');
    expect(selection.adapter).toMatch(/\S/);
    expect(selection.details).toMatch(/tfjs-backend-webgpu, max storage binding \d/);
    expect(lines).toEqual([`@croloss/backends: using webgpu on ${selection.adapter} (${selection.details})`]);
    expect(describeBackend()).toEqual({ backend: 'webgpu', adapter: selection.adapter });
  });

  it('matMul equals the float64 product (small and tiled sizes)', async () => {
    await selectBackend('webgpu', { log: () => {} });
    expect(await matMulError()).toBeLessThan(1e-5);
    expect(await matMulError(128, 256, 64, 3)).toBeLessThan(1e-5);
  });

  it('gradient of sum(softplus(X W)) w.r.t. W equals the float64 formula X^T sigmoid(X W), leaking nothing', async () => {
    await selectBackend('webgpu', { log: () => {} });
    const [m, k, n] = [24, 16, 40];
    const x = Float32Array.from(randomNormalArray(21, m * k));
    const w = Float32Array.from(randomNormalArray(22, k * n, 0, 0.5));
    let got: Float32Array = new Float32Array();
    await expectNoLeaks(async () => {
      const grad = tf.tidy(() => {
        const xt = tf.tensor2d(x, [m, k]);
        return tf.grad((wt: tf.Tensor) => tf.sum(tf.softplus(tf.matMul(xt, wt))))(tf.tensor2d(w, [k, n]));
      });
      got = (await grad.data()) as Float32Array;
      grad.dispose();
    });
    const expected = new Float64Array(k * n);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let z = 0;
        for (let p = 0; p < k; p++) z += x[i * k + p] * w[p * n + j];
        const s = 1 / (1 + Math.exp(-z));
        for (let p = 0; p < k; p++) expected[p * n + j] += x[i * k + p] * s;
      }
    }
    expect(maxRelativeError(got, expected, 1e-2)).toBeLessThan(1e-4);
  });

  it('dataSync of GPU memory in Node fails saying to use await data() (tfjs reads it through OffscreenCanvas)', async () => {
    await selectBackend('webgpu', { log: () => {} });
    const y = tf.sigmoid(tf.tensor1d(Float32Array.from(randomNormalArray(5, 4096))));
    try {
      expect(() => y.dataSync()).toThrow(/webgpu backend in Node: dataSync\(\), arraySync\(\) and bufferSync\(\) cannot read GPU memory.*await tensor\.data\(\)/);
      const values = await y.data();
      expect(values[0]).toBeCloseTo(1 / (1 + Math.exp(-randomNormalArray(5, 1)[0])), 6);
      expect(y.dataSync()).toBe(values); // once read, the data is on the CPU and reads synchronously
    } finally {
      y.dispose();
    }
  });

  it("auto passes over a software adapter (lavapipe) and takes a hardware one", async () => {
    const webgpu = await selectBackend('webgpu', { log: () => {} });
    const auto = await selectBackend('auto', { log: () => {} });
    if (webgpu.details.includes('software adapter')) {
      expect(auto.backend).not.toBe('webgpu');
      expect(auto.details).toContain(`webgpu passed over: software adapter ${webgpu.adapter}`);
    } else {
      expect(auto.backend).toBe('webgpu');
      expect(auto.adapter).toBe(webgpu.adapter);
    }
  });
});
