/// <reference types="node" />
import { readFileSync } from 'node:fs';
import * as core from '@tensorflow/tfjs-core';
import * as layers from '@tensorflow/tfjs-layers';
import * as kernels from '@croloss/kernels';
import { describe, expect, it } from 'vitest';
import * as loss from './index';

/** The drop-in block of the root README, with its import lines removed (the test provides those names). */
function readmeSnippet(): string {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const block = readme.split('<!-- drop-in:start')[1]?.split('<!-- drop-in:end')[0];
  if (!block) throw new Error('README.md has no drop-in block');
  const code = block.split('```ts')[1].split('```')[0];
  return code.split('\n').filter((line: string) => !line.startsWith('import ')).join('\n');
}

describe('the README drop-in snippet', () => {
  it('runs as written and trains a tfjs-layers model with the CROLoss losses', async () => {
    const tf = { ...core, ...layers, losses: core.losses, layers: layers.layers };
    const names = ['tf', ...Object.keys(loss), ...Object.keys(kernels)];
    const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...values: unknown[]) => Promise<unknown>;
    const run = new AsyncFunction(...names, `${readmeSnippet()}\nreturn model;`);
    const model = (await run(tf, ...Object.values(loss), ...Object.values(kernels))) as layers.LayersModel;
    expect(model.loss).toBeTypeOf('function');
    expect((model.loss as { description?: string }).description).toBe('croloss-lambda(sigmoid/softplus, alpha=1)');
    model.dispose();
  });
});
