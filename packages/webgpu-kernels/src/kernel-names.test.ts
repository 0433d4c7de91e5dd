/** CPU test: the fused kernels' names come from one source, and the packages that call them by name read that source. */
/// <reference types="node" />
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import * as internal from '@croloss/internal';
import { KERNEL_NAMES } from '@croloss/kernels';
import { describe, expect, it } from 'vitest';
import { FUSED_PHI_NAMES, FUSED_ROW_SUMS_GRAD_KERNEL, FUSED_ROW_SUMS_KERNEL, ROW_TOP_K_KERNEL, ROW_TOP_K_MAX_K } from './index';

const source = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('kernel names: one source', () => {
  it('keep their published values (other backends, e.g. wasm kernels, register under them)', () => {
    expect([FUSED_ROW_SUMS_KERNEL, FUSED_ROW_SUMS_GRAD_KERNEL, ROW_TOP_K_KERNEL, ROW_TOP_K_MAX_K]).toEqual(['CrolossFusedRowSums', 'CrolossFusedRowSumsGrad', 'CrolossRowTopK', 1024]);
    expect([internal.FUSED_ROW_SUMS_KERNEL, internal.FUSED_ROW_SUMS_GRAD_KERNEL, internal.ROW_TOP_K_KERNEL]).toEqual([FUSED_ROW_SUMS_KERNEL, FUSED_ROW_SUMS_GRAD_KERNEL, ROW_TOP_K_KERNEL]);
  });

  it('are exactly the Croloss kernels this package registers for webgpu', () => {
    const registered = tf.getKernelsForBackend('webgpu').map((k) => k.kernelName).filter((name) => name.startsWith('Croloss')).sort();
    expect(registered).toEqual([FUSED_ROW_SUMS_KERNEL, FUSED_ROW_SUMS_GRAD_KERNEL, ROW_TOP_K_KERNEL].sort());
  });

  it('loss and metrics dispatch through the shared names, with no string copy of their own', () => {
    for (const file of ['loss/src/fused-rank-statistic.ts', 'metrics/src/fused-top-k.ts']) {
      const text = source(file).replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, ''); // code only, comments may name them
      expect(text, file).toContain("from '@croloss/internal'");
      expect(text.match(/['"`]Croloss[A-Za-z]*['"`]/g), file).toBeNull();
    }
  });

  it('every built-in kernel of @croloss/kernels has a fused program of the same name', () => {
    for (const name of KERNEL_NAMES) expect(FUSED_PHI_NAMES).toContain(name);
  });
});
