/** Test helper: the path of a file of the shared real data (../shared/data beside the repo), or a loud error. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Test helper: absolute path of a file of the shared real data (`../shared/data` beside the repo, as
 * in CI). Throws when the folder is missing so that the data tests fail loudly instead of skipping.
 */
export function sharedDataPath(relative: string): string {
  const root = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
  if (!existsSync(root)) {
    throw new Error(`sharedDataPath: the shared data folder ${root} is missing; the data tests need it (CI keeps it beside the repo)`);
  }
  const path = fileURLToPath(new URL(relative, new URL('../../../../shared/data/', import.meta.url)));
  if (!existsSync(path)) throw new Error(`sharedDataPath: ${path} is missing from the shared data folder`);
  return path;
}
