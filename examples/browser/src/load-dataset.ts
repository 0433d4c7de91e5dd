// Bytes to a SequenceDataset off the main thread: gunzip with DecompressionStream when gzipped, then the browser-safe parsers of @croloss/data.
import { parseDataText, type SequenceDataset, type TextFormat } from '@croloss/data';

/** True when `bytes` start with the gzip magic number 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Decodes `bytes` as UTF-8 text, gunzipping them first (DecompressionStream, in browsers, workers and Node 18+)
 * when they start with the gzip magic number.
 *
 * @example
 * ```ts
 * const text = await bytesToText(new Uint8Array(await (await fetch(beautyUrl)).arrayBuffer()));
 * ```
 */
export async function bytesToText(bytes: Uint8Array): Promise<string> {
  if (!isGzip(bytes)) return new TextDecoder('utf-8').decode(bytes);
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  try {
    return await new Response(stream).text();
  } catch (error) {
    throw new Error(`bytesToText: argument 'bytes' must be a valid gzip stream, got a corrupt one (${(error as Error).message})`);
  }
}

/**
 * Parses a data file's bytes (plain or gzipped) in `format`. Malformed lines are Errors naming the file and the line
 * (`parseSequenceText: my.txt line 3: item id (field 2) must be an integer ...`), so a bad file is refused at once.
 *
 * @example
 * ```ts
 * const data = await parseDataBytes(new Uint8Array(await file.arrayBuffer()), 'sequence', file.name);
 * ```
 */
export async function parseDataBytes(bytes: Uint8Array, format: TextFormat, source: string, name?: string): Promise<SequenceDataset> {
  return parseDataText(await bytesToText(bytes), format, { source, name, strict: true });
}
