// Registers the kernels a standard retrieval tower's gradient needs on wasm and tfjs-backend-wasm 4.22 lacks.
import * as tf from '@tensorflow/tfjs-core';
import { wasmUnsortedSegmentSum } from './wasm-unsorted-segment-sum';

/** The kernels {@link registerWasmKernels} adds for the `wasm` backend. */
export const WASM_KERNELS_ADDED: readonly string[] = Object.freeze(['UnsortedSegmentSum']);

/**
 * Registers, for the `wasm` backend, the kernels that tfjs-backend-wasm 4.22 lacks and that training a tfjs-layers
 * tower needs: UnsortedSegmentSum (the gradient of Gather, so of every `embedding` layer; without it `model.fit`
 * throws "Kernel 'UnsortedSegmentSum' not registered for backend 'wasm'"). A kernel already registered (a later
 * tfjs-backend-wasm, or a second call) is left alone. `selectBackend('wasm')` calls this; call it yourself when you
 * start wasm another way. Returns the names it registered now.
 *
 * @example
 * ```ts
 * await tf.setBackend('wasm');
 * registerWasmKernels(); // ['UnsortedSegmentSum'] the first time, [] after
 * ```
 */
export function registerWasmKernels(): string[] {
  const added: string[] = [];
  if (!tf.getKernel('UnsortedSegmentSum', 'wasm')) {
    tf.registerKernel({ kernelName: 'UnsortedSegmentSum', backendName: 'wasm', kernelFunc: wasmUnsortedSegmentSum as tf.KernelFunc });
    added.push('UnsortedSegmentSum');
  }
  return added;
}
