import * as tf from '@tensorflow/tfjs-core';
import { argumentError } from '@croloss/internal';
import type { LazyAdamOptimizer } from './lazy-adam';
import type { TwoTowerModel } from './model';

/** A tensor as plain data, for checkpoints. */
export interface SavedTensor {
  name: string;
  shape: number[];
  data: Float32Array;
}

/**
 * Everything needed to resume training exactly: step, model weights, optimizer slots, and the states of the
 * batch and negative samplers. Plain data (typed arrays and JSON), so it can be written anywhere; see the
 * examples for an atomic on-disk format.
 */
export interface TrainingState {
  step: number;
  /** The model's configuration, checked on resume. */
  config?: Record<string, unknown>;
  weights: SavedTensor[];
  optimizer: SavedTensor[];
  batches?: unknown;
  negatives?: unknown;
  best?: { step: number; metric: number };
  /** The weights at `best.step`, when that is not `step` (early stopping restores them at the end). */
  bestWeights?: SavedTensor[];
  /** Validation checks since the last improvement (the patience counter). */
  evalsWithoutGain?: number;
}

/**
 * What checkpoints need of an optimizer: tf.Optimizer (e.g. tf.train.adam) and {@link LazyAdamOptimizer} have it.
 * getWeights may return the optimizer's own variables (kept) and fresh tensors (freed by the caller).
 */
export interface CheckpointableOptimizer {
  getWeights(): Promise<OptimizerSlot[]>;
  setWeights(weights: OptimizerSlot[]): Promise<void>;
}

/** One named tensor of an optimizer's state (tfjs's NamedTensor). */
export interface OptimizerSlot {
  name: string;
  tensor: tf.Tensor;
}

/** Reads model weights and optimizer slots (e.g. Adam's iterations and moments) back to plain data. */
export async function captureState(model: TwoTowerModel, optimizer: CheckpointableOptimizer, step: number): Promise<TrainingState> {
  const weights = await Promise.all(model.variables.map(async (v) => ({ name: v.name, shape: v.shape, data: (await v.data()) as Float32Array })));
  const slots = await optimizer.getWeights();
  const optimizerSaved = await Promise.all(
    slots.map(async ({ name, tensor }) => ({ name, shape: tensor.shape, data: Float32Array.from(await tensor.data()) })),
  );
  // getWeights returns the optimizer's own slot variables plus fresh tensors (e.g. Adam's iteration count): free the latter.
  tf.dispose(slots.map((s) => s.tensor).filter((t) => !(t instanceof tf.Variable)));
  return { step, config: { ...model.config }, weights, optimizer: optimizerSaved };
}

/** Restores weights and optimizer slots saved by {@link captureState}; shapes are checked. */
export async function applyState(model: TwoTowerModel, optimizer: CheckpointableOptimizer, state: TrainingState): Promise<void> {
  if (state === null || typeof state !== 'object' || !Array.isArray(state.weights) || !Array.isArray(state.optimizer)) {
    throw argumentError('applyState', 'state', 'a TrainingState { step, weights: SavedTensor[], optimizer: SavedTensor[] } from captureState', state);
  }
  if (state.config) {
    for (const key of ['numItems', 'dim', 'maxHistory'] as const) {
      if (state.config[key] !== model.config[key]) {
        throw new Error(`applyState: the checkpoint was saved with ${key} = ${String(state.config[key])}, the model has ${model.config[key]}`);
      }
    }
  }
  // in tf.tidy: a malformed entry throws with the tensors made before it freed
  const tensors = tf.tidy(() => state.weights.map((w) => tf.tensor(w.data, w.shape, 'float32')));
  try {
    model.restore(tensors);
  } finally {
    tf.dispose(tensors);
  }
  // Slots are matched by position (tfjs optimizers index them by the order of the variables they update).
  const slotTensors = tf.tidy(() => state.optimizer.map((s) => tf.tensor(s.data, s.shape, 'float32')));
  const slots = state.optimizer.map((s, i) => ({ name: s.name, tensor: slotTensors[i] }));
  try {
    await optimizer.setWeights(slots);
  } finally {
    tf.dispose(slots.map((s) => s.tensor));
  }
}
