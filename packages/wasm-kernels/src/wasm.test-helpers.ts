/// <reference types="node" />
/** Test helpers: starts tfjs-backend-wasm in Node from the installed .wasm files. */
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
