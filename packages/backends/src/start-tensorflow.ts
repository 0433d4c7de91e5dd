/** Starts the native `tensorflow` backend of @tensorflow/tfjs-node-gpu (else @tensorflow/tfjs-node). */
import * as tf from '@tensorflow/tfjs-core';
import { activateBackend } from './activate';
import { backendError, isModuleNotFound, isNode, messageOf } from './environment';
import type { BackendSelection } from './selection';

/** The tfjs-node packages, GPU build first; names held in an array so bundlers don't try to resolve them. */
const TFJS_NODE_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'];

const INSTALL_HELP =
  'Install one of them: `npm install @tensorflow/tfjs-node-gpu@4.22.0` for NVIDIA GPUs (Linux x64 with CUDA 11.x and cuDNN 8; ' +
  'the install downloads libtensorflow), or `npm install @tensorflow/tfjs-node@4.22.0` for the native CPU build. ' +
  "Or pick another backend: 'webgpu', 'wasm', 'cpu'.";

/**
 * Starts the native `tensorflow` backend of @tensorflow/tfjs-node-gpu (else @tensorflow/tfjs-node).
 * A package that is installed but fails to load (e.g. missing CUDA libraries) is an error, not a
 * reason to fall back to the other one.
 */
export async function startTensorflow(): Promise<BackendSelection> {
  if (!isNode()) {
    throw backendError("selectBackend: 'tensorflow' (tfjs-node) runs only in Node.js; in browsers use 'webgpu', 'wasm' or 'cpu'", 'not Node.js');
  }
  const notInstalled: string[] = [];
  for (const name of TFJS_NODE_PACKAGES) {
    let loaded: { version?: Record<string, string> };
    try {
      loaded = await import(/* webpackIgnore: true */ /* @vite-ignore */ name);
    } catch (error) {
      if (isModuleNotFound(error, name)) {
        notInstalled.push(`${name}: ${messageOf(error)}`);
        continue;
      }
      throw backendError(`selectBackend: ${name} is installed but failed to load: ${messageOf(error)}. ${INSTALL_HELP}`, `${name} failed to load`);
    }
    await activateBackend(
      'tensorflow',
      `${name} loaded but its backend is not in this copy of @tensorflow/tfjs-core (${tf.version_core}); install matching versions (4.22.0).`,
    );
    const module = (loaded as { default?: { version?: Record<string, string> } }).default ?? loaded;
    const libtensorflow = module.version?.tensorflow ?? loaded.version?.tensorflow;
    const gpu = name.endsWith('-gpu');
    return {
      backend: 'tensorflow',
      details: `${name}${libtensorflow ? `, libtensorflow ${libtensorflow}` : ''}, ${gpu ? 'CUDA GPU build' : 'CPU build'}`,
    };
  }
  throw backendError(
    `selectBackend: 'tensorflow' needs @tensorflow/tfjs-node-gpu or @tensorflow/tfjs-node (optional peer dependencies), and neither loads here (${notInstalled.join('; ')}). ${INSTALL_HELP}`,
    'neither @tensorflow/tfjs-node-gpu nor @tensorflow/tfjs-node is installed',
  );
}
