/** Tests of the webgpu-kernels registration, the generated programs and browser safety (no GPU needed). */
import * as tf from '@tensorflow/tfjs-core';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import {
  FUSED_PHI_NAMES,
  FUSED_ROW_SUMS_GRAD_KERNEL,
  FUSED_ROW_SUMS_KERNEL,
  fusedRankKernelsRegistered,
  isFusedPhiName,
  registerFusedRankKernels,
  unregisterFusedRankKernels,
} from './index';
import { dispatchFor, FusedRowSumsGradProgram, FusedRowSumsProgram } from './programs';

// Runs on any backend (no GPU needed): registration, the generated WGSL, the dispatch, browser safety.
describe('registration', () => {
  it('importing the package registers both kernels for webgpu, idempotently; unregister and register again', () => {
    expect(fusedRankKernelsRegistered()).toBe(true);
    expect(registerFusedRankKernels()).toEqual([]);
    expect(unregisterFusedRankKernels()).toEqual([FUSED_ROW_SUMS_KERNEL, FUSED_ROW_SUMS_GRAD_KERNEL]);
    expect(fusedRankKernelsRegistered()).toBe(false);
    expect(tf.getKernel(FUSED_ROW_SUMS_KERNEL, 'webgpu')).toBeUndefined();
    expect(unregisterFusedRankKernels()).toEqual([]);
    expect(registerFusedRankKernels()).toEqual([FUSED_ROW_SUMS_KERNEL, FUSED_ROW_SUMS_GRAD_KERNEL]);
    expect(fusedRankKernelsRegistered()).toBe(true);
  });

  it('registers nothing for the other backends', () => {
    expect(tf.getKernel(FUSED_ROW_SUMS_KERNEL, 'cpu')).toBeUndefined();
  });

  it('isFusedPhiName', () => {
    for (const name of FUSED_PHI_NAMES) expect(isFusedPhiName(name)).toBe(true);
    expect(isFusedPhiName('tanh')).toBe(false);
    expect(isFusedPhiName(3)).toBe(false);
  });
});

describe('programs', () => {
  it('one workgroup per row (64 or 256 wide), dispatch folded into y past 65,535 workgroups', () => {
    expect(new FusedRowSumsProgram(512, 5120, ['sigmoid', 'softplus'], false, false).workgroupSize).toEqual([256, 1, 1]);
    expect(new FusedRowSumsProgram(3, 7, ['sigmoid'], true, true).workgroupSize).toEqual([64, 1, 1]);
    expect(new FusedRowSumsProgram(512, 7, ['sigmoid'], true, true).dispatch).toEqual([512, 1, 1]);
    expect(dispatchFor(65535)).toEqual([65535, 1, 1]);
    const [x, y, z] = dispatchFor(100_000);
    expect(x <= 65535 && y <= 65535 && z === 1 && x * y >= 100_000).toBe(true);
    expect(new FusedRowSumsGradProgram(512, 5120, 'softplus', false, false).dispatch).toEqual([40960, 1, 1]);
  });

  it('binds only what it reads, with a distinct shader key per variant', () => {
    const a = new FusedRowSumsProgram(4, 8, ['log-exponential'], true, false);
    expect(a.variableNames).toEqual(['gaps', 'keep']);
    expect(a.getUserCode()).toContain('exp(g - shift)');
    const b = new FusedRowSumsProgram(4, 8, ['unit-step', 'hinge'], false, true);
    expect(b.variableNames).toEqual(['gaps', 'rowScale']);
    expect(b.getUserCode()).toContain('uniforms.margin1');
    expect(a.shaderKey).not.toBe(b.shaderKey);
    const g = new FusedRowSumsGradProgram(4, 8, 'log-exponential', true, true);
    expect(g.variableNames).toEqual(['gaps', 'keep', 'upstream', 'stats']);
    const h = new FusedRowSumsGradProgram(4, 8, 'hinge', false, true);
    expect(h.variableNames).toEqual(['gaps', 'rowScale', 'upstream']);
    expect(() => new FusedRowSumsProgram(4, 8, [], false, false)).toThrow(/1 or 2 kernels/);
  });
});

describe('browser safety', () => {
  it('bundles for the browser importing only @tensorflow/tfjs-core', async () => {
    const result = await build({
      entryPoints: [decodeURIComponent(new URL('./index.ts', import.meta.url).pathname)],
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'esm',
      external: ['@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-webgpu'],
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    const code = result.outputFiles[0].text;
    const imports = [...new Set([...code.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]))];
    expect(imports).toEqual(['@tensorflow/tfjs-core']);
    expect(code).not.toMatch(/\brequire\(|import\(/);
  });
});
