import * as tf from '@tensorflow/tfjs-core';
import { argumentError } from '@croloss/internal';
import type { OptimizerSlot } from './training-state';

/** Hyper-parameters of a {@link LazyAdamOptimizer}; the defaults are tf.train.adam's. */
export interface LazyAdamConfig {
  /** Step size lr. Default 0.001. */
  learningRate?: number;
  /** Decay of the first moment. Default 0.9. */
  beta1?: number;
  /** Decay of the second moment. Default 0.999. */
  beta2?: number;
  /** Added to sqrt(v_hat). Default the backend's epsilon (1e-7 in float32), as tf.train.adam. */
  epsilon?: number;
}

/** What one {@link LazyAdamOptimizer.minimize} step updates. */
export interface SparseStep {
  /** The embedding table E [N, d]: only its rows `rowIds` are read, and only they are updated. */
  table: tf.Variable;
  /** Distinct row ids [U] of `table` the step touches (the rows handed to the loss, in this order). */
  rowIds: ArrayLike<number>;
  /** Dense variables (e.g. the user tower's kernels and biases): ordinary Adam. Default none. */
  dense?: tf.Variable[];
}

/**
 * Adam with sparse (lazy) updates of an embedding table, the semantics of TensorFlow's LazyAdamOptimizer: a step
 * gathers the rows R = E[rowIds] [U, d], differentiates the loss with respect to R (not the [N, d] table) and
 * updates only those rows and their moments; the other rows keep their parameters and moments exactly. With t the
 * global step count (1 on the first step, shared by all variables) and g a row's gradient (duplicate uses of a row
 * summed):
 *
 *   m   <- beta1 m + (1 - beta1) g
 *   v   <- beta2 v + (1 - beta2) g^2
 *   m_hat = m / (1 - beta1^t),  v_hat = v / (1 - beta2^t)      (1 - beta^t rounded to float32 as tf.train.adam does)
 *   row <- row - lr m_hat / (sqrt(v_hat) + epsilon)
 *
 * for rows in rowIds only, and the same update of every entry of the dense variables (ordinary Adam). This is
 * tf.train.adam's form (epsilon on sqrt(v_hat)), so a step that touches every row equals tf.train.adam; TF's
 * LazyAdamOptimizer adds its epsilon to sqrt(v) instead, which differs only in how epsilon is scaled.
 * It is different math from dense Adam, not an approximation of it: a dense Adam step also moves rows with a zero
 * gradient (their moments decay and their momentum keeps moving them).
 *
 * The rows are written back with tf.tensorScatterUpdate (cpu, wasm and webgpu have the kernel), so a step costs
 * O(U d) arithmetic plus three [N, d] copies instead of dense Adam's dozen [N, d] passes. The moment tables are
 * [N, d] like the table. Checkpoints: {@link getWeights} / {@link setWeights} use tf.train.adam's layout
 * (`iter`, then the first moments, then the second moments, in the order [table, ...dense]), so
 * `captureState` and `applyState` work with it.
 *
 * @example
 * ```ts
 * const table = tf.variable(tf.randomNormal([1000, 8]));
 * const w = tf.variable(tf.randomNormal([8, 1]));
 * const optimizer = new LazyAdamOptimizer({ learningRate: 0.01 });
 * // rows 3, 7 and 42 are touched; loss(rows) sees them as rows [3, 8] in this order
 * const cost = optimizer.minimize((rows) => tf.sum(tf.square(tf.matMul(rows, w))), { table, rowIds: [3, 7, 42], dense: [w] });
 * cost.dispose();
 * optimizer.dispose();
 * ```
 */
export class LazyAdamOptimizer {
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  private iterationCount = 0;
  /** Moments of [table, ...dense], created on the first step (or by setWeights). */
  private slots: Array<{ name: string; m: tf.Variable; v: tf.Variable }> = [];
  /** beta -> float32 running product beta^t (see biasCorrection). */
  private readonly powers = new Map<number, { t: number; power: number }>();

  constructor(config: LazyAdamConfig = {}) {
    const fn = 'LazyAdamOptimizer';
    if (config === null || typeof config !== 'object') throw argumentError(fn, 'config', 'an object { learningRate?, beta1?, beta2?, epsilon? }', config);
    const { learningRate = 0.001, beta1 = 0.9, beta2 = 0.999 } = config;
    const epsilon = config.epsilon ?? tf.backend().epsilon();
    const positive = (name: string, value: number) => {
      if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw argumentError(fn, `config.${name}`, 'a finite number > 0', value);
    };
    positive('learningRate', learningRate);
    positive('epsilon', epsilon);
    for (const [name, value] of [['beta1', beta1], ['beta2', beta2]] as const) {
      if (typeof value !== 'number' || !(value >= 0 && value < 1)) throw argumentError(fn, `config.${name}`, 'a number in [0, 1)', value);
    }
    this.learningRate = learningRate;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
  }

  /** Steps taken so far (t of the bias correction after the last step). */
  get iterations(): number {
    return this.iterationCount;
  }

  /**
   * One step: R = table[rowIds] [U, d], cost = loss(R), gradients with respect to R and the dense variables, then
   * the lazy update of the rows rowIds of the table and their moments and an Adam update of every dense variable
   * (see the class). `loss` must read the table only through its argument (a direct use of the table gets no
   * update); a dense variable the loss does not use is left as it is. Returns the cost (a scalar the caller disposes).
   */
  minimize(loss: (rows: tf.Tensor2D) => tf.Scalar, step: SparseStep): tf.Scalar {
    const fn = 'LazyAdamOptimizer.minimize';
    if (typeof loss !== 'function') throw argumentError(fn, 'loss', 'a function (rows [U, d]) => tf.Scalar', loss);
    if (step === null || typeof step !== 'object') throw argumentError(fn, 'step', 'an object { table, rowIds, dense? }', step);
    const { table, rowIds, dense = [] } = step;
    if (!(table instanceof tf.Variable) || table.rank !== 2) {
      throw argumentError(fn, 'step.table', 'a tf.Variable [N, d]', table instanceof tf.Tensor ? `shape [${table.shape}]` : table);
    }
    if (!Array.isArray(dense) || dense.some((v) => !(v instanceof tf.Variable))) throw argumentError(fn, 'step.dense', 'an array of tf.Variable', dense);
    const ids = checkRowIds(fn, rowIds, table.shape[0]);
    const variables = [table, ...dense];
    this.ensureSlots(fn, variables);
    const t = this.iterationCount + 1;
    const cost = tf.tidy(() => {
      const idsT = tf.tensor1d(ids, 'int32');
      const rows = tf.gather(table, idsT) as tf.Tensor2D;
      const { value, grads } = tf.engine().gradients(() => loss(rows), [rows, ...dense], undefined, true);
      if (!(value instanceof tf.Tensor) || value.rank !== 0) throw new Error(`${fn}: the loss must return a scalar tf.Tensor, got ${value instanceof tf.Tensor ? `shape [${value.shape}]` : String(value)}`);
      const [c1, c2] = [biasCorrection(this.powers, this.beta1, t), biasCorrection(this.powers, this.beta2, t)];
      const adam = (param: tf.Tensor, m: tf.Tensor, v: tf.Tensor, g: tf.Tensor) => {
        const m1 = tf.add(tf.mul(m, this.beta1), tf.mul(g, 1 - this.beta1));
        const v1 = tf.add(tf.mul(v, this.beta2), tf.mul(tf.square(g), 1 - this.beta2));
        const p1 = tf.add(tf.mul(tf.div(tf.div(m1, c1), tf.add(tf.sqrt(tf.div(v1, c2)), this.epsilon)), -this.learningRate), param);
        return [p1, m1, v1];
      };
      if (grads[0] && ids.length > 0) {
        const { m, v } = this.slots[0];
        const [p1, m1, v1] = adam(rows, tf.gather(m, idsT), tf.gather(v, idsT), grads[0]);
        const at = tf.reshape(idsT, [ids.length, 1]);
        m.assign(tf.tensorScatterUpdate(m, at, m1));
        v.assign(tf.tensorScatterUpdate(v, at, v1));
        table.assign(tf.tensorScatterUpdate(table, at, p1));
      }
      dense.forEach((variable, i) => {
        const g = grads[i + 1];
        if (!g) return;
        const { m, v } = this.slots[i + 1];
        const [p1, m1, v1] = adam(variable, m, v, g);
        m.assign(m1);
        v.assign(v1);
        variable.assign(p1);
      });
      return value as tf.Scalar;
    });
    this.iterationCount = t;
    return cost;
  }

  /**
   * The optimizer's state in tf.train.adam's layout: `iter` (a fresh scalar), then the first moments and then the
   * second moments of [table, ...dense] (the optimizer's own variables: do not dispose them).
   */
  async getWeights(): Promise<OptimizerSlot[]> {
    return [
      { name: 'iter', tensor: tf.scalar(this.iterationCount, 'int32') },
      ...this.slots.map((s) => ({ name: `${s.name}/m`, tensor: s.m as tf.Tensor })),
      ...this.slots.map((s) => ({ name: `${s.name}/v`, tensor: s.v as tf.Tensor })),
    ];
  }

  /**
   * Restores a state from {@link getWeights} (or tf.train.adam's getWeights for the same variables), matched by
   * position; the shapes are checked against the variables on the next step. The tensors are copied.
   */
  async setWeights(weights: OptimizerSlot[]): Promise<void> {
    const fn = 'LazyAdamOptimizer.setWeights';
    if (!Array.isArray(weights) || weights.length % 2 !== 1 || weights.some((w) => !w || !(w.tensor instanceof tf.Tensor))) {
      throw argumentError(fn, 'weights', "[{ name: 'iter', tensor }, ...first moments, ...second moments] (an odd number of named tensors)", weights);
    }
    const iterations = (await weights[0].tensor.data())[0];
    if (weights[0].tensor.size !== 1 || !Number.isInteger(iterations) || iterations < 0) throw argumentError(fn, 'weights[0]', 'the iteration count, an integer scalar >= 0', iterations);
    const k = (weights.length - 1) / 2;
    this.disposeSlots();
    // in tf.tidy: the variables keep the copies' data, the copies themselves are freed
    this.slots = tf.tidy(() =>
      Array.from({ length: k }, (_, i) => ({
        name: weights[1 + i].name.replace(/\/m$/, ''),
        m: tf.variable(tf.clone(weights[1 + i].tensor), false),
        v: tf.variable(tf.clone(weights[1 + k + i].tensor), false),
      })),
    );
    this.iterationCount = iterations;
  }

  /** Frees the moment tables. */
  dispose(): void {
    this.disposeSlots();
  }

  private disposeSlots(): void {
    this.slots.forEach(({ m, v }) => {
      m.dispose();
      v.dispose();
    });
    this.slots = [];
  }

  private ensureSlots(fn: string, variables: tf.Variable[]): void {
    if (this.slots.length === 0) {
      this.slots = tf.tidy(() =>
        variables.map((variable) => ({ name: variable.name, m: tf.variable(tf.zerosLike(variable), false), v: tf.variable(tf.zerosLike(variable), false) })),
      );
      return;
    }
    if (this.slots.length !== variables.length) {
      throw new Error(`${fn}: the optimizer holds moments of ${this.slots.length} variables (table and dense), this step has ${variables.length}`);
    }
    variables.forEach((variable, i) => {
      if (this.slots[i].m.shape.join() !== variable.shape.join() || this.slots[i].v.shape.join() !== variable.shape.join()) {
        throw new Error(`${fn}: the moments of variable ${i} (${variable.name}) have shape [${this.slots[i].m.shape}], the variable [${variable.shape}]`);
      }
    });
  }
}

function checkRowIds(fn: string, rowIds: ArrayLike<number>, rows: number): Int32Array {
  if (rowIds === null || typeof rowIds !== 'object' || typeof rowIds.length !== 'number') throw argumentError(fn, 'step.rowIds', 'an array of distinct row ids', rowIds);
  const ids = rowIds instanceof Int32Array ? rowIds : Int32Array.from(rowIds);
  const seen = new Set<number>();
  for (let i = 0; i < rowIds.length; i++) {
    const id = rowIds[i];
    if (!Number.isInteger(id) || id < 0 || id >= rows) throw new Error(`${fn}: step.rowIds[${i}] = ${id} is not a row of the table (0..${rows - 1})`);
    if (seen.has(id)) throw new Error(`${fn}: step.rowIds has ${id} twice; the row ids must be distinct (see remapRowIds)`);
    seen.add(id);
  }
  return ids;
}

/**
 * The distinct rows a step touches and the ids relabelled to them: for groups of ids (e.g. histories [B * L],
 * targets [B], negatives [M]), rowIds [U] lists every id once, row 0 (padding) always first, in order of first
 * appearance, and remapped[g][j] is the position of groups[g][j] in rowIds. So table[rowIds][remapped[g]] equals
 * table[groups[g]], and id 0 stays 0 (padding masks keep working). Plain JS, O(total ids), no tensors.
 *
 * @example
 * ```ts
 * remapRowIds([[5, 0, 9], [9, 12]]); // { rowIds: [0, 5, 9, 12], remapped: [[1, 0, 2], [2, 3]] }
 * ```
 */
export function remapRowIds(groups: ArrayLike<number>[]): { rowIds: Int32Array; remapped: Int32Array[] } {
  if (!Array.isArray(groups)) throw argumentError('remapRowIds', 'groups', 'an array of id arrays', groups);
  const position = new Map<number, number>([[0, 0]]);
  const remapped = groups.map((group, g) => {
    if (group === null || typeof group !== 'object' || typeof group.length !== 'number') throw argumentError('remapRowIds', `groups[${g}]`, 'an array of ids', group);
    const out = new Int32Array(group.length);
    for (let j = 0; j < group.length; j++) {
      const id = group[j];
      let at = position.get(id);
      if (at === undefined) {
        if (!Number.isInteger(id) || id < 0) throw new Error(`remapRowIds: groups[${g}][${j}] = ${id} is not an id (an integer >= 0)`);
        at = position.size;
        position.set(id, at);
      }
      out[j] = at;
    }
    return out;
  });
  return { rowIds: Int32Array.from(position.keys()), remapped };
}

/**
 * 1 - beta^t as tf.train.adam computes it in float32 (beta^t a running float32 product, then 1 - it, rounded): for
 * beta 0.999 that is 1.3e-5 off the exact value, and matching it makes lazy and dense Adam agree to rounding.
 * Math.fround emulates each float32 operation exactly. The running product is cached (per optimizer and beta).
 */
function biasCorrection(powerCache: Map<number, { t: number; power: number }>, beta: number, t: number): number {
  let cached = powerCache.get(beta);
  if (!cached || cached.t > t) cached = { t: 1, power: Math.fround(beta) };
  const b = Math.fround(beta);
  while (cached.t < t) cached = { t: cached.t + 1, power: Math.fround(cached.power * b) };
  powerCache.set(beta, cached);
  return Math.fround(1 - cached.power);
}
