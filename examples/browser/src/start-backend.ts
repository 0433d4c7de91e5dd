// Starts a TensorFlow.js backend inside the page's worker: webgpu and wasm through @croloss/backends, webgl directly (OffscreenCanvas), and reports the adapter.
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '@croloss/backends';
import { argumentError } from '@croloss/internal';

/** Backends the page offers, in the order `auto` tries them. */
export const PAGE_BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type PageBackend = (typeof PAGE_BACKENDS)[number];

/** What started: the tfjs backend, the adapter or GPU it runs on (when there is one), and one line of details. */
export interface StartedBackend {
  backend: PageBackend;
  adapter: string;
  details: string;
}

/** The URLs the bundler gave the three .wasm files of @tensorflow/tfjs-backend-wasm, by file name. */
export type WasmUrls = Record<'tfjs-backend-wasm.wasm' | 'tfjs-backend-wasm-simd.wasm' | 'tfjs-backend-wasm-threaded-simd.wasm', string>;

/**
 * Starts `name` and makes it the active backend, or throws `startPageBackend: 'webgpu' could not start: <reason>`.
 * WebGPU needs `navigator.gpu` and an adapter; WebGL needs OffscreenCanvas with WebGL 2 (or 1) in the worker; wasm
 * needs the .wasm files at `wasmUrls` (SIMD, one thread unless the page is cross-origin isolated).
 *
 * @example
 * ```ts
 * const started = await startPageBackend('webgl', wasmUrls); // { backend: 'webgl', adapter: 'ANGLE (Google, Vulkan ... SwiftShader ...)', ... }
 * ```
 */
export async function startPageBackend(name: PageBackend, wasmUrls: WasmUrls): Promise<StartedBackend> {
  if (!(PAGE_BACKENDS as readonly string[]).includes(name)) {
    throw argumentError('startPageBackend', 'name', `one of ${PAGE_BACKENDS.map((b) => `'${b}'`).join(', ')}`, name);
  }
  const quiet = { log: () => undefined };
  try {
    switch (name) {
      case 'webgpu': {
        const selection = await selectBackend('webgpu', quiet);
        return { backend: 'webgpu', adapter: selection.adapter ?? 'unknown adapter', details: selection.details };
      }
      case 'wasm': {
        const wasm = await import('@tensorflow/tfjs-backend-wasm');
        wasm.setWasmPaths(wasmUrls);
        const selection = await selectBackend('wasm', quiet);
        return { backend: 'wasm', adapter: 'CPU (WebAssembly)', details: selection.details };
      }
      case 'webgl':
        return await startWebGL();
      case 'cpu': {
        const selection = await selectBackend('cpu', quiet);
        return { backend: 'cpu', adapter: 'CPU (JavaScript)', details: selection.details };
      }
    }
  } catch (error) {
    throw new Error(`startPageBackend: '${name}' could not start: ${(error as Error).message}`);
  }
}

async function startWebGL(): Promise<StartedBackend> {
  await import('@tensorflow/tfjs-backend-webgl');
  const ok = await tf.setBackend('webgl').catch(() => false);
  if (!ok) throw new Error('tfjs-backend-webgl did not initialise (no WebGL context on an OffscreenCanvas in this worker)');
  await tf.ready();
  const version = tf.env().getNumber('WEBGL_VERSION');
  const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
  let adapter = 'unknown GPU';
  if (gl) {
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    adapter = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  }
  const float32 = tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED');
  return { backend: 'webgl', adapter, details: `tfjs-backend-webgl, WebGL ${version}, float32 render ${float32 ? 'on' : 'off'}` };
}
