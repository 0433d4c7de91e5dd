/** Tests of selectBackend. */
import * as tf from '@tensorflow/tfjs-core';
import { expectNoLeaks } from '@croloss/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKEND_NAMES, describeBackend, selectBackend } from './index';
import { matMulError } from './test-matmul';

const quiet = { log: () => {} };

// node:module through a variable: the package's tsconfig has no Node types (its sources must stay browser-safe)
const nodeModule = 'node:module';
const { createRequire } = (await import(nodeModule)) as { createRequire(from: string): { resolve(id: string): string } };

function installed(name: string): boolean {
  try {
    createRequire(import.meta.url).resolve(name);
    return true;
  } catch {
    return false;
  }
}
const tfjsNodeInstalled = installed('@tensorflow/tfjs-node') || installed('@tensorflow/tfjs-node-gpu');

describe('selectBackend', () => {
  let startBackend = 'cpu';
  beforeAll(() => {
    startBackend = tf.getBackend();
  });
  afterAll(async () => {
    await tf.setBackend(startBackend);
  });

  it('cpu: starts, logs one line, and matMul equals the float64 product', async () => {
    const lines: string[] = [];
    const selection = await selectBackend('cpu', { log: (line) => lines.push(line) });
    expect(selection).toEqual({ backend: 'cpu', details: expect.stringMatching(/^tfjs-backend-cpu 4\.22\.0/) });
    expect(tf.getBackend()).toBe('cpu');
    expect(lines).toEqual([expect.stringMatching(/^@croloss\/backends: using cpu \(tfjs-backend-cpu/)]);
    expect(describeBackend()).toEqual({ backend: 'cpu' });
    expect(await matMulError()).toBeLessThan(1e-5);
  });

  it('wasm: starts in Node with SIMD from the installed .wasm files, and matMul equals the float64 product', async () => {
    const selection = await selectBackend('wasm', quiet);
    expect(selection.backend).toBe('wasm');
    expect(selection.adapter).toBeUndefined();
    expect(selection.details).toMatch(/^tfjs-backend-wasm 4\.22\.0, SIMD on, single thread$/);
    expect(tf.getBackend()).toBe('wasm');
    expect(describeBackend()).toEqual({ backend: 'wasm' });
    expect(await matMulError()).toBeLessThan(1e-5);
    expect(await matMulError(128, 256, 64, 3)).toBeLessThan(1e-5);
  });

  it('switching backends back and forth leaks no tensors and keeps computing', async () => {
    await expectNoLeaks(async () => {
      for (const name of ['wasm', 'cpu', 'wasm'] as const) {
        await selectBackend(name, quiet);
        expect(await matMulError(5, 7, 3)).toBeLessThan(1e-5);
      }
    });
  });

  it.skipIf(tfjsNodeInstalled)("tensorflow without tfjs-node throws how to install it, with the load error, and keeps the backend", async () => {
    await selectBackend('cpu', quiet);
    const failure = selectBackend('tensorflow', quiet);
    await expect(failure).rejects.toThrow(/npm install @tensorflow\/tfjs-node-gpu@4\.22\.0/);
    await expect(failure).rejects.toThrow(/CUDA 11\.x and cuDNN 8/);
    await expect(failure).rejects.toThrow(/npm install @tensorflow\/tfjs-node@4\.22\.0/);
    await expect(failure).rejects.toThrow(/@tensorflow\/tfjs-node-gpu: (Cannot find (package|module)|Could not resolve) .@tensorflow\/tfjs-node-gpu/);
    expect(tf.getBackend()).toBe('cpu');
  });

  it.runIf(tfjsNodeInstalled)('tensorflow with tfjs-node installed starts and computes', async () => {
    const selection = await selectBackend('tensorflow', quiet);
    expect(selection.backend).toBe('tensorflow');
    expect(await matMulError()).toBeLessThan(1e-5);
  });

  it('webgpu without an adapter throws (lavapipe hint) instead of falling back, and keeps the backend', async () => {
    await selectBackend('cpu', quiet);
    const g = globalThis as { navigator?: { gpu?: unknown } };
    const hadNavigator = 'navigator' in globalThis;
    const saved = hadNavigator ? Object.getOwnPropertyDescriptor(g.navigator, 'gpu') : undefined;
    if (!hadNavigator) g.navigator = {};
    Object.defineProperty(g.navigator, 'gpu', { value: { requestAdapter: async () => null }, configurable: true, writable: true });
    try {
      await expect(selectBackend('webgpu', quiet)).rejects.toThrow(/selectBackend: 'webgpu' has no adapter: .*lavapipe/);
    } finally {
      if (saved) Object.defineProperty(g.navigator, 'gpu', saved);
      else if (hadNavigator) delete g.navigator!.gpu;
      else delete g.navigator;
    }
    expect(tf.getBackend()).toBe('cpu');
  });

  it('auto starts the first backend that works and says what it tried', async () => {
    const lines: string[] = [];
    const selection = await selectBackend('auto', { log: (line) => lines.push(line) });
    expect(BACKEND_NAMES).toContain(selection.backend);
    expect(tf.getBackend()).toBe(selection.backend);
    expect(selection.details).toMatch(/^auto: webgpu (ok|passed over|failed)/);
    if (selection.backend !== 'webgpu') expect(selection.details).toMatch(/; tensorflow (ok|failed: )/);
    if (selection.backend === 'wasm' || selection.backend === 'cpu') expect(selection.details).toMatch(/tensorflow failed: .*tfjs-node/);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`using ${selection.backend}`);
    expect(await matMulError()).toBeLessThan(1e-5);
  });

  it("an unknown name throws naming the argument 'name'", async () => {
    await expect(selectBackend('gpu' as 'cpu')).rejects.toThrow(
      `selectBackend: argument 'name' must be one of 'auto', 'webgpu', 'tensorflow', 'wasm', 'cpu', got "gpu"`,
    );
  });

  it("a log that is not a function throws naming 'options.log'", async () => {
    await expect(selectBackend('cpu', { log: 'stderr' as unknown as () => void })).rejects.toThrow(
      `selectBackend: argument 'options.log' must be a function (line: string) => void, got "stderr"`,
    );
  });

  it("an empty wasmPaths throws naming 'options.wasmPaths'", async () => {
    await expect(selectBackend('wasm', { wasmPaths: '' })).rejects.toThrow(
      `selectBackend: argument 'options.wasmPaths' must be a non-empty folder prefix or URL ending in /, got ""`,
    );
  });
});
