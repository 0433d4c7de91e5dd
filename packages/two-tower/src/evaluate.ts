/** Exact full-corpus Recall@N, HitRate@N and NDCG@N of a two-tower model (ComiRec protocol). */
import * as tf from '@tensorflow/tfjs-core';
import { evaluateRetrieval, type RetrievalMetrics } from '@croloss/metrics';
import { argumentError } from '@croloss/internal';
import type { TwoTowerModel } from './model';

/** Users to evaluate: histories [U * L] (0 = padding, L = the model's maxHistory) and each user's target ids. */
export interface EvaluationUsers {
  histories: Int32Array;
  targets: ReadonlyArray<ArrayLike<number>>;
}

/** Options of {@link evaluateModel}. */
export interface EvaluateModelOptions {
  /** Retrieval sizes N. */
  ns: number[];
  /** Users scored at once against the whole corpus (memory chunk x |I|). Default 256. */
  chunkSize?: number;
  /** Remove each user's history items from their ranking (off by default, as in the paper). */
  maskHistory?: boolean;
}

/**
 * Exact full-corpus Recall@N, HitRate@N and NDCG@N of a two-tower model (ComiRec protocol): every item
 * 1..numItems is ranked by tau * cos(u, v), padding id 0 never retrieved.
 *
 * @example
 * ```ts
 * const metrics = await evaluateModel(model, evaluationSet(data, split.valid, { maxHistory: 20 }), { ns: [50, 100] });
 * metrics.recall[50]; // a fraction in [0, 1]
 * ```
 */
export async function evaluateModel(model: TwoTowerModel, users: EvaluationUsers, options: EvaluateModelOptions): Promise<RetrievalMetrics> {
  const fn = 'evaluateModel';
  if (users === null || typeof users !== 'object' || !Array.isArray(users.targets)) {
    throw argumentError(fn, 'users', 'an object { histories: Int32Array, targets: id lists } (e.g. evaluationSet of @croloss/data)', users);
  }
  if (!(Array.isArray(users.histories) || ArrayBuffer.isView(users.histories))) {
    throw argumentError(fn, 'users.histories', 'an Int32Array of users x model maxHistory ids', users.histories);
  }
  if (options === null || typeof options !== 'object') throw argumentError(fn, 'options', 'an object { ns, chunkSize?, maskHistory? }', options);
  const L = model.config.maxHistory;
  const count = users.targets.length;
  if (users.histories.length !== count * L) {
    throw new Error(`evaluateModel: argument 'users.histories' must hold ${count} x ${L} ids (users x model maxHistory), got ${users.histories.length}`);
  }
  const userVectors = tf.tidy(() => model.userVectors(tf.tensor2d(users.histories, [count, L], 'int32')));
  const itemMatrixT = model.itemMatrixT();
  try {
    const history = options.maskHistory ? rowsOf(users.histories, L) : undefined;
    return await evaluateRetrieval(userVectors, itemMatrixT, users.targets, {
      ns: options.ns,
      chunkSize: options.chunkSize,
      excludeItems: [0],
      history,
      maskHistory: options.maskHistory ?? false,
    });
  } finally {
    tf.dispose([userVectors, itemMatrixT]);
  }
}

function rowsOf(flat: Int32Array, width: number): Int32Array[] {
  const rows: Int32Array[] = [];
  for (let i = 0; i < flat.length; i += width) rows.push(flat.subarray(i, i + width).filter((id) => id !== 0));
  return rows;
}
