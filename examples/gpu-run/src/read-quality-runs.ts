/** Reads the committed quality runs (docs/quality/<run>/results.json) that the webgpu rows stand next to. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { argumentError } from '@croloss/internal';
import type { MainJobResults } from './gpu-run';

/**
 * results.json of every sub-folder of `dir` that has one, in folder-name order.
 *
 * @example
 * ```ts
 * readQualityRuns('docs/quality').map((r) => r.backend); // ['wasm', 'wasm', 'wasm', 'wasm']
 * ```
 */
export function readQualityRuns(dir: string): MainJobResults[] {
  if (!existsSync(dir)) throw argumentError('readQualityRuns', 'dir', 'a folder of quality runs (<run>/results.json)', dir);
  return readdirSync(dir)
    .sort()
    .map((name) => join(dir, name, 'results.json'))
    .filter((file) => existsSync(file))
    .map((file) => JSON.parse(readFileSync(file, 'utf8')) as MainJobResults);
}
