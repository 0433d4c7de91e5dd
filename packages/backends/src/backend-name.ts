/** The backends selectBackend can start, and the check of a backend name. */
import { argumentError } from '@croloss/internal';

/** The backends {@link selectBackend} can start; `auto` picks the best one that works here. */
export type BackendName = 'auto' | 'webgpu' | 'tensorflow' | 'wasm' | 'cpu';

/** Every accepted backend name, in the order `auto` prefers the concrete ones (after itself). */
export const BACKEND_NAMES: readonly BackendName[] = Object.freeze(['auto', 'webgpu', 'tensorflow', 'wasm', 'cpu']);

/**
 * Checks a backend name, e.g. from a command-line flag; `fn` names the caller in the message.
 *
 * @throws unless `name` is one of {@link BACKEND_NAMES}.
 * @example
 * ```ts
 * import { checkBackendName, selectBackend } from '@croloss/backends';
 * const name = checkBackendName('main', process.argv[2] ?? 'auto'); // 'gpu' throws:
 * // main: argument 'name' must be one of 'auto', 'webgpu', 'tensorflow', 'wasm', 'cpu', got "gpu"
 * await selectBackend(name);
 * ```
 */
export function checkBackendName(fn: string, name: unknown): BackendName {
  if (typeof name !== 'string' || !(BACKEND_NAMES as readonly string[]).includes(name)) {
    throw argumentError(fn, 'name', `one of ${BACKEND_NAMES.map((n) => `'${n}'`).join(', ')}`, name);
  }
  return name as BackendName;
}
