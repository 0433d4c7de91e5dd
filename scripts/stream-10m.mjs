#!/usr/bin/env node
// Streams a generated 10,000,000-line `user item` interactions file through @croloss/data's interactions loader
// (the one `loadDataFile(path, 'interactions')` uses) and reports the peak memory of the load as one JSON line.
//
// It imports the BUILT package (packages/data/dist), so build it first:
//
//   npx turbo run build --filter=@croloss/data
//   node --max-old-space-size=1024 scripts/stream-10m.mjs [--lines 10000000] [--users 500000] [--items 50000] [--seed 1]
//
// The file (~120 MB) is written in a temporary folder by streaming writes (never held in memory): users drawn
// uniformly (so their lines interleave, the loader's harder case), items by a power law (item = 1 + floor(items *
// u^3), u uniform: small ids are popular), both from a seeded mulberry32 PRNG, so the same flags give the same file.
// While the loader runs, process.memoryUsage() is sampled every 100 ms; `peakRssMB` and `peakHeapMB` are the largest
// samples (typed arrays live outside the V8 heap, see `peakArrayBuffersMB`). On Linux, `peakRssKernelMB` is the
// kernel's high-water mark (VmHWM, reset just before the load): it also sees the synchronous CSR build at the end,
// which the 100 ms timer cannot interrupt. The temporary folder is deleted at the end, also on error or Ctrl-C.
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataFile } from '@croloss/data';

const MB = 1024 * 1024;

function flag(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!(Number.isInteger(value) && value >= 1)) {
    console.error(`stream-10m: argument '--${name}' must be an integer >= 1, got ${JSON.stringify(process.argv[at + 1])}`);
    process.exit(2);
  }
  return value;
}

const numLines = flag('lines', 10_000_000);
const numUsers = flag('users', 500_000);
const numItems = flag('items', 50_000);
const seed = flag('seed', 1);

/** mulberry32: a small seeded PRNG returning floats in [0, 1). */
function mulberry32(s) {
  let a = s >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes the file in chunks of 100,000 lines, waiting for the stream to drain: memory stays at one chunk. */
async function generate(path) {
  const random = mulberry32(seed);
  const out = createWriteStream(path);
  const chunkLines = 100_000;
  for (let written = 0; written < numLines; written += chunkLines) {
    let chunk = '';
    const end = Math.min(numLines, written + chunkLines);
    for (let i = written; i < end; i++) {
      const user = 1 + Math.floor(random() * numUsers);
      const u = random();
      const item = 1 + Math.floor(numItems * u * u * u);
      chunk += `${user} ${item}\n`;
    }
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** Resets the kernel's peak-RSS counter (Linux: `5` in clear_refs); false where unsupported. */
function resetKernelPeak() {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** VmHWM of /proc/self/status in MB, or null off Linux. */
function kernelPeakMB() {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

const round = (x, digits = 1) => (x === null ? null : Number(x.toFixed(digits)));

const folder = mkdtempSync(join(tmpdir(), 'croloss-stream-10m-'));
const cleanUp = () => rmSync(folder, { recursive: true, force: true });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    cleanUp();
    process.exit(130);
  });
}

try {
  const path = join(folder, 'interactions.txt');
  const generateStart = performance.now();
  await generate(path);
  const generateSeconds = (performance.now() - generateStart) / 1000;
  const fileMB = statSync(path).size / MB;

  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  let peakArrayBuffers = before.arrayBuffers;
  const sample = () => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
    peakArrayBuffers = Math.max(peakArrayBuffers, now.arrayBuffers);
  };
  const kernelPeakReset = resetKernelPeak();
  const timer = setInterval(sample, 100);
  const loadStart = performance.now();
  let dataset;
  try {
    dataset = await loadDataFile(path, 'interactions');
  } finally {
    clearInterval(timer);
  }
  const loadSeconds = (performance.now() - loadStart) / 1000;
  sample();

  const distinctItems = new Uint8Array(dataset.numItems + 1);
  for (let i = 0; i < dataset.items.length; i++) distinctItems[dataset.items[i]] = 1;
  let items = 0;
  for (let d = 1; d < distinctItems.length; d++) items += distinctItems[d];

  console.log(
    JSON.stringify({
      lines: numLines,
      users: dataset.numUsers,
      items,
      numItems: dataset.numItems,
      interactions: dataset.items.length,
      warnings: dataset.warnings.length,
      fileMB: round(fileMB),
      generateSeconds: round(generateSeconds, 2),
      loadSeconds: round(loadSeconds, 2),
      rssBeforeMB: round(before.rss / MB),
      peakRssMB: round(peakRss / MB),
      peakRssKernelMB: kernelPeakReset ? round(kernelPeakMB()) : null,
      peakHeapMB: round(peakHeap / MB),
      peakArrayBuffersMB: round(peakArrayBuffers / MB),
      node: process.version,
    }),
  );
} finally {
  cleanUp();
}
