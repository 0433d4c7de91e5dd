import { defineConfig } from 'tsup';

// An application, not a library: ESM bundles for Node 20 (the benchmark CLI and the table merger). Every
// dependency, the workspace @croloss/* packages included, stays external and is loaded from its built dist/
// (turbo builds them first). For the GPU machine, ../shared/gpu/pack.sh bundles src/main.ts with esbuild instead.
export default defineConfig({
  entry: ['src/main.ts', 'src/compare.ts', 'src/cpu-ratio.ts'],
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  dts: false,
  clean: true,
  sourcemap: true,
  skipNodeModulesBundle: true,
});
