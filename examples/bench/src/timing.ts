/** Timed repetitions of a workload (the reference's timeit), with warm-up. */
import * as tf from '@tensorflow/tfjs-core';

export interface TimingOptions {
  /** Timed repetitions (>= 1). */
  reps: number;
  /** Untimed runs first (>= 0): compile shaders, create Adam's slots, warm caches. */
  warmup: number;
}

export interface Timing {
  ms_median: number;
  ms_min: number;
  reps: number;
  warmup: number;
  /** Every timed repetition, in order (ms). */
  times: number[];
}

/**
 * Times `rep` like torch_reference.py's timeit: `warmup` untimed runs, then `reps` timed ones; median and
 * min. Each run must end with an awaited read-back of a small result (the GPU queue is asynchronous, so
 * only a read proves the work is done). tf.memory().numTensors is taken after the first run and must stay
 * the same after every later one: a growing count throws (a leak would make later reps slower and
 * eventually exhaust device memory).
 */
export async function timeReps(name: string, rep: () => Promise<void>, options: TimingOptions): Promise<Timing> {
  const { reps, warmup } = options;
  if (!Number.isInteger(reps) || reps < 1) throw new Error(`${name}: reps must be an integer >= 1, got ${reps}`);
  if (!Number.isInteger(warmup) || warmup < 0) throw new Error(`${name}: warmup must be an integer >= 0, got ${warmup}`);
  let baseline: number | undefined;
  const checkLeak = (label: string) => {
    const count = tf.memory().numTensors;
    if (baseline === undefined) baseline = count;
    else if (count !== baseline) {
      throw new Error(`${name}: tensor leak: tf.memory().numTensors went from ${baseline} to ${count} after ${label}`);
    }
  };
  for (let i = 0; i < warmup; i++) {
    await rep();
    checkLeak(`warm-up run ${i + 1}`);
  }
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const started = performance.now();
    await rep();
    times.push(performance.now() - started);
    checkLeak(`timed rep ${i + 1}`);
  }
  return { ms_median: round(median(times)), ms_min: round(Math.min(...times)), reps, warmup, times };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** 4 decimals, like torch_reference.py. */
export function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
