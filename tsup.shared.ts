/** The tsup settings every package and example builds with: @croloss/internal is bundled in, every other dependency stays external. */
import { defineConfig, type Options } from 'tsup';

/** The private shared-helpers package: never published, so each build inlines it (code and types). */
const INTERNAL = /^@croloss\/internal$/;

/** The examples' private shared code (experiment protocol, chart rendering): source only, bundled into each example. */
const EXPERIMENT_KIT = /^@croloss\/experiment-kit$/;

/** A publishable package: ESM + CJS from src/index.ts (and src/<subpath>.ts for each subpath export) with bundled types; tfjs and the other @croloss packages external. */
export function libraryConfig(extra: Pick<Options, 'platform' | 'shims'> & { external?: string[]; subpaths?: string[] } = {}) {
  return defineConfig({
    entry: ['src/index.ts', ...(extra.subpaths ?? []).map((name) => `src/${name}.ts`)],
    format: ['esm', 'cjs'],
    // No public type may come from @croloss/internal (its types are not published): publish-check greps dist for it.
    // `npm start` sets CROLOSS_BUILD_DTS=0 (declared in turbo.json, so turbo caches both kinds apart): running the
    // examples needs no .d.ts, and the type bundles are four fifths of a clean build's time.
    dts: process.env.CROLOSS_BUILD_DTS !== '0',
    clean: true,
    sourcemap: true,
    target: 'es2020',
    ...(extra.platform ? { platform: extra.platform } : {}),
    ...(extra.shims ? { shims: extra.shims } : {}),
    external: [/^@tensorflow\//, /^@croloss\/(?!internal$)/, ...(extra.external ?? [])],
    noExternal: [INTERNAL],
  });
}

/**
 * An example application: one ESM bundle for Node 20. Every dependency, the workspace @croloss/* packages
 * included, stays external and is loaded from its built dist/ (turbo builds them first; @croloss/data finds its
 * embedded data set next to its own module), except @croloss/internal and @croloss/experiment-kit, which have no
 * dist and are bundled.
 */
export function exampleConfig(entry: string[]) {
  return defineConfig({
    entry,
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    dts: false,
    clean: true,
    sourcemap: true,
    skipNodeModulesBundle: true,
    noExternal: [INTERNAL, EXPERIMENT_KIT],
  });
}
