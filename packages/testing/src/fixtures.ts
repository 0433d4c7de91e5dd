/** Test data on disk: the committed real-data fixtures (test-fixtures/), the embedded Beauty data, and the opt-in shared data folder. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/** The repository root (this file is packages/testing/src/fixtures.ts). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Absolute path of a committed real-data fixture, `test-fixtures/<relative>` (provenance and md5 in
 * test-fixtures/README.md). Throws when the file is missing, so a fixture test fails instead of skipping.
 *
 * @example fixturePath('amazon-video/Video_head.txt')
 */
export function fixturePath(relative: string): string {
  const path = join(REPO_ROOT, 'test-fixtures', relative);
  if (!existsSync(path)) throw new Error(`fixturePath: test-fixtures/${relative} is missing from the repository`);
  return path;
}

/** Absolute path of the embedded Amazon Beauty data of @croloss/data (gzip), a committed file. */
export const EMBEDDED_BEAUTY_GZ = join(REPO_ROOT, 'packages/data/datasets/amazon-beauty.txt.gz');

/** The embedded Amazon Beauty sequences as text (`user item item ...` a line), read without @croloss/data. */
export function embeddedBeautyText(): string {
  return gunzipSync(readFileSync(EMBEDDED_BEAUTY_GZ)).toString('utf8');
}

/**
 * The development data folder of the opt-in full-size checks: `CROLOSS_DATA_DIR`, which `npm run test:data`
 * (scripts/test-data.mjs, the one place that knows where that folder lies) sets; null in any other run.
 */
export function sharedDataRoot(): string | null {
  const dir = process.env.CROLOSS_DATA_DIR;
  return dir !== undefined && dir !== '' && existsSync(dir) ? dir : null;
}

/** Whether the development data folder is given and present (in `npm run test:data` where it exists, never in `npm test`). */
export function hasSharedData(): boolean {
  return sharedDataRoot() !== null;
}

/**
 * Absolute path of a file of the development data folder, for the full-size checks of `npm run test:data`.
 * Throws when the folder is not given or the file is missing (scripts/test-data.mjs skips the whole suite, in one
 * line, when the folder is absent, so this only fails for a file that should be there).
 */
export function sharedDataPath(relative: string): string {
  const root = sharedDataRoot();
  if (root === null) {
    throw new Error('sharedDataPath: no development data folder (CROLOSS_DATA_DIR); run the full-size checks with npm run test:data where it is present');
  }
  const path = join(root, relative);
  if (!existsSync(path)) throw new Error(`sharedDataPath: ${relative} is missing from the development data folder ${root}`);
  return path;
}
