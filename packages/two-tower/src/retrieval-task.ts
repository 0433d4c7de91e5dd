// The retrieval task: scores of a batch's queries against its candidates and shared sampled negatives, through any CROLoss-family loss.
import * as tf from '@tensorflow/tfjs-core';
import { argumentError } from '@croloss/internal';
import { batchFrequency, checkIds, checkProbabilities, negativeLogWeights } from './negative-weights';
import type { ScoresLoss } from './train';

/** A loss with importance-weighted negatives (e.g. `weightedCroLoss(...)` of @croloss/loss). */
export interface WeightedLoss {
  fromWeightedScores(
    positiveScores: tf.Tensor,
    negativeScores: tf.Tensor,
    weights: { logWeights: tf.Tensor; mask?: tf.Tensor; leading?: number | tf.Tensor },
  ): tf.Tensor;
  readonly description?: string;
}

/** Options of {@link retrievalTask}. */
export interface RetrievalTaskOptions {
  /**
   * Any @croloss/loss loss or preset (`fromScores`), or a weighted one (`fromWeightedScores`, e.g. weightedCroLoss).
   * With negative probabilities, a weighted loss gets log w_j as weights; a plain loss gets them as the logit shift
   * s_j + log w_j (TFRS's log-q correction), which equals the importance weight exactly for exponential-kernel losses
   * (softmax) whose own tau is 1, and is the usual heuristic for other kernels.
   */
  loss: ScoresLoss | WeightedLoss;
  /** tau multiplying every dot product <query, candidate>. Default 1 (e.g. 10 with unit-norm towers, as in the paper). */
  tau?: number;
  /** Use the other rows' candidates as negatives. Default true. */
  inBatchNegatives?: boolean;
  /** Mask negatives whose id equals the row's positive id (accidental hits). Default true. */
  removeAccidentalHits?: boolean;
}

/** One batch for {@link RetrievalTask.call}. */
export interface RetrievalTaskInputs {
  /** [B, d] query tower output. */
  queryEmbeddings: tf.Tensor2D;
  /** [B, d] candidate tower output of each row's positive. */
  candidateEmbeddings: tf.Tensor2D;
  /** [B] integer id of each row's positive candidate (accidental hits are found by id). */
  candidateIds: ArrayLike<number>;
  /** Shared sampled negatives: embeddings [M, d] (through the candidate tower), ids [M], q_s per draw [M]. */
  sampled?: { embeddings: tf.Tensor2D; ids: ArrayLike<number>; probabilities?: ArrayLike<number> };
  /**
   * q_in(id), the probability that one in-batch draw (another row's positive) is `id`: a global frequency estimate
   * (e.g. a streaming count of training positives). Default: the batch frequency, count in this batch / B.
   */
  inBatchProbability?: (id: number) => number;
  /** q_s(id) of the sampler, needed to weight in-batch columns when negatives are mixed (e.g. sampler.probability). */
  sampledProbability?: (id: number) => number;
}

/** What {@link RetrievalTask.call} returns (a type, not an interface, so it is a tf.TensorContainer for tf.tidy). */
export type RetrievalTaskOutput = {
  /** The mean loss over the batch (a scalar: return it from optimizer.minimize). */
  loss: tf.Scalar;
  /** [B] per-example losses. */
  perExample: tf.Tensor1D;
};

/** A configured retrieval task. */
export interface RetrievalTask {
  call(inputs: RetrievalTaskInputs): RetrievalTaskOutput;
  readonly options: Readonly<Required<Omit<RetrievalTaskOptions, 'loss'>>> & { loss: ScoresLoss | WeightedLoss };
}

/**
 * A retrieval task in the manner of TFRS's `tfrs.tasks.Retrieval`, for any CROLoss-family loss. Per batch:
 *
 *   positive_b   = tau <q_b, c_b>
 *   negatives_bj = tau <q_b, n_j>,  n = [c_1..c_B (in-batch), s_1..s_M (sampled)],  mask_bj = 0 for j = b and for id(n_j) = id(c_b)
 *
 * With probabilities of the negatives, each column gets the importance weight w_j of `negativeLogWeights`
 * (in-batch: 1 / ((B - 1) q_in), sampled: 1 / (M q_s), mixed: 1 / ((B - 1) q_in + M q_s)), so that the loss's rank
 * statistic c + sum_j w_j phi(g_j) estimates the full-corpus one without bias (see croLossFromWeightedScores; c = 1).
 * Without sampled probabilities and with in-batch negatives only, in-batch columns are weighted by the batch
 * frequency estimate. Returns the mean loss (for optimizer.minimize) and the per-example losses.
 *
 * @example
 * ```ts
 * const task = retrievalTask({ loss: weightedCroLoss({ kernel: softplus(), alpha: 1, numItems: 12101 }), tau: 10 });
 * optimizer.minimize(() => task.call({ queryEmbeddings: q, candidateEmbeddings: c, candidateIds: ids }).loss, true, vars);
 * ```
 */
export function retrievalTask(options: RetrievalTaskOptions): RetrievalTask {
  const fn = 'retrievalTask';
  if (options === null || typeof options !== 'object') throw argumentError(fn, 'options', 'an object { loss, ... }', options);
  const { loss, tau = 1, inBatchNegatives = true, removeAccidentalHits = true } = options;
  const weighted = !!loss && typeof (loss as WeightedLoss).fromWeightedScores === 'function';
  if (!loss || (!weighted && typeof (loss as ScoresLoss).fromScores !== 'function')) {
    throw argumentError(fn, 'loss', 'a loss with fromScores or fromWeightedScores (any @croloss/loss loss, preset or weightedCroLoss)', loss);
  }
  if (typeof tau !== 'number' || !Number.isFinite(tau) || tau <= 0) throw argumentError(fn, 'tau', 'a finite number > 0', tau);
  if (typeof inBatchNegatives !== 'boolean') throw argumentError(fn, 'inBatchNegatives', 'true or false', inBatchNegatives);
  if (typeof removeAccidentalHits !== 'boolean') throw argumentError(fn, 'removeAccidentalHits', 'true or false', removeAccidentalHits);
  const resolved = Object.freeze({ loss, tau, inBatchNegatives, removeAccidentalHits });

  const call = (inputs: RetrievalTaskInputs): RetrievalTaskOutput => {
    const name = 'retrievalTask.call';
    if (inputs === null || typeof inputs !== 'object') throw argumentError(name, 'inputs', 'an object { queryEmbeddings, candidateEmbeddings, candidateIds, sampled? }', inputs);
    const query = checkMatrix(name, 'queryEmbeddings', inputs.queryEmbeddings);
    const candidates = checkMatrix(name, 'candidateEmbeddings', inputs.candidateEmbeddings);
    const [batch, dim] = query.shape;
    if (candidates.shape[1] !== dim) {
      throw argumentError(name, 'candidateEmbeddings', `shape [${batch}, ${dim}] (the query tower's output width d = ${dim}; the towers' output dims differ)`, `shape [${candidates.shape}]`);
    }
    if (candidates.shape[0] !== batch) throw argumentError(name, 'candidateEmbeddings', `shape [${batch}, ${dim}] (one positive per query row)`, `shape [${candidates.shape}]`);
    const ids = checkIds(name, 'candidateIds', inputs.candidateIds, batch);
    const sampled = inputs.sampled;
    let sampledIds: Int32Array | null = null;
    let sampledQ: Float64Array | null = null;
    if (sampled !== undefined) {
      if (sampled === null || typeof sampled !== 'object') throw argumentError(name, 'sampled', 'an object { embeddings, ids, probabilities? }', sampled);
      const s = checkMatrix(name, 'sampled.embeddings', sampled.embeddings);
      if (s.shape[1] !== dim) throw argumentError(name, 'sampled.embeddings', `shape [M, ${dim}] (the query tower's output width)`, `shape [${s.shape}]`);
      sampledIds = checkIds(name, 'sampled.ids', sampled.ids, s.shape[0]);
      if (sampled.probabilities !== undefined) sampledQ = checkProbabilities(name, 'sampled.probabilities', sampled.probabilities, s.shape[0]);
    }
    if (!inBatchNegatives && sampledIds === null) throw argumentError(name, 'sampled', 'shared sampled negatives when inBatchNegatives is false', sampled);
    for (const [key, f] of [['inBatchProbability', inputs.inBatchProbability], ['sampledProbability', inputs.sampledProbability]] as const) {
      if (f !== undefined && typeof f !== 'function') throw argumentError(name, key, 'a function (id) => probability', f);
    }
    const mixed = inBatchNegatives && sampledIds !== null;
    const useWeights = sampledIds === null ? inBatchNegatives : sampledQ !== null;
    if (mixed && useWeights && inputs.sampledProbability === undefined) {
      throw argumentError(name, 'sampledProbability', "the sampler's q_s(id) (e.g. sampler.probability) to weight in-batch columns of mixed negatives", undefined);
    }
    const qIn = inputs.inBatchProbability ?? batchFrequency(ids);
    let logWeights: Float32Array | null = null;
    if (useWeights) {
      const inBatchQ = inBatchNegatives ? checkProbabilities(name, 'inBatchProbability(candidateIds)', Array.from(ids, qIn), batch) : null;
      if (mixed) checkProbabilities(name, 'sampledProbability(candidateIds)', Array.from(ids, inputs.sampledProbability!), batch);
      logWeights = negativeLogWeights({
        inBatch: inBatchQ ? { ids, q: inBatchQ } : null,
        sampled: sampledIds && sampledQ ? { ids: sampledIds, q: sampledQ } : null,
        qIn,
        qSampled: inputs.sampledProbability ?? null,
      });
    }
    const maskValues = columnMask(ids, inBatchNegatives, sampledIds, removeAccidentalHits);
    return tf.tidy(() => {
      const positive = tf.mul(tf.sum(tf.mul(query, candidates), 1), tau) as tf.Tensor1D;
      const columns: tf.Tensor2D[] = [];
      if (inBatchNegatives) columns.push(candidates);
      if (sampled && sampledIds) columns.push(sampled.embeddings);
      const negativeMatrix = columns.length === 1 ? columns[0] : tf.concat(columns, 0);
      let negatives = tf.mul(tf.matMul(query, negativeMatrix, false, true), tau) as tf.Tensor2D;
      const k = negatives.shape[1];
      const mask = tf.tensor2d(maskValues, [batch, k]);
      let perExample: tf.Tensor;
      if (weighted) {
        const w = logWeights ? tf.tensor1d(logWeights) : tf.zeros([k]);
        perExample = (loss as WeightedLoss).fromWeightedScores(positive, negatives, { logWeights: w, mask });
      } else {
        if (logWeights) negatives = tf.add(negatives, tf.tensor1d(logWeights)) as tf.Tensor2D; // the log-q logit correction
        perExample = (loss as ScoresLoss).fromScores(positive, negatives, mask);
      }
      if (perExample.rank !== 1 || perExample.shape[0] !== batch) {
        throw new Error(`${name}: the loss must return per-example losses [${batch}] (reduction 'none'), got shape [${perExample.shape}]`);
      }
      return { loss: tf.mean(perExample) as tf.Scalar, perExample: perExample as tf.Tensor1D };
    });
  };
  return Object.freeze({ call, options: resolved });
}

function checkMatrix(fn: string, argument: string, value: unknown): tf.Tensor2D {
  if (!(value instanceof tf.Tensor)) throw argumentError(fn, argument, 'a tf.Tensor of shape [N, d]', value);
  if (value.rank !== 2) throw argumentError(fn, argument, 'a tensor of rank 2, shape [N, d] (a tower must return one embedding per row)', `shape [${value.shape}]`);
  if (value.dtype !== 'float32') throw argumentError(fn, argument, 'a float32 tensor', `dtype ${value.dtype}`);
  return value as tf.Tensor2D;
}

/** [B, K] row-major: 0 for a row's own in-batch column and (optionally) for negatives with the row's positive id. */
function columnMask(ids: Int32Array, inBatch: boolean, sampledIds: Int32Array | null, removeHits: boolean): Float32Array {
  const batch = ids.length;
  const columnIds = [...(inBatch ? ids : []), ...(sampledIds ?? [])];
  const k = columnIds.length;
  const mask = new Float32Array(batch * k).fill(1);
  for (let b = 0; b < batch; b++) {
    if (inBatch) mask[b * k + b] = 0;
    if (removeHits) for (let j = 0; j < k; j++) if (columnIds[j] === ids[b]) mask[b * k + j] = 0;
  }
  return mask;
}
