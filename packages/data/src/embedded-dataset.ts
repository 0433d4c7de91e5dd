// What the embedded Amazon Beauty asset is and where it lives, for code that fetches it (browsers) rather than reading it from disk.

/**
 * The embedded data set shipped in this package, `datasets/amazon-beauty.txt.gz` (gzipped
 * `user item item ...` lines; see datasets/PROVENANCE.md). The package exports the file itself as
 * `@croloss/data/datasets/amazon-beauty.txt.gz`, so a bundler can serve it as a static asset
 * (Vite: `import url from '@croloss/data/datasets/amazon-beauty.txt.gz?url'`).
 *
 * @example
 * ```ts
 * const bytes = await (await fetch(url)).body!.pipeThrough(new DecompressionStream('gzip'));
 * const data = await parseSequenceText(await new Response(bytes).text(), { name: EMBEDDED_DATASET.name });
 * data.numUsers === EMBEDDED_DATASET.users; // true
 * ```
 */
export const EMBEDDED_DATASET = Object.freeze({
  name: 'amazon-beauty',
  file: 'datasets/amazon-beauty.txt.gz',
  specifier: '@croloss/data/datasets/amazon-beauty.txt.gz',
  format: 'sequence' as const,
  users: 22363,
  items: 12101,
  interactions: 198502,
});
