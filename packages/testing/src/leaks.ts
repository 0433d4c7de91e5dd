/** Leak checks for tests: tensors left behind, throws that leave nothing, tensor values read back. */
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

/**
 * Throws unless `call` throws an error whose message contains every fragment and leaves no tensor behind (a tensor
 * it returns instead of throwing is disposed before counting).
 */
export function expectThrowNoLeak(call: () => unknown, ...fragments: string[]): void {
  const before = tf.memory().numTensors;
  let message = '(did not throw)';
  try {
    disposeResult(call());
  } catch (e) {
    message = e instanceof Error ? e.message : String(e);
  }
  const missing = fragments.filter((fragment) => !message.includes(fragment));
  if (missing.length > 0) throw new Error(`expected an error containing ${JSON.stringify(missing)}, got: ${message}`);
  const leaked = tf.memory().numTensors - before;
  if (leaked !== 0) throw new Error(`expected no leaked tensors, ${leaked} leaked`);
}

/** dtype, shape and values of `fn()`'s tensor, which must leave nothing else behind (the tensor is disposed here). */
export async function tensorValues(fn: () => tf.Tensor): Promise<{ dtype: string; shape: number[]; values: number[] }> {
  let out: { dtype: string; shape: number[]; values: number[] } | undefined;
  await expectNoLeaks(async () => {
    const t = fn();
    out = { dtype: t.dtype, shape: t.shape, values: Array.from(await t.data()) };
    return t;
  });
  return out!;
}
