import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { argumentError } from './argument-error';

/**
 * Streams the lines of a text file with `readline` over `fs.createReadStream`, gunzipping it on the
 * fly when the name ends in `.gz`. Lines come without their `\n` / `\r\n`; the last line is yielded
 * even without a final newline. Read and decompression errors reject the iteration (no hang), and the
 * file is closed when the caller stops early (e.g. a strict loader throwing).
 *
 * @example
 * ```ts
 * for await (const line of readLines('Beauty.txt', 'myLoader')) console.log(line);
 * ```
 */
export async function* readLines(path: string, fn: string): AsyncGenerator<string> {
  if (typeof path !== 'string' || path.length === 0) throw argumentError(fn, 'path', 'a non-empty file path', path);
  const info = await stat(path).catch(() => null);
  if (info === null || !info.isFile()) throw argumentError(fn, 'path', 'an existing file', path);

  const file = createReadStream(path);
  let input: Readable = file;
  if (path.endsWith('.gz')) {
    const gunzip = createGunzip();
    file.on('error', (error) => gunzip.destroy(error));
    input = file.pipe(gunzip);
  }
  let failure: Error | null = null;
  input.on('error', (error) => {
    failure = new Error(`${fn}: could not read ${path}: ${error.message}`);
  });
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      if (failure) throw failure;
      yield line;
    }
    if (failure) throw failure;
  } catch (error) {
    throw failure ?? error;
  } finally {
    lines.close();
    input.destroy();
    file.destroy();
  }
}
