/** Tests of comparisonTable. */
import { describe, expect, it } from 'vitest';
import { comparisonTable, parseJsonLines } from './comparison';
import { WORKLOAD_NAMES } from './shapes';

describe('comparisonTable', () => {
  it('merges torch and tfjs JSON lines into the docs/performance.md table', () => {
    const torch = parseJsonLines(
      [
        `{"workload": "${WORKLOAD_NAMES.W1}", "ms_median": 2.0, "ms_min": 1.9, "reps": 50}`,
        'some log line',
        `{"workload": "${WORKLOAD_NAMES.W3}", "ms_median": 0.5, "ms_min": 0.4, "reps": 50}`,
      ].join('\n'),
    );
    const tfjs = parseJsonLines(
      [
        JSON.stringify({ workload: WORKLOAD_NAMES.W1, backend: 'webgpu', adapter: 'nvidia / hopper', ms_median: 3 }),
        JSON.stringify({ workload: WORKLOAD_NAMES.W2, backend: 'webgpu', error: 'boom' }),
        JSON.stringify({ workload: WORKLOAD_NAMES.W3, backend: 'webgpu', ms_median: 1 }),
      ].join('\n'),
    );
    const table = comparisonTable(torch, tfjs).split('\n');
    expect(table[0]).toBe('| workload | tfjs webgpu ms (median) | PyTorch ms (median) | ratio tfjs / PyTorch | target |');
    expect(table[2]).toBe(`| W1 ${WORKLOAD_NAMES.W1} | 3.00 | 2.00 | 1.50x | ≤2x (met) |`);
    expect(table[3]).toBe(`| W2 ${WORKLOAD_NAMES.W2} | n/a | n/a | n/a | ≤2x |`);
    expect(table[4]).toBe(`| W3 ${WORKLOAD_NAMES.W3} | 1.00 | 0.50 | 2.00x | ≤1x (not met) |`);
    expect(table.at(-1)).toBe('tfjs adapter: nvidia / hopper');
  });
});
