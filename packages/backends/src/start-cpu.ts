/** Starts @tensorflow/tfjs-backend-cpu. */
import { activateBackend } from './activate';
import { isModuleNotFound, messageOf } from './environment';
import type { BackendSelection } from './selection';

/** Starts @tensorflow/tfjs-backend-cpu: plain JavaScript, everywhere, slowest. */
export async function startCpu(): Promise<BackendSelection> {
  let cpu: typeof import('@tensorflow/tfjs-backend-cpu');
  try {
    cpu = await import('@tensorflow/tfjs-backend-cpu');
  } catch (error) {
    const missing = isModuleNotFound(error, 'tfjs-backend-cpu');
    throw new Error(
      `selectBackend: ${missing ? 'the optional peer dependency @tensorflow/tfjs-backend-cpu is not installed' : 'could not load @tensorflow/tfjs-backend-cpu'}` +
        ` (${messageOf(error)}); install it with \`npm install @tensorflow/tfjs-backend-cpu@4.22.0\``,
    );
  }
  await activateBackend('cpu', 'Make sure only one copy of @tensorflow/tfjs-core is installed.');
  return { backend: 'cpu', details: `tfjs-backend-cpu ${cpu.version_cpu}, plain JavaScript` };
}
