/**
 * W1-W3 composed from the library's public functions (TwoTowerModel, lambdaCroLossFromScores, retrieveTopK)
 * and tfjs functional ops, with the math and shapes of torch/torch_reference.py.
 * Every function takes its shapes, so tests run the same code on tiny ones.
 */
import * as tf from '@tensorflow/tfjs-core';
import { sigmoid, softplus } from '@croloss/kernels';
import { lambdaCroLossFromScores, type LambdaCroLossScoresOptions } from '@croloss/loss';
import { rankScale } from '@croloss/loss/blocks';
import { retrieveTopK, type TopKResult } from '@croloss/metrics';
import { uniformSampler } from '@croloss/sampling';
import { FusedAdamOptimizer, LazyAdamOptimizer, remapRowIds, TwoTowerModel } from '@croloss/two-tower';
import { powerLaw } from '@croloss/weighting';
import { randomIds, randomNormal, randomUnitRows, stream } from './random';
import { exactTopK, maxRelativeError, overlap, w1LossReference, w3GradientReference } from './reference';
import { WORKLOAD_NAMES, type W1Shape, type W2Shape, type W3Shape } from './shapes';
import { round, timeReps, type TimingOptions } from './timing';

/** One workload's timing, its shape fields (named like torch_reference.py's) and its check. */
export interface WorkloadResult {
  workload: string;
  ms_median: number;
  ms_min: number;
  reps: number;
  warmup: number;
  /** Shape fields, as torch_reference.py prints them (items, d, batch, negatives / users, k / ...). */
  shape: Record<string, number>;
  /** W1: the optimizer of the step ('adam' or 'lazy-adam'). */
  optimizer?: W1Optimizer;
  check: { ok: boolean } & Record<string, unknown>;
}

/** Relative error allowed between a float32 tfjs result and its float64 reference. */
export const W1_LOSS_TOLERANCE = 1e-3;
export const W3_GRADIENT_TOLERANCE = 1e-4;
/** W2: top-k overlap with the exact float64 top-k, ties and last-ulp swaps at the boundary aside. */
export const W2_MIN_OVERLAP = 0.99;

/**
 * W1's optimizer: 'adam' (dense, every parameter, as the PyTorch peer: @croloss/two-tower's FusedAdamOptimizer, the
 * math of tf.train.adam in one pass per variable on wasm) or 'lazy-adam' (@croloss/two-tower's LazyAdamOptimizer).
 */
export type W1Optimizer = 'adam' | 'lazy-adam';
export const W1_OPTIMIZERS: readonly W1Optimizer[] = ['adam', 'lazy-adam'];

/**
 * W1, one training step of torch_reference.py's train_step: M fresh uniform negatives (drawn on the CPU with the
 * library's uniformSampler and uploaded, as trainTwoTower does), u = normalize(Dense(mean E[hist])),
 * v = normalize(E[id]), scores tau <u, v>, CROLoss-lambda (phi1 = sigmoid, phi2 = softplus, alpha, sampled scale
 * |I| / M through numItems = |I|, w(R) = R^-alpha: normalize false, as torch), mean, backward, Adam(lr).
 * Each rep reads the step's loss back. Check: the loss on the initial weights against float64.
 * With optimizer 'lazy-adam' the step differentiates with respect to the rows it touches (history, positives,
 * negatives; remapRowIds, per step) and updates only them and their moments (LazyAdamOptimizer): different math
 * from torch's dense Adam, reported as `optimizer` in the line.
 */
export async function runW1(shape: W1Shape, timing: TimingOptions, optimizerName: W1Optimizer = 'adam'): Promise<WorkloadResult> {
  const { items, d, batch, history, negatives, tau, alpha, lr, seed } = shape;
  const rng = stream(seed);
  const histories = randomIds(rng, batch * history, items);
  const positives = randomIds(rng, batch, items);
  const sampler = uniformSampler({ numItems: items, seed: seed + 1 }); // ids 1..items
  const model = new TwoTowerModel({ numItems: items, dim: d, maxHistory: history, tau, seed });
  if (!W1_OPTIMIZERS.includes(optimizerName)) throw new Error(`runW1: optimizer must be one of ${W1_OPTIMIZERS.join(', ')}, got ${JSON.stringify(optimizerName)}`);
  const optimizer = optimizerName === 'lazy-adam' ? new LazyAdamOptimizer({ learningRate: lr }) : new FusedAdamOptimizer(lr);
  const histT = tf.tensor2d(histories, [batch, history], 'int32');
  const posT = tf.tensor1d(positives, 'int32');
  const lossOptions: LambdaCroLossScoresOptions = {
    weightKernel: sigmoid(),
    gradientKernel: softplus(),
    alpha,
    numItems: items,
    normalize: false,
    reduction: 'mean',
  };
  // rows: lazy Adam's gathered rows, with the ids relabelled to index them
  const loss = (negT: tf.Tensor1D, rows?: tf.Tensor2D, hist: tf.Tensor2D = histT, pos: tf.Tensor1D = posT): tf.Scalar => {
    const u = model.userVectors(hist, rows);
    const sPos = tf.mul(tf.sum(tf.mul(u, model.itemVectors(pos, rows)), 1), tau);
    const sNeg = model.score(u, negT, rows); // tau * u V_neg^T, [B, M]
    return lambdaCroLossFromScores(sPos, sNeg, lossOptions) as tf.Scalar; // gaps: tau 1 on tau-scaled scores
  };
  try {
    // Check first, on the initial weights: the library's loss against torch's formula in float64.
    const checkNegatives = sampler.draw(negatives);
    const lossT = tf.tidy(() => loss(tf.tensor1d(checkNegatives, 'int32')));
    const lossTfjs = (await lossT.data())[0];
    lossT.dispose();
    const [table, kernel, bias] = await Promise.all([model.itemEmbeddings.data(), model.userKernels[0].data(), model.userBiases[0].data()]);
    const torchScale = items / negatives;
    const libraryScale = rankScale(items, negatives, null, undefined) as number;
    const normalizer = powerLaw({ alpha, numItems: items, normalize: false }).normalizer;
    const lossF64 = w1LossReference({
      table: table as Float32Array, kernel: kernel as Float32Array, bias: bias as Float32Array, d, histories, history,
      positives, negatives: checkNegatives, tau, alpha, scale: torchScale, normalizer,
    });
    const relErr = Math.abs(lossTfjs - lossF64) / Math.abs(lossF64);

    let lastLoss = NaN;
    const step = async () => {
      const negIds = sampler.draw(negatives);
      const cost = tf.tidy(() => {
        if (optimizer instanceof LazyAdamOptimizer) {
          const { rowIds, remapped: [h, p, n] } = remapRowIds([histories, positives, negIds]);
          const [hT, pT, nT] = [tf.tensor2d(h, [batch, history], 'int32'), tf.tensor1d(p, 'int32'), tf.tensor1d(n, 'int32')];
          const [table, ...dense] = model.variables;
          return optimizer.minimize((rows) => loss(nT, rows, hT, pT), { table, rowIds, dense });
        }
        const negT = tf.tensor1d(negIds, 'int32');
        return optimizer.minimize(() => loss(negT), true, model.variables) as tf.Scalar;
      });
      try {
        lastLoss = (await cost.data())[0];
      } finally {
        cost.dispose();
      }
      if (!Number.isFinite(lastLoss)) throw new Error(`${WORKLOAD_NAMES.W1}: the loss is ${lastLoss}`);
    };
    const t = await timeReps(WORKLOAD_NAMES.W1, step, timing);
    const scaleMatches = Math.abs(libraryScale - torchScale) <= 1e-12 * torchScale;
    return {
      workload: WORKLOAD_NAMES.W1,
      ms_median: t.ms_median,
      ms_min: t.ms_min,
      reps: t.reps,
      warmup: t.warmup,
      shape: { items, d, batch, negatives, history },
      optimizer: optimizerName,
      check: {
        ok: scaleMatches && relErr < W1_LOSS_TOLERANCE && Number.isFinite(lastLoss),
        loss_tfjs: lossTfjs,
        loss_f64: lossF64,
        loss_rel_err: relErr,
        scale_torch: torchScale,
        scale_library: libraryScale,
        scale_matches_torch: scaleMatches,
        loss_after_last_rep: lastLoss,
      },
    };
  } finally {
    tf.dispose([histT, posT]);
    optimizer.dispose();
    model.dispose();
  }
}

/**
 * W2, exact full-corpus retrieval: `users` random unit users [U, d] against `items` random unit items, pre-transposed
 * [d, I], top-k per user through the library's retrieveTopK (chunks of chunkUsers users: scores, tf.topk of k + 1,
 * read back, exact order on the CPU). Each rep ends with the read-back top-k. Check: the first checkUsers users'
 * top-k against an exact float64 top-k of the same float32 data (overlap fraction).
 */
export async function runW2(shape: W2Shape, timing: TimingOptions): Promise<WorkloadResult> {
  const { items, users, d, k, chunkUsers, checkUsers, seed } = shape;
  const rng = stream(seed);
  const itemsTData = randomUnitRows(rng, items, d, true); // [d, I]
  const userData = randomUnitRows(rng, users, d); // [U, d]
  const itemsT = tf.tensor2d(itemsTData, [d, items]);
  const userT = tf.tensor2d(userData, [users, d]);
  try {
    let last: TopKResult | undefined;
    let firstIndex = -1;
    const step = async () => {
      last = await retrieveTopK(userT, itemsT, k, { chunkSize: chunkUsers });
      firstIndex = last.indices[0];
    };
    const t = await timeReps(WORKLOAD_NAMES.W2, step, timing);
    const checked = Math.min(checkUsers, users);
    const overlaps: number[] = [];
    for (let u = 0; u < checked; u++) {
      const exact = exactTopK(userData.subarray(u * d, (u + 1) * d), itemsTData, items, k);
      overlaps.push(overlap(last!.indices.subarray(u * k, (u + 1) * k), exact));
    }
    const minOverlap = Math.min(...overlaps);
    return {
      workload: WORKLOAD_NAMES.W2,
      ms_median: t.ms_median,
      ms_min: t.ms_min,
      reps: t.reps,
      warmup: t.warmup,
      shape: { items, users, k, d, chunk_users: chunkUsers },
      check: {
        ok: minOverlap >= W2_MIN_OVERLAP && firstIndex >= 0,
        users_checked: checked,
        overlap_mean: round(overlaps.reduce((a, b) => a + b, 0) / checked, 6),
        overlap_min: minOverlap,
      },
    };
  } finally {
    tf.dispose([itemsT, userT]);
  }
}

/**
 * W3, the loss alone on a given gap matrix g [batch, K] ~ N(0, 1): L = sum_b SG(w(R1_b)) R2_b with
 * R1 = 1 + sum sigmoid(g), R2 = 1 + sum softplus(g), no sampled scale, w(R) = R^-alpha, forward and backward
 * (tf.grad), through lambdaCroLossFromScores(pos = 0, neg = g, tau 1, numItems omitted, normalize false, sum).
 * Each rep reads one entry of the gradient back. Check: checkRows rows of dL/dg = w(R1) sigmoid(g) in float64.
 */
export async function runW3(shape: W3Shape, timing: TimingOptions): Promise<WorkloadResult> {
  const { batch, negatives, alpha, checkRows, seed } = shape;
  const gData = randomNormal(stream(seed), batch * negatives);
  const g = tf.tensor2d(gData, [batch, negatives]);
  const zeros = tf.zeros([batch]) as tf.Tensor1D;
  const options: LambdaCroLossScoresOptions = {
    weightKernel: sigmoid(),
    gradientKernel: softplus(),
    alpha,
    normalize: false,
    reduction: 'sum',
  };
  const gradient = tf.grad((neg: tf.Tensor) => lambdaCroLossFromScores(zeros, neg, options) as tf.Scalar);
  try {
    const step = async () => {
      // one entry read back (the sync point for asynchronous backends), by a gather: tfjs-backend-wasm's Slice reads
      // its whole input back into JavaScript first (5 ms for this [512, 5,120] gradient), its Gather does not
      const probe = tf.tidy(() => tf.gather(tf.reshape(gradient(g), [batch * negatives]), tf.tensor1d([0], 'int32')));
      try {
        const value = (await probe.data())[0];
        if (!Number.isFinite(value)) throw new Error(`${WORKLOAD_NAMES.W3}: the gradient is ${value}`);
      } finally {
        probe.dispose();
      }
    };
    const t = await timeReps(WORKLOAD_NAMES.W3, step, timing);
    const rows = Array.from({ length: Math.min(checkRows, batch) }, (_, i) => i);
    const head = tf.tidy(() => tf.slice(gradient(g), [0, 0], [rows.length, negatives]));
    const actual = await head.data();
    head.dispose();
    // Z of the weighting the loss builds when numItems is omitted (corpus K + 1); 1 with normalize: false.
    const normalizer = powerLaw({ alpha, numItems: negatives + 1, normalize: false }).normalizer;
    const expected = w3GradientReference(gData, negatives, rows, alpha, normalizer);
    const err = maxRelativeError(actual, expected);
    return {
      workload: WORKLOAD_NAMES.W3,
      ms_median: t.ms_median,
      ms_min: t.ms_min,
      reps: t.reps,
      warmup: t.warmup,
      shape: { batch, negatives },
      check: { ok: err < W3_GRADIENT_TOLERANCE, rows_checked: rows.length, grad_max_rel_err: err },
    };
  } finally {
    tf.dispose([g, zeros]);
  }
}
