/// <reference types="node" />
/** Test helpers: starts tfjs-backend-wasm in Node from the installed .wasm files, and a float comparison. */
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';

/** Imports tfjs-backend-wasm, points it at its installed dist/ folder and makes `wasm` the active backend. */
export async function setUpWasm(): Promise<void> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  const packageJson = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json');
  if (tf.findBackend('wasm') === null) wasm.setWasmPaths(`${packageJson.slice(0, -'package.json'.length)}dist/`);
  if (!(await tf.setBackend('wasm'))) throw new Error('setUpWasm: the wasm backend did not start');
  await tf.ready();
}

/**
 * max_i |a_i - b_i| / max(|b_i|, floor), where entries that are both NaN, or the same infinity, count as equal and
 * any other non-finite mismatch gives Infinity.
 */
export function maxMismatch(actual: ArrayLike<number>, expected: ArrayLike<number>, floor = 1e-6): number {
  if (actual.length !== expected.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i];
    const b = expected[i];
    if (!Number.isFinite(a) || !Number.isFinite(b)) {
      if (!(Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b)))) return Infinity;
      continue;
    }
    worst = Math.max(worst, Math.abs(a - b) / Math.max(Math.abs(b), floor));
  }
  return worst;
}
