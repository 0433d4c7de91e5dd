// CI check: bundles every public @croloss package for platform browser with esbuild (as an app's bundler would) and fails on any node: or Node built-in import.
//
// Usage: node scripts/check-browser-bundles.mjs   (after the packages are built: it bundles their dist/ through
// their package.json exports, so the `browser` export condition is what is checked). Peer dependencies
// (@tensorflow/*, Dawn's `webgpu`) stay external: they are the app's to install. Prints one line per package and
// closes with `N passed, N failed`; the exit status is 1 when any package fails.
import { build } from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const builtins = new Set(builtinModules);

/** Records every import of a Node built-in (`node:x`, or a bare `fs`, `path`, ...) and who imported it. */
function nodeImportTrap(found) {
  return {
    name: 'node-import-trap',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        const bare = args.path.split('/')[0];
        if (args.path.startsWith('node:') || builtins.has(bare)) {
          found.push(`${args.path} (imported by ${args.importer.replace(root, '')})`);
          return { path: args.path, external: true };
        }
        return undefined;
      });
    },
  };
}

const packages = readdirSync(join(root, 'packages'))
  .map((dir) => ({ dir, json: JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')) }))
  .filter(({ json }) => json.private !== true);

let passed = 0;
let failed = 0;
for (const { json } of packages) {
  const found = [];
  const external = Object.keys(json.peerDependencies ?? {});
  let problem = '';
  try {
    const result = await build({
      stdin: { contents: `export * from ${JSON.stringify(json.name)};`, resolveDir: root, loader: 'js' },
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'esm',
      external,
      logLevel: 'silent',
      plugins: [nodeImportTrap(found)],
    });
    const bytes = result.outputFiles[0].contents.length;
    if (found.length > 0) problem = `imports Node built-ins: ${[...new Set(found)].join(', ')}`;
    else console.log(`ok   ${json.name}: browser bundle ${(bytes / 1024).toFixed(1)} KiB, no node: import (external: ${external.join(', ') || 'none'})`);
  } catch (error) {
    problem = `does not bundle for the browser: ${(error.errors ?? [error]).map((e) => e.text ?? e.message).join('; ')}`;
  }
  if (problem) {
    failed += 1;
    console.log(`FAIL ${json.name}: ${problem}`);
  } else passed += 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
