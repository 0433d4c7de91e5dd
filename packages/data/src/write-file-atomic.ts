/** Writes a file so that readers only ever see the old content or the complete new content, never a partial file. */
import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file so that readers only ever see the old content or the complete new content, never a
 * partial file: the data goes to `path + '.tmp-<pid>-<random>'` in the same directory, is flushed to
 * disk (fsync), and is then renamed over `path` (rename within one directory is atomic on POSIX). If
 * anything fails, the temporary file is removed and an Error naming the path is thrown.
 *
 * The directory must already exist (create it with `mkdir(dir, { recursive: true })`).
 *
 * @param path destination file
 * @param data the whole new content (a string is written as UTF-8)
 * @example
 * await writeFileAtomic('results/report.json', JSON.stringify(results, null, 2));
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const directory = dirname(path);
  const temporary = join(directory, `${basename(path)}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  let handle: FileHandle | undefined;
  try {
    handle = await open(temporary, 'wx');
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temporary, path);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temporary, { force: true }).catch(() => undefined);
    throw new Error(`writeFileAtomic: could not write '${path}': ${await explain(error, directory)}`, { cause: error });
  }
  await syncDirectory(directory);
}

async function explain(error: unknown, directory: string): Promise<string> {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') {
    const exists = await stat(directory).then(
      (info) => info.isDirectory(),
      () => false,
    );
    if (!exists) return `directory '${directory}' does not exist`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Makes the rename itself durable where the platform allows fsync on a directory (Linux, macOS). */
async function syncDirectory(directory: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(directory, 'r');
    await handle.sync();
  } catch {
    // Not supported everywhere (e.g. Windows); the file itself is already synced and renamed.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
