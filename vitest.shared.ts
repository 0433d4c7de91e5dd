/**
 * Shared vitest project settings: every package and example imports `projectConfig` so that
 * workspace packages resolve to their TypeScript sources (no build needed for tests) and every test
 * file starts on the backend named by CROLOSS_TEST_BACKEND (cpu by default, webgpu on lavapipe in CI).
 * `*.data.test.ts` files form the opt-in full-size data suite (see `dataSuite` below).
 */
import { fileURLToPath } from 'node:url';
import { configDefaults, defineProject } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
/**
 * The full-size real-data checks (`*.data.test.ts`, reading the folder CROLOSS_DATA_DIR) run only in `npm run test:data`
 * (scripts/test-data.mjs sets CROLOSS_DATA_TESTS=1); `npm test` runs everything else and needs only the repository.
 */
const dataSuite = process.env.CROLOSS_DATA_TESTS === '1';
const DATA_TESTS = '**/*.data.test.ts';

const packages = ['kernels', 'weighting', 'loss', 'sampling', 'metrics', 'two-tower', 'data', 'testing', 'backends', 'webgpu-kernels', 'internal', 'wasm-kernels'];

export function projectConfig(name: string, extra: { testTimeout?: number } = {}) {
  return defineProject({
    resolve: {
      alias: [
        // the subpath exports (src/<subpath>.ts), then each package's main entry
        { find: /^@croloss\/loss\/blocks$/, replacement: `${root}packages/loss/src/blocks.ts` },
        { find: /^@croloss\/experiment-kit$/, replacement: `${root}examples/experiment-kit/src/index.ts` },
        ...packages.map((pkg) => ({
          find: new RegExp(`^@croloss/${pkg}$`),
          replacement: `${root}packages/${pkg}/src/index.ts`,
        })),
      ],
    },
    test: {
      name,
      environment: 'node',
      ...(dataSuite ? { include: [`src/${DATA_TESTS}`] } : { exclude: [...configDefaults.exclude, DATA_TESTS] }),
      setupFiles: [`${root}scripts/vitest-setup.ts`],
      testTimeout: extra.testTimeout ?? 60_000,
      hookTimeout: 120_000,
    },
  });
}
