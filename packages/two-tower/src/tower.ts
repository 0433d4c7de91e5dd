// What the layers trainer needs of a query or candidate model (a tf.LayersModel fits), and how it embeds features with one.
import * as tf from '@tensorflow/tfjs-core';
import { argumentError } from '@croloss/internal';

/** A tower's input: one tensor, or one per model input in the model's input order. */
export type TowerFeatures = tf.Tensor | tf.Tensor[];

/**
 * A tower: any model mapping features to embeddings [B, d]. `tf.LayersModel` (tf.model / tf.sequential of
 * @tensorflow/tfjs-layers) satisfies it structurally, so this package needs no runtime import of tfjs-layers.
 */
export interface Tower {
  apply(inputs: tf.Tensor | tf.Tensor[], kwargs?: { training?: boolean }): unknown;
  /** Weights the optimizer updates: tfjs-layers LayerVariables, whose read() is the tf.Variable. */
  readonly trainableWeights: ReadonlyArray<{ read(): tf.Tensor }>;
  readonly name?: string;
}

/** Throws unless `value` looks like a {@link Tower}. */
export function checkTower(fn: string, argument: string, value: unknown): Tower {
  const tower = value as Tower;
  if (value === null || typeof value !== 'object' || typeof tower.apply !== 'function' || !Array.isArray(tower.trainableWeights)) {
    throw argumentError(fn, argument, 'a tf.LayersModel (or { apply, trainableWeights })', value);
  }
  return tower;
}

/**
 * Embeds `features` with `tower`: the model's output must be one float tensor of rank 2, [B, d] with B the
 * number of rows of the features. Call inside tf.tidy or an optimizer's minimize.
 *
 * @example
 * ```ts
 * const u = embedWith('mine', 'queryModel', queryModel, tf.tensor2d([[3, 1, 0]], undefined, 'int32'), false); // [1, d]
 * ```
 */
export function embedWith(fn: string, argument: string, tower: Tower, features: TowerFeatures, training: boolean): tf.Tensor2D {
  const out = tower.apply(features, { training });
  if (!(out instanceof tf.Tensor)) {
    const what = Array.isArray(out) ? `${out.length} outputs` : out;
    throw argumentError(fn, argument, 'a model with one output [B, d]', what);
  }
  const rows = (Array.isArray(features) ? features[0] : features).shape[0];
  if (out.rank !== 2 || out.shape[0] !== rows) {
    const shape = `output shape [${out.shape}]`;
    out.dispose();
    throw argumentError(fn, argument, `a model whose output has rank 2, shape [${rows}, d] (one embedding per input row)`, shape);
  }
  return out.dtype === 'float32' ? (out as tf.Tensor2D) : (tf.cast(out, 'float32') as tf.Tensor2D);
}

/** The tf.Variables of a tower's trainable weights, in the tower's order (checkpoints and optimizer slots use it). */
export function towerVariables(tower: Tower): tf.Variable[] {
  return tower.trainableWeights.map((w) => w.read() as tf.Variable);
}
