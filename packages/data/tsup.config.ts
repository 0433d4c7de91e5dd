import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/browser.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2020',
  platform: 'node',
  // `import.meta.url` (used to find the embedded data set) is shimmed in the CJS build.
  shims: true,
  external: [/^@tensorflow\//, /^@croloss\//],
});
