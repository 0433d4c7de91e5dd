/**
 * The row top-k kernel without a GPU: the order key, the radix pass count, the sort size, the generated WGSL and
 * the argument checks (the kernel itself is tested on webgpu in row-top-k.webgpu.test.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { registerRowTopKKernel, ROW_TOP_K_KERNEL, rowTopKKernelRegistered, rowTopKOrderKey, unregisterRowTopKKernel } from './index';
import { checkRowTopKArguments, indexPasses, RowGatherProgram, RowTopKIndicesProgram, sortSize } from './row-top-k';

describe('rowTopKOrderKey', () => {
  it('orders floats like <, with -0 = +0, -Infinity lowest of the numbers and NaN below it', () => {
    const sorted = [-Infinity, -3.4028234663852886e38, -1, -1e-45, 0, 1e-45, 1, 3.4028234663852886e38, Infinity];
    for (let i = 1; i < sorted.length; i++) expect(rowTopKOrderKey(sorted[i])).toBeGreaterThan(rowTopKOrderKey(sorted[i - 1]));
    expect(rowTopKOrderKey(-0)).toBe(rowTopKOrderKey(0));
    expect(rowTopKOrderKey(0)).toBe(0x80000000);
    expect(rowTopKOrderKey(-Infinity)).toBe(0x007fffff);
    expect(rowTopKOrderKey(NaN)).toBe(0);
    expect(rowTopKOrderKey(1)).toBe(0xbf800000);
    expect(rowTopKOrderKey(-1)).toBe(0x407fffff);
  });

  it('is monotone on random float32 pairs', () => {
    let seed = 1;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5) * 1e6;
    for (let i = 0; i < 2000; i++) {
      const a = Math.fround(next());
      const b = Math.fround(next());
      expect(Math.sign(rowTopKOrderKey(a) - rowTopKOrderKey(b))).toBe(Math.sign(a - b));
    }
  });
});

describe('row top-k programs', () => {
  it('radix passes over the column index and the bitonic sort size', () => {
    expect([1, 2, 256, 257, 65_536, 65_537, 313_966, 2 ** 24 + 1].map(indexPasses)).toEqual([1, 1, 1, 2, 2, 3, 3, 4]);
    expect([1, 2, 7, 500, 512, 513, 1024].map(sortSize)).toEqual([1, 2, 8, 512, 512, 1024, 1024]);
  });

  it('one 256-wide workgroup per row, a shader per sort size, the output [rows, k]', () => {
    const p = new RowTopKIndicesProgram(1024, 500);
    expect(p.workgroupSize).toEqual([256, 1, 1]);
    expect(p.dispatch).toEqual([1024, 1, 1]);
    expect(p.outputShape).toEqual([1024, 500]);
    expect(p.variableNames).toEqual(['x']);
    expect(p.shaderKey).toBe('croloss_row_top_k_indices_512');
    expect(new RowTopKIndicesProgram(3, 7).shaderKey).toBe('croloss_row_top_k_indices_8');
    const code = p.getUserCode();
    expect(code).toContain('var<workgroup> sortKey : array<u32, 512>;');
    expect(code).toContain('bitcast<u32>(v)');
    expect(code).toContain('setOutputAtIndexI32');
    expect(code).not.toMatch(/\bpass\b/); // a WGSL reserved word
    expect(new RowTopKIndicesProgram(2, 1).getUserCode()).toContain('t < 0u;');
    expect(() => new RowTopKIndicesProgram(2, 1025)).toThrow(/1\.\.1024/);
    const g = new RowGatherProgram(4, 10);
    expect(g.variableNames).toEqual(['x', 'indices']);
    expect(g.outputShape).toEqual([4, 10]);
  });

  it('checks its arguments with clear messages', () => {
    const info = (shape: number[], dtype: 'float32' | 'int32' = 'float32') => ({ dataId: {}, shape, dtype });
    expect(checkRowTopKArguments(info([2, 5]), 5)).toMatchObject({ rows: 2, cols: 5, k: 5 });
    expect(() => checkRowTopKArguments(info([2, 5]), 6)).toThrow('CrolossRowTopK: k = 6 is larger than the row length N = 5');
    expect(() => checkRowTopKArguments(info([2, 5000]), 1025)).toThrow(/larger than 1024/);
    expect(() => checkRowTopKArguments(info([2, 5]), 1.5)).toThrow(/integer >= 1/);
    expect(() => checkRowTopKArguments(info([2, 5], 'int32'), 1)).toThrow(/float32/);
    expect(() => checkRowTopKArguments(info([5]), 1)).toThrow(/\[rows, N\]/);
    expect(() => checkRowTopKArguments(undefined, 1)).toThrow(/missing/);
  });

  it('registers for webgpu only, idempotently; unregister and register again', () => {
    expect(rowTopKKernelRegistered()).toBe(true);
    expect(registerRowTopKKernel()).toEqual([]);
    expect(tf.getKernel(ROW_TOP_K_KERNEL, 'cpu')).toBeUndefined();
    expect(unregisterRowTopKKernel()).toEqual([ROW_TOP_K_KERNEL]);
    expect(rowTopKKernelRegistered()).toBe(false);
    expect(unregisterRowTopKKernel()).toEqual([]);
    expect(registerRowTopKKernel()).toEqual([ROW_TOP_K_KERNEL]);
  });
});
