/** tf.train.adam with each variable's update in one pass, through a fused kernel when the active backend has one. */
import * as tf from '@tensorflow/tfjs-core';
import { ADAM_UPDATE_KERNEL, argumentError } from '@croloss/internal';


/** The argument of Optimizer.applyGradients (AdamOptimizer's; tfjs-core does not export its NamedTensor type). */
type VariableGradients = Parameters<tf.AdamOptimizer['applyGradients']>[0];

/** The AdamOptimizer state this class shares with its parent (private in tfjs's typings). */
interface AdamState {
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: Array<{ originalName: string; variable: tf.Variable } | undefined>;
  accumulatedSecondMoment: Array<{ originalName: string; variable: tf.Variable } | undefined>;
  beta1: number;
  beta2: number;
  epsilon: number;
  learningRate: number;
}

/**
 * Dense Adam, the math of `tf.train.adam` (same state, same checkpoints, same float32 operations in the same order),
 * with each variable's update m' = b1 m + (1 - b1) g, v' = b2 v + (1 - b2) g^2,
 * w' = w - lr (m' / (1 - b1^t)) / (sqrt(v' / (1 - b2^t)) + eps) computed in one pass by the kernel
 * `CrolossAdamUpdate` when it is registered for the active backend (@croloss/wasm-kernels registers it for `wasm`,
 * where the composed ops take about ten passes over an [N, d] embedding table), else by the composed ops.
 * trainTwoTower's default optimizer.
 *
 * @example
 * ```ts
 * import { FusedAdamOptimizer } from '@croloss/two-tower';
 * const optimizer = new FusedAdamOptimizer(0.02); // like tf.train.adam(0.02)
 * ```
 */
export class FusedAdamOptimizer extends tf.AdamOptimizer {
  constructor(learningRate: number, beta1 = 0.9, beta2 = 0.999, epsilon: number | null = null) {
    const fn = 'FusedAdamOptimizer';
    if (typeof learningRate !== 'number' || !Number.isFinite(learningRate) || learningRate <= 0) throw argumentError(fn, 'learningRate', 'a finite number > 0', learningRate);
    for (const [name, value] of [['beta1', beta1], ['beta2', beta2]] as const) {
      if (typeof value !== 'number' || !(value >= 0 && value < 1)) throw argumentError(fn, name, 'a number in [0, 1)', value);
    }
    if (epsilon !== null && (typeof epsilon !== 'number' || !Number.isFinite(epsilon) || epsilon <= 0)) throw argumentError(fn, 'epsilon', 'null (the backend\'s epsilon) or a finite number > 0', epsilon);
    super(learningRate, beta1, beta2, epsilon as number);
  }

  /** True when the active backend has the fused kernel (the update then runs in one pass per variable). */
  static fused(): boolean {
    return tf.getKernel(ADAM_UPDATE_KERNEL, tf.getBackend()) !== undefined;
  }

  override applyGradients(variableGradients: VariableGradients): void {
    if (!FusedAdamOptimizer.fused()) {
      super.applyGradients(variableGradients);
      return;
    }
    const self = this as unknown as AdamState;
    const names = Array.isArray(variableGradients) ? variableGradients.map((v) => v.name) : Object.keys(variableGradients);
    tf.tidy(() => {
      // 1 - beta^t in float32, as the parent computes it (sub(1, accBeta)); one number each, read on the CPU heap
      const c1 = tf.sub(1, self.accBeta1).dataSync()[0];
      const c2 = tf.sub(1, self.accBeta2).dataSync()[0];
      const attrs = { learningRate: self.learningRate, beta1: self.beta1, beta2: self.beta2, epsilon: self.epsilon, oneMinusAccBeta1: c1, oneMinusAccBeta2: c2 };
      names.forEach((name, i) => {
        const value = tf.engine().registeredVariables[name];
        const moment = (slot: 'm' | 'v') => ({ originalName: `${name}/${slot}`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) });
        self.accumulatedFirstMoment[i] ??= moment('m');
        self.accumulatedSecondMoment[i] ??= moment('v');
        const gradient = Array.isArray(variableGradients) ? variableGradients[i].tensor : variableGradients[name];
        if (gradient == null) return;
        const m = self.accumulatedFirstMoment[i]!.variable;
        const v = self.accumulatedSecondMoment[i]!.variable;
        const [w2, m2, v2] = tf.engine().runKernel(ADAM_UPDATE_KERNEL, { value, m, v, gradient }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
        m.assign(m2);
        v.assign(v2);
        value.assign(w2);
      });
      self.accBeta1.assign(tf.mul(self.accBeta1, self.beta1));
      self.accBeta2.assign(tf.mul(self.accBeta2, self.beta2));
    });
    this.incrementIterations();
  }
}
