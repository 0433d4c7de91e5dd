/// <reference types="node" />
/**
 * Test helpers: WebGPU in Node through Dawn (the npm package `webgpu`), set up as @croloss/backends does it (this
 * package cannot depend on @croloss/backends, which depends on it).
 */
import * as tf from '@tensorflow/tfjs-core';

/** Sets navigator.gpu from Dawn, then imports tfjs-backend-webgpu (it registers only if navigator.gpu exists) and starts it. */
export async function setUpNodeWebGPU(): Promise<void> {
  const g = globalThis as unknown as { navigator?: { gpu?: unknown } };
  if (!g.navigator?.gpu) {
    const dawn = (await import('webgpu')) as unknown as { create(options: string[]): unknown; globals: Record<string, unknown> };
    Object.assign(globalThis, dawn.globals);
    const gpu = dawn.create([]);
    if (!g.navigator) g.navigator = {};
    try {
      g.navigator.gpu = gpu;
    } catch {
      // a navigator whose properties cannot be assigned
    }
    if (g.navigator.gpu !== gpu) Object.defineProperty(g.navigator, 'gpu', { value: gpu, configurable: true, writable: true });
  }
  await import('@tensorflow/tfjs-backend-webgpu');
  if (!(await tf.setBackend('webgpu'))) {
    throw new Error('webgpu backend did not start: install a Vulkan driver (lavapipe: .ci/install-lavapipe.sh) and set XDG_RUNTIME_DIR');
  }
  await tf.ready();
}
