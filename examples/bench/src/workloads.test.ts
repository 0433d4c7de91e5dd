/** Tests of bench workloads on tiny shapes. */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { FULL, SMALL, WORKLOAD_NAMES, type W1Shape, type W2Shape, type W3Shape } from './shapes';
import { timeReps } from './timing';
import { runW1, runW2, runW3, type WorkloadResult } from './workloads';

const timing = { reps: 2, warmup: 1 };

/** Runs a workload and checks what every workload promises: finite timings, no tensors left behind. */
async function run(fn: () => Promise<WorkloadResult>): Promise<WorkloadResult> {
  const before = tf.memory().numTensors;
  const result = await fn();
  expect(tf.memory().numTensors).toBe(before);
  expect(Number.isFinite(result.ms_median) && result.ms_median >= 0).toBe(true);
  expect(Number.isFinite(result.ms_min) && result.ms_min <= result.ms_median).toBe(true);
  expect(result.reps).toBe(timing.reps);
  return result;
}

describe('bench workloads on tiny shapes', () => {
  it('W1: a training step runs, its loss matches float64 and the sampled scale is |I| / M', async () => {
    const shape: W1Shape = { ...FULL.W1, items: 400, d: 8, batch: 16, history: 5, negatives: 64 };
    const result = await run(() => runW1(shape, timing));
    expect(result.workload).toBe(WORKLOAD_NAMES.W1);
    expect(result.shape).toMatchObject({ items: 400, d: 8, batch: 16, negatives: 64 });
    expect(result.check.scale_matches_torch).toBe(true);
    expect(result.check.scale_library).toBe(400 / 64);
    expect(result.check.loss_rel_err as number).toBeLessThan(1e-4);
    expect(result.check.ok).toBe(true);
  });

  it('W1 with lazy Adam: the step runs, reports its optimizer, and checks the same initial loss', async () => {
    const shape: W1Shape = { ...FULL.W1, items: 400, d: 8, batch: 16, history: 5, negatives: 64 };
    const lazy = await run(() => runW1(shape, timing, 'lazy-adam'));
    const dense = await run(() => runW1(shape, timing, 'adam'));
    expect([lazy.optimizer, dense.optimizer]).toEqual(['lazy-adam', 'adam']);
    expect(lazy.check.ok).toBe(true);
    expect(lazy.check.loss_tfjs).toBe(dense.check.loss_tfjs); // same initial weights and check negatives
    expect(Number.isFinite(lazy.check.loss_after_last_rep as number)).toBe(true);
    await expect(runW1(shape, timing, 'sgd' as never)).rejects.toThrow('runW1: optimizer must be one of adam, lazy-adam');
  });

  it('W2: chunked top-k equals the exact float64 top-k', async () => {
    const shape: W2Shape = { ...FULL.W2, items: 3000, users: 10, d: 8, k: 50, chunkUsers: 4, checkUsers: 8 };
    const result = await run(() => runW2(shape, timing));
    expect(result.workload).toBe(WORKLOAD_NAMES.W2);
    expect(result.check.users_checked).toBe(8);
    expect(result.check.overlap_min).toBe(1);
    expect(result.check.ok).toBe(true);
  });

  it('W3: the gradient equals w(R1) * sigmoid(g) in float64', async () => {
    const shape: W3Shape = { ...FULL.W3, batch: 6, negatives: 300 };
    const result = await run(() => runW3(shape, timing));
    expect(result.workload).toBe(WORKLOAD_NAMES.W3);
    expect(result.check.grad_max_rel_err as number).toBeLessThan(1e-4);
    expect(result.check.ok).toBe(true);
  });

  it('W3 with alpha != 1 still matches (the weighting constant is right)', async () => {
    const result = await run(() => runW3({ ...FULL.W3, batch: 3, negatives: 200, alpha: 1.7 }, timing));
    expect(result.check.grad_max_rel_err as number).toBeLessThan(1e-4);
  });
});

describe('timeReps', () => {
  it('fails loudly when a rep leaks a tensor', async () => {
    const kept: tf.Tensor[] = [];
    await expect(timeReps('leaky', async () => void kept.push(tf.scalar(1)), { reps: 2, warmup: 1 })).rejects.toThrow(/tensor leak/);
    tf.dispose(kept);
  });
});

describe('shapes', () => {
  it('full scale is torch_reference.py; small divides items and users by 16', () => {
    expect(FULL.W1).toMatchObject({ items: 313_966, d: 32, batch: 256, history: 20, negatives: 2_560, tau: 10, alpha: 1, lr: 0.02 });
    expect(FULL.W2).toMatchObject({ items: 313_966, users: 1_024, d: 32, k: 500 });
    expect(FULL.W3).toMatchObject({ batch: 512, negatives: 5_120 });
    expect(SMALL.W2.users).toBe(64);
    expect(Math.abs(SMALL.W1.items * 16 - FULL.W1.items)).toBeLessThan(16);
  });
});
