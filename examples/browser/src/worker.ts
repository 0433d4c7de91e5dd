// The training Web Worker: starts the backend (webgpu -> webgl -> wasm), loads and parses the data, runs the session and posts progress to the page.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import * as tf from '@tensorflow/tfjs-core';
import { EMBEDDED_DATASET } from '@croloss/data';
import beautyUrl from '@croloss/data/datasets/amazon-beauty.txt.gz?url';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { parseDataBytes } from './load-dataset';
import type { DataSource, StartMessage, WorkerMessage } from './protocol';
import { startPageBackend, type PageBackend, type StartedBackend, type WasmUrls } from './start-backend';
import { towerFiles } from './tower-files';
import { runSession } from './train-session';

const WASM_URLS: WasmUrls = {
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
};
const AUTO_ORDER: PageBackend[] = ['webgpu', 'webgl', 'wasm'];
/** GPUs emulated on the CPU (Chromium's SwiftShader, Mesa's llvmpipe / lavapipe): `auto` prefers wasm to them, as @croloss/backends does. */
const SOFTWARE_ADAPTER = /swiftshader|llvmpipe|lavapipe|software/i;

interface WorkerScope {
  postMessage(message: WorkerMessage, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<StartMessage>) => void) | null;
}
const scope = self as unknown as WorkerScope;
const post = (message: WorkerMessage, transfer: Transferable[] = []) => scope.postMessage(message, transfer);

async function startBackend(wanted: PageBackend | 'auto'): Promise<StartedBackend | null> {
  const order = wanted === 'auto' ? AUTO_ORDER : [wanted];
  const notes: string[] = [];
  for (const name of order) {
    try {
      const started = await startPageBackend(name, WASM_URLS);
      if (wanted === 'auto' && name !== 'wasm' && SOFTWARE_ADAPTER.test(started.adapter)) {
        notes.push(`${name}: software adapter ${started.adapter}, slower than wasm (choose ${name} by name to use it)`);
        continue;
      }
      post({ type: 'backend', started, notes });
      return started;
    } catch (error) {
      const message = (error as Error).message;
      if (wanted !== 'auto') {
        const next = AUTO_ORDER[AUTO_ORDER.indexOf(name) + 1] ?? (name === 'wasm' ? 'cpu' : null);
        post({ type: 'backend-failed', backend: name, message, next });
        return null;
      }
      notes.push(message);
    }
  }
  post({ type: 'backend-failed', backend: 'wasm', message: `no backend started: ${notes.join('; ')}`, next: 'cpu' });
  return null;
}

async function loadData(source: DataSource) {
  const started = performance.now();
  const bytes = source.kind === 'embedded'
    ? new Uint8Array(await (await fetch(beautyUrl)).arrayBuffer())
    : new Uint8Array(source.bytes);
  const dataset = source.kind === 'embedded'
    ? await parseDataBytes(bytes, EMBEDDED_DATASET.format, 'amazon-beauty.txt.gz', EMBEDDED_DATASET.name)
    : await parseDataBytes(bytes, source.format, source.name);
  post({ type: 'data', name: dataset.name, users: dataset.numUsers, items: dataset.numItems, interactions: dataset.items.length, parseMs: performance.now() - started });
  return dataset;
}

scope.onmessage = async (event) => {
  const message = event.data;
  if (message.type !== 'start') return;
  let dataset;
  try {
    dataset = await loadData(message.data);
  } catch (error) {
    post({ type: 'data-failed', message: (error as Error).message });
    return;
  }
  const started = await startBackend(message.backend);
  if (!started) return;
  try {
    let baseline = {};
    const results = await runSession(dataset, message.config, started.backend, {
      onBaseline: (recall) => { baseline = recall; },
      onProgress: (info) => post({ type: 'progress', ...info }),
      onValidation: (info) => post({ type: 'validation', ...info, baseline }),
      onRun: (run) => post({ type: 'run', run }),
      onTrained: async (loss, model) => {
        const files = await towerFiles(loss, model);
        post({ type: 'trained', files }, [files.weights, files.itemVectors]);
      },
    });
    post({ type: 'done', results: { ...results, backend: `${started.backend} (${started.adapter})` } });
  } catch (error) {
    post({ type: 'failed', message: (error as Error).message });
  } finally {
    if (tf.memory().numTensors > 64) console.warn(`worker: ${tf.memory().numTensors} tensors alive after the session`);
  }
};
