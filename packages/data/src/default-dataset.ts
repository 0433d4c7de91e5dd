/** Absolute path of the embedded default data set, `datasets/amazon-beauty.txt.gz` of this package (Amazon 2014 "Beauty" 5-core... */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoaderOptions } from './load-lines';
import { loadSequenceFile } from './load-sequence-file';
import type { SequenceDataset } from './sequence-dataset';

const EMBEDDED_FILE = join('datasets', 'amazon-beauty.txt.gz');

/**
 * Absolute path of the embedded default data set, `datasets/amazon-beauty.txt.gz` of this package
 * (Amazon 2014 "Beauty" 5-core as in SASRec / ICLRec: 22,363 users, 12,101 items, 198,502
 * interactions; see datasets/PROVENANCE.md). Found by walking up from this module's folder, so it
 * works from `src/` (tests), `dist/` (ESM and CJS builds) and an installed `node_modules/@croloss/data`.
 *
 * @example
 * ```ts
 * defaultDatasetPath(); // '/.../node_modules/@croloss/data/datasets/amazon-beauty.txt.gz'
 * ```
 */
export function defaultDatasetPath(): string {
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, EMBEDDED_FILE);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) break;
  }
  throw new Error(`defaultDatasetPath: ${EMBEDDED_FILE} not found in ${start} or any parent folder (is the package's datasets/ folder installed?)`);
}

/**
 * Loads the embedded Amazon Beauty data set (named `amazon-beauty`), ids as in the file.
 *
 * @example
 * ```ts
 * const beauty = await loadDefaultDataset();
 * [beauty.numUsers, beauty.numItems, beauty.items.length]; // [22363, 12101, 198502]
 * ```
 */
export async function loadDefaultDataset(options: LoaderOptions = {}): Promise<SequenceDataset> {
  return loadSequenceFile(defaultDatasetPath(), { name: 'amazon-beauty', ...options });
}
