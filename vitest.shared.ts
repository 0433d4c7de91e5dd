/**
 * Shared vitest project settings: every package and example imports `projectConfig` so that
 * workspace packages resolve to their TypeScript sources (no build needed for tests) and every test
 * file starts on the backend named by CROLOSS_TEST_BACKEND (cpu by default, webgpu on lavapipe in CI).
 */
import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const packages = ['kernels', 'weighting', 'loss', 'sampling', 'metrics', 'two-tower', 'data', 'testing', 'backends', 'webgpu-kernels', 'wasm-kernels'];

export function projectConfig(name: string, extra: { testTimeout?: number } = {}) {
  return defineProject({
    resolve: {
      alias: packages.map((pkg) => ({
        find: new RegExp(`^@croloss/${pkg}$`),
        replacement: `${root}packages/${pkg}/src/index.ts`,
      })),
    },
    test: {
      name,
      environment: 'node',
      setupFiles: [`${root}scripts/vitest-setup.ts`],
      testTimeout: extra.testTimeout ?? 60_000,
      hookTimeout: 120_000,
    },
  });
}
