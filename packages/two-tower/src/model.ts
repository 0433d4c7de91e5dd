import * as tf from '@tensorflow/tfjs-core';
import { castToFloat32, argumentError, checkNumericTensor } from '@croloss/internal';
import { resolveConfig, type ResolvedTwoTowerConfig, type TwoTowerConfig } from './config';
import { denseMatMul } from './dense-mat-mul';
import { embeddingLookup } from './embedding-lookup';
import type { LazyAdamOptimizer, remapRowIds } from './lazy-adam';

let modelCounter = 0;

/** L2-normalises the rows of x [N, d] (an epsilon keeps all-zero rows finite). int32 input is cast to float32. */
export function l2NormalizeRows(x: tf.Tensor2D): tf.Tensor2D {
  checkNumericTensor('l2NormalizeRows', 'x', x, 2, '[N, d]', 'bare');
  return tf.tidy(() => {
    const xf = castToFloat32(x);
    return tf.div(xf, tf.sqrt(tf.add(tf.sum(tf.square(xf), 1, true), 1e-12))) as tf.Tensor2D;
  });
}

/**
 * The two-tower retrieval model of the CROLoss paper (section 3.1, 4.1):
 *
 *   user tower  u = normalize(Dense(mean_{h in history, h != 0} E[h]))       history [B, L] of item ids, 0 = padding
 *   item tower  v = normalize(E[i])  (or normalize(Dense(E[i])) with itemDense)
 *   score       S(u, v) = tau * cos(u, v) = tau * <u, v>
 *
 * The item embedding table E [numItems + 1, d] is shared by history and targets, as in the reference code.
 *
 * @example
 * ```ts
 * const model = new TwoTowerModel({ numItems: 12101, dim: 32, tau: 10, seed: 1 });
 * const u = model.userVectors(tf.tensor2d([[0, 0, 5, 7]], undefined, 'int32')); // [1, 32], unit norm
 * const s = model.score(u, tf.tensor1d([7, 9], 'int32'));                     // [1, 2]
 * ```
 */
export class TwoTowerModel {
  readonly config: ResolvedTwoTowerConfig;
  readonly itemEmbeddings: tf.Variable;
  readonly userKernels: tf.Variable[];
  readonly userBiases: tf.Variable[];
  readonly itemKernel: tf.Variable | null;
  readonly itemBias: tf.Variable | null;
  private disposed = false;

  constructor(config: TwoTowerConfig) {
    this.config = resolveConfig(config);
    const { numItems, dim, userLayers, itemDense, initStd, seed } = this.config;
    const prefix = `croloss_two_tower_${modelCounter++}`;
    this.itemEmbeddings = tf.tidy(() => {
      const table = tf.randomNormal([numItems + 1, dim], 0, initStd, 'float32', seed);
      const padding = tf.concat([tf.zeros([1, dim]), tf.ones([numItems, dim])], 0);
      return tf.variable(tf.mul(table, padding), true, `${prefix}/item_embeddings`);
    });
    const sizes = [dim, ...userLayers, dim];
    this.userKernels = [];
    this.userBiases = [];
    for (let i = 0; i + 1 < sizes.length; i++) {
      this.userKernels.push(glorotVariable(sizes[i], sizes[i + 1], seed + 101 + i, `${prefix}/user_dense_${i}/kernel`));
      this.userBiases.push(zerosVariable(sizes[i + 1], `${prefix}/user_dense_${i}/bias`));
    }
    this.itemKernel = itemDense ? glorotVariable(dim, dim, seed + 201, `${prefix}/item_dense/kernel`) : null;
    this.itemBias = itemDense ? zerosVariable(dim, `${prefix}/item_dense/bias`) : null;
  }

  /** Every trainable variable, in a fixed order (the order of checkpoints and optimizer slots). */
  get variables(): tf.Variable[] {
    const vars = [this.itemEmbeddings];
    this.userKernels.forEach((k, i) => vars.push(k, this.userBiases[i]));
    if (this.itemKernel && this.itemBias) vars.push(this.itemKernel, this.itemBias);
    return vars;
  }

  /**
   * Unit-norm user vectors [B, d] from histories [B, L] (int32 item ids, 0 = padding, any L).
   * With `rows` [U, d], the ids index `rows` instead of the item table: the rows a lazy-Adam step gathered
   * ({@link LazyAdamOptimizer}), ids relabelled by {@link remapRowIds} (rows[0] must be the padding row).
   */
  userVectors(histories: tf.Tensor2D, rows?: tf.Tensor2D): tf.Tensor2D {
    this.checkAlive();
    checkNumericTensor('TwoTowerModel.userVectors', 'histories', histories, 2, '[B, L]', 'bare');
    const table = this.tableOr('TwoTowerModel.userVectors', rows);
    return tf.tidy(() => userTower(this, table, histories.dtype === 'int32' ? histories : tf.cast(histories, 'int32')));
  }

  /** Unit-norm item vectors [M, d] for ids [M] (int32); with `rows` [U, d], ids index them (see {@link userVectors}). */
  itemVectors(ids: tf.Tensor1D, rows?: tf.Tensor2D): tf.Tensor2D {
    this.checkAlive();
    checkNumericTensor('TwoTowerModel.itemVectors', 'ids', ids, 1, '[M]', 'bare');
    const table = this.tableOr('TwoTowerModel.itemVectors', rows);
    return tf.tidy(() => itemTower(this, table, ids));
  }

  /** Every item's unit vector, pre-transposed for retrieval: [d, numItems + 1] (column 0 is padding: exclude it). */
  itemMatrixT(): tf.Tensor2D {
    this.checkAlive();
    return tf.tidy(() => {
      const all = tf.range(0, this.config.numItems + 1, 1, 'int32') as tf.Tensor1D;
      return tf.transpose(this.itemVectors(all)) as tf.Tensor2D;
    });
  }

  /** Scores tau * <u, v> of users [B, d] (unit vectors) against item ids [M]: [B, M]; `rows` as in {@link itemVectors}. */
  score(userVectors: tf.Tensor2D, itemIds: tf.Tensor1D, rows?: tf.Tensor2D): tf.Tensor2D {
    this.checkAlive();
    const users = checkNumericTensor('TwoTowerModel.score', 'userVectors', userVectors, 2, '[B, d]', 'bare');
    if (users.shape[1] !== this.config.dim) {
      throw argumentError('TwoTowerModel.score', 'userVectors', `shape [B, ${this.config.dim}] (d = the model's dim)`, `shape [${users.shape}]`);
    }
    checkNumericTensor('TwoTowerModel.score', 'itemIds', itemIds, 1, '[M]', 'bare');
    return tf.tidy(() => tf.mul(denseMatMul(userVectors, tf.transpose(this.itemVectors(itemIds, rows))), this.config.tau) as tf.Tensor2D);
  }

  /**
   * The unit item vectors of items 1..numItems as one row-major Float32Array [numItems, d] (padding row 0 left out),
   * for an approximate-nearest-neighbour index or serving: row i - 1 is item i.
   */
  async exportItemEmbeddings(): Promise<{ numItems: number; dim: number; vectors: Float32Array }> {
    this.checkAlive();
    const { numItems, dim } = this.config;
    const vectors = tf.tidy(() => this.itemVectors(tf.range(1, numItems + 1, 1, 'int32') as tf.Tensor1D));
    const data = Float32Array.from(await vectors.data());
    vectors.dispose();
    return { numItems, dim, vectors: data };
  }

  /** Copies of the weights, in {@link variables} order. */
  snapshot(): tf.Tensor[] {
    return this.variables.map((v) => tf.clone(v));
  }

  /** Assigns weights (in {@link variables} order), checking their shapes. */
  restore(weights: tf.Tensor[]): void {
    const vars = this.variables;
    if (!Array.isArray(weights)) throw argumentError('TwoTowerModel.restore', 'weights', `an array of ${vars.length} tensors`, weights);
    weights.forEach((w, i) => {
      if (!(w instanceof tf.Tensor)) throw argumentError('TwoTowerModel.restore', `weights[${i}]`, 'a tf.Tensor', w);
    });
    if (weights.length !== vars.length) throw argumentError('TwoTowerModel.restore', 'weights', `${vars.length} tensors`, `${weights.length} tensors`);
    vars.forEach((v, i) => {
      if (weights[i].shape.join() !== v.shape.join()) {
        throw new Error(`TwoTowerModel.restore: weight ${i} (${v.name}) must have shape [${v.shape}], got [${weights[i].shape}]`);
      }
      v.assign(weights[i]);
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.variables.forEach((v) => v.dispose());
    this.disposed = true;
  }

  private tableOr(fn: string, rows: tf.Tensor2D | undefined): tf.Tensor2D {
    if (rows === undefined) return this.itemEmbeddings as tf.Tensor2D;
    checkNumericTensor(fn, 'rows', rows, 2, '[U, d]', 'bare');
    if (rows.shape[1] !== this.config.dim) throw argumentError(fn, 'rows', `shape [U, ${this.config.dim}] (d = the model's dim)`, `shape [${rows.shape}]`);
    return rows;
  }

  private checkAlive(): void {
    if (this.disposed) throw new Error('TwoTowerModel: the model was disposed');
  }
}

function glorotVariable(fanIn: number, fanOut: number, seed: number, name: string): tf.Variable {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return tf.tidy(() => tf.variable(tf.randomUniform([fanIn, fanOut], -limit, limit, 'float32', seed), true, name));
}

function zerosVariable(size: number, name: string): tf.Variable {
  return tf.tidy(() => tf.variable(tf.zeros([size]), true, name));
}

/**
 * The user tower on any table of item rows: `table` [N, d] is the item embedding table or (lazy Adam) the rows of it
 * a step touches, `ids` [B, L] (int32) index its rows, and row 0 of `table` must be the padding row (ids 0 are masked).
 * @internal
 */
export function userTower(model: TwoTowerModel, table: tf.Tensor2D, ids: tf.Tensor2D): tf.Tensor2D {
  const embedded = embeddingLookup(table, ids); // [B, L, d]
  const present = tf.expandDims(castToFloat32(tf.notEqual(ids, 0)), 2); // [B, L, 1]
  const summed = tf.sum(tf.mul(embedded, present), 1);
  let x = tf.div(summed, tf.maximum(tf.sum(present, 1), 1)) as tf.Tensor2D;
  model.userKernels.forEach((kernel, i) => {
    x = tf.add(denseMatMul(x, kernel as tf.Tensor2D), model.userBiases[i]) as tf.Tensor2D;
    if (i + 1 < model.userKernels.length) x = tf.relu(x);
  });
  return l2NormalizeRows(x);
}

/** The item tower on any table of item rows (see {@link userTower}): unit vectors [M, d] of rows `ids` [M]. @internal */
export function itemTower(model: TwoTowerModel, table: tf.Tensor2D, ids: tf.Tensor1D): tf.Tensor2D {
  let v = embeddingLookup(table, ids) as tf.Tensor2D;
  if (model.itemKernel && model.itemBias) v = tf.add(denseMatMul(v, model.itemKernel as tf.Tensor2D), model.itemBias) as tf.Tensor2D;
  return l2NormalizeRows(v);
}
