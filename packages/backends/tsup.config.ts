import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2020',
  external: [/^@tensorflow\//, /^@croloss\//, 'webgpu'],
  // import.meta.url (locating tfjs-backend-wasm's .wasm files in Node) also in the CommonJS build
  shims: true,
});
