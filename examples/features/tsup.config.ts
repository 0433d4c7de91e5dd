import { defineConfig } from 'tsup';

// The example is an application, not a library: one ESM bundle for Node 20. Every dependency, the workspace
// @croloss/* packages included, stays external and is loaded from its built dist/ (turbo builds them first):
// @croloss/data finds its embedded data set next to its own module.
export default defineConfig({
  entry: ['src/main.ts'],
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  dts: false,
  clean: true,
  sourcemap: true,
  skipNodeModulesBundle: true,
});
