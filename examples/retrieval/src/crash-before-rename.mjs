// Test hook for kill-resume.test.ts (preloaded with `node --import`): the process SIGKILLs itself just before the
// Nth rename onto a file named checkpoint.json, i.e. after the new weights file and the new manifest's temporary file
// are written and synced but before the manifest is swapped in. N comes from CROLOSS_CRASH_AT_CHECKPOINT.
import fsPromises from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { basename } from 'node:path';

const crashAt = Number(process.env.CROLOSS_CRASH_AT_CHECKPOINT);
const rename = fsPromises.rename;
let manifests = 0;
fsPromises.rename = async (from, to) => {
  if (basename(String(to)) === 'checkpoint.json' && ++manifests === crashAt) {
    process.stderr.write(`crash-before-rename: SIGKILL before writing checkpoint ${manifests}\n`);
    process.kill(process.pid, 'SIGKILL');
    await new Promise(() => {}); // never returns: the signal ends the process
  }
  return rename(from, to);
};
syncBuiltinESMExports();
