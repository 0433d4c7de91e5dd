/** Tests of browser safety. */
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// Bundles the package for browsers, as an app's bundler would: no Node built-in may be imported
// statically, and the Node-only modules (Dawn's `webgpu`, tfjs-node, node:module) must stay
// runtime-only dynamic imports the bundler leaves alone.
describe('browser safety', () => {
  it('bundles for the browser with only the tfjs packages external, importing no Node module statically', async () => {
    const result = await build({
      entryPoints: [decodeURIComponent(new URL('./index.ts', import.meta.url).pathname)],
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'esm',
      external: ['@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-webgpu', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-backend-cpu'],
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    const code = result.outputFiles[0].text;
    const staticImports = [...new Set([...code.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]))];
    expect(staticImports).toEqual(['@tensorflow/tfjs-core']);
    expect(code).not.toMatch(/\brequire\(/);
    expect(code).not.toMatch(/import\(\s*"(webgpu|node:[a-z]+|@tensorflow\/tfjs-node(-gpu)?)"\s*\)/);
  });
});
