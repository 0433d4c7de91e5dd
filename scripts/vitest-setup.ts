/**
 * Runs before every test file: registers tfjs-core's gradients (plain Node registers none; the tfjs-layers
 * Node bundle registers all of them into the same CommonJS copy of tfjs-core that `@tensorflow/tfjs-core`
 * resolves to — importing `@tensorflow/tfjs-core/dist/register_all_gradients` instead would load a second,
 * ESM copy of tfjs-core whose tensors the first does not recognise) and the
 * backend named by CROLOSS_TEST_BACKEND (default `cpu`; `webgpu` needs a Vulkan driver such as
 * Mesa's lavapipe, see .ci/install-lavapipe.sh). A requested backend that cannot start fails loudly.
 */
import '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll } from 'vitest';

const wanted = process.env.CROLOSS_TEST_BACKEND ?? 'cpu';

beforeAll(async () => {
  if (wanted === 'webgpu') {
    const { installNodeWebGPU } = await import('../packages/backends/src/node-webgpu.js');
    await installNodeWebGPU();
  }
  const ok = await tf.setBackend(wanted);
  if (!ok) throw new Error(`vitest-setup: backend '${wanted}' did not start (CROLOSS_TEST_BACKEND)`);
  await tf.ready();
});
