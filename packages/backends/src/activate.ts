/** `tf.setBackend(name)` that fails loudly. */
import * as tf from '@tensorflow/tfjs-core';
import { messageOf } from './environment';

/**
 * `tf.setBackend(name)` that fails loudly: tfjs returns false (after a console warning) when a
 * registered backend cannot initialize, e.g. WebGPU without an adapter. `hint` goes into the Error.
 */
export async function activateBackend(name: string, hint: string): Promise<void> {
  if (!isBackendRegistered(name)) {
    throw new Error(`selectBackend: backend '${name}' is not registered with this copy of @tensorflow/tfjs-core. ${hint}`);
  }
  let ok: boolean;
  try {
    ok = await tf.setBackend(name);
  } catch (error) {
    throw new Error(`selectBackend: backend '${name}' failed to initialize: ${messageOf(error)}. ${hint}`);
  }
  if (!ok) throw new Error(`selectBackend: backend '${name}' did not start (tf.setBackend returned false). ${hint}`);
  await tf.ready();
  if (tf.getBackend() !== name) {
    throw new Error(`selectBackend: asked for backend '${name}' but tfjs runs on '${tf.getBackend()}'. ${hint}`);
  }
}

/**
 * True once backend `name` has been initialized (by tf.setBackend or tf.ready). Unlike
 * `tf.findBackend`, which starts initializing a registered backend as a side effect, this only looks.
 */
export function isBackendInitialized(name: string): boolean {
  return name in (tf.engine() as unknown as { registry: Record<string, unknown> }).registry;
}

/** True when backend `name` is registered (its factory) or already initialized; starts nothing. */
export function isBackendRegistered(name: string): boolean {
  return tf.findBackendFactory(name) !== null || isBackendInitialized(name);
}
