#!/usr/bin/env node
/** `npm run test:data`: the opt-in full-size checks against the whole files of ../shared/data (passed to them as CROLOSS_DATA_DIR); one line and exit 0 when that folder is absent. */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const shared = fileURLToPath(new URL('../../shared/data/', import.meta.url));
if (!existsSync(shared)) {
  console.log('test:data: skipped: ../shared/data is absent (the full-size real-data checks need it; npm test covers the committed fixtures)');
  process.exit(0);
}
const result = spawnSync('npx', ['vitest', 'run', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, CROLOSS_DATA_TESTS: '1', CROLOSS_DATA_DIR: shared },
});
process.exit(result.status ?? 1);
