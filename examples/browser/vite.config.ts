// Vite build of the browser example: ES-module worker, the embedded data and the .wasm files as hashed static assets.
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096, assetsInlineLimit: 0 },
  preview: { port: 4173, strictPort: true },
  server: { port: 5173 },
});
