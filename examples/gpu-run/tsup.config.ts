import { defineConfig } from 'tsup';

// An application: the tables CLI as one ESM file for Node 20 (node:fs and node:util only).
export default defineConfig({
  entry: ['src/main.ts'],
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  dts: false,
  clean: true,
  sourcemap: true,
});
