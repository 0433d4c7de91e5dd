// Checkpoints of trainTowers: the towers' weights, the optimizer's slots and the position of every stream, as plain data.
import * as tf from '@tensorflow/tfjs-core';
import { argumentError } from '@croloss/internal';
import type { CheckpointableOptimizer, SavedTensor } from './training-state';

/** Everything needed to resume {@link trainTowers} exactly. */
export interface TowersState {
  step: number;
  /** The towers' trainable weights (shared weights once), in trainer order. */
  weights: SavedTensor[];
  /** Optimizer slots (Adam: iterations, first and second moments). */
  optimizer: SavedTensor[];
  batches?: unknown;
  negatives?: unknown;
  best?: { step: number; metric: number };
  bestWeights?: SavedTensor[];
  evalsWithoutGain?: number;
}

/** Reads the variables and the optimizer's slots back to plain data. */
export async function captureTowersState(variables: tf.Variable[], optimizer: CheckpointableOptimizer, step: number): Promise<TowersState> {
  const weights = await saveTensors(variables);
  const slots = await optimizer.getWeights();
  const saved = await Promise.all(slots.map(async ({ name, tensor }) => ({ name, shape: tensor.shape, data: Float32Array.from(await tensor.data()) })));
  tf.dispose(slots.map((s) => s.tensor).filter((t) => !(t instanceof tf.Variable)));
  return { step, weights, optimizer: saved };
}

/** Copies tensors to {@link SavedTensor}s (names of variables kept). */
export async function saveTensors(tensors: tf.Tensor[], names?: string[]): Promise<SavedTensor[]> {
  return Promise.all(tensors.map(async (t, i) => ({
    name: names?.[i] ?? (t instanceof tf.Variable ? t.name : `tensor_${i}`),
    shape: t.shape,
    data: Float32Array.from(await t.data()),
  })));
}

/** Assigns saved weights to the variables (shapes checked) and restores the optimizer's slots. */
export async function applyTowersState(variables: tf.Variable[], optimizer: CheckpointableOptimizer, state: TowersState): Promise<void> {
  const fn = 'trainTowers';
  if (state === null || typeof state !== 'object' || !Array.isArray(state.weights) || !Array.isArray(state.optimizer) || !Number.isInteger(state.step)) {
    throw argumentError(fn, 'resume', 'a TowersState { step, weights, optimizer } from onCheckpoint', state);
  }
  if (state.weights.length !== variables.length) throw argumentError(fn, 'resume.weights', `${variables.length} tensors (the towers' trainable weights)`, `${state.weights.length} tensors`);
  state.weights.forEach((w, i) => {
    if (w.shape.join() !== variables[i].shape.join()) throw new Error(`${fn}: resume weight ${i} (${variables[i].name}) must have shape [${variables[i].shape}], got [${w.shape}]`);
  });
  tf.tidy(() => state.weights.forEach((w, i) => variables[i].assign(tf.tensor(w.data, w.shape, 'float32'))));
  const slotTensors = tf.tidy(() => state.optimizer.map((s) => tf.tensor(s.data, s.shape, 'float32')));
  try {
    await optimizer.setWeights(state.optimizer.map((s, i) => ({ name: s.name, tensor: slotTensors[i] })));
  } finally {
    tf.dispose(slotTensors);
  }
}
