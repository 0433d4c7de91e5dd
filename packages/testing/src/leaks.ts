import * as tf from '@tensorflow/tfjs-core';

/** Number of tensors `fn` leaves behind (its returned tensors are disposed before counting). */
export async function leakedTensors(fn: () => unknown): Promise<number> {
  const before = tf.memory().numTensors;
  const result = await fn();
  disposeResult(result);
  return tf.memory().numTensors - before;
}

/** Throws when `fn` leaves tensors behind; the result (tensors, arrays, objects of them) is disposed first. */
export async function expectNoLeaks(fn: () => unknown): Promise<void> {
  const leaked = await leakedTensors(fn);
  if (leaked !== 0) throw new Error(`expected no leaked tensors, ${leaked} leaked`);
}

function disposeResult(value: unknown): void {
  if (value instanceof tf.Tensor) value.dispose();
  else if (Array.isArray(value)) value.forEach(disposeResult);
  else if (value && typeof value === 'object') Object.values(value).forEach(disposeResult);
}
