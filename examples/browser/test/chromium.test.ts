// The page in a real headless Chromium (Debian's, driven by playwright-core): trains on webgpu (SwiftShader), webgl and wasm, matches the Node run, refuses a malformed file, offers the next backend.
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '@croloss/backends';
import { defaultDatasetPath, EMBEDDED_DATASET } from '@croloss/data';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import type { Results } from '../../retrieval/src/report/results';
import { parseDataBytes } from '../src/load-dataset';
import type { PageState } from '../src/page-state';
import type { SessionConfig } from '../src/session-config';
import { runSession } from '../src/train-session';

const enabled = process.env.CROLOSS_CHROMIUM === '1';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The flags that give headless Chromium WebGPU on SwiftShader (navigator.gpu -> a "swiftshader" adapter). */
const FLAGS = ['--headless=new', '--no-sandbox', '--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-vulkan=swiftshader', '--use-webgpu-adapter=swiftshader', '--enable-unsafe-swiftshader'];
const root = fileURLToPath(new URL('..', import.meta.url));
const shots = process.env.CROLOSS_SCREENSHOT_DIR ?? join(tmpdir(), 'croloss-browser-screenshots');

/**
 * The short run every backend does: CROLoss on the embedded Beauty, 80 lazy-Adam steps of 128 histories and 512 shared
 * negatives (on this data about 15% above the most-popular baseline at Recall@50). Lazy Adam because a dense Adam step
 * scatters into the whole 12,102-row table, which SwiftShader runs at well under a step per second.
 */
const RUN: Partial<SessionConfig> = { losses: ['croloss'], steps: 80, batchSize: 128, numNegatives: 512, evalEvery: 40, sparseUpdates: true, seed: 1 };
const QUERY = 'losses=croloss&steps=80&batch=128&negatives=512&evalEvery=40&sparse=1&seed=1';
/** |Recall@50 in the page - Recall@50 in Node|: float32 sums in other orders move a few users across the cut-off at most. */
const TOLERANCE = 0.005;

async function waitForEnd(page: Page, limitMs: number): Promise<PageState> {
  await page.waitForFunction(() => {
    const s = (window as unknown as { __croloss?: PageState }).__croloss;
    return s !== undefined && (s.status === 'done' || s.status === 'error');
  }, undefined, { timeout: limitMs, polling: 500 });
  return page.evaluate(() => JSON.parse(JSON.stringify((window as unknown as { __croloss: PageState }).__croloss)) as PageState);
}

/** Distinct colours among a grid of pixels of a PNG screenshot, counted in the page (a blank page has one). */
async function distinctColours(page: Page, png: Buffer): Promise<number> {
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, image.width, image.height);
    const colours = new Set<number>();
    for (let y = 0; y < image.height; y += 4) for (let x = 0; x < image.width; x += 4) {
      const i = (y * image.width + x) * 4;
      colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    }
    return colours.size;
  }, png.toString('base64'));
}

describe.skipIf(!enabled)('the page in headless Chromium (CROLOSS_CHROMIUM=1; chromium from apt)', () => {
  let server: PreviewServer;
  let url: string;
  let browser: Browser;
  let node: Results;

  beforeAll(async () => {
    const vite = await import('vite');
    await vite.build({ root, logLevel: 'warn' });
    server = await vite.preview({ root, preview: { port: 0, strictPort: false }, logLevel: 'warn' });
    url = server.resolvedUrls!.local[0];
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
    mkdirSync(shots, { recursive: true });
    // The same worker code, seed and steps in Node on wasm: the reference the page must equal.
    await selectBackend('wasm', { log: () => undefined });
    const data = await parseDataBytes(new Uint8Array(readFileSync(defaultDatasetPath())), 'sequence', 'amazon-beauty.txt.gz', EMBEDDED_DATASET.name);
    node = await runSession(data, RUN, 'wasm');
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.httpServer.close(() => resolve()) : resolve()));
  });

  const backends = [
    { name: 'webgpu', adapter: /swiftshader/i, limitMs: 420_000 },
    { name: 'webgl', adapter: /swiftshader/i, limitMs: 420_000 },
    { name: 'wasm', adapter: /WebAssembly/, limitMs: 120_000 },
  ];
  for (const backend of backends) {
    it(`${backend.name}: trains the short run, Recall@50 beats most-popular and equals the Node wasm run within ${TOLERANCE}`, async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      try {
        await page.goto(`${url}?backend=${backend.name}&${QUERY}&autostart=1`);
        const state = await waitForEnd(page, backend.limitMs);
        expect(state.error).toBeNull();
        expect(state.backend).toBe(backend.name);
        expect(state.adapter).toMatch(backend.adapter);
        expect(state.validations).toBe(2);
        const results = state.results!;
        const page50 = results.runs[0].recall[50];
        const node50 = node.runs[0].recall[50];
        console.log(`${backend.name} (${state.adapter}): Recall@50 page ${page50.toFixed(6)}, Node wasm ${node50.toFixed(6)}, baseline ${results.baseline.recall[50].toFixed(6)}; ${results.runs[0].stepsPerSecond.toFixed(2)} steps/s in the page, ${node.runs[0].stepsPerSecond.toFixed(2)} in Node`);
        expect(results.data).toEqual({ name: EMBEDDED_DATASET.name, users: EMBEDDED_DATASET.users, items: EMBEDDED_DATASET.items, interactions: EMBEDDED_DATASET.interactions });
        expect(results.baseline.recall).toEqual(node.baseline.recall);
        expect(page50).toBeGreaterThan(results.baseline.recall[50]);
        expect(Math.abs(page50 - node50)).toBeLessThanOrEqual(TOLERANCE);
        expect(await page.locator('#table tr').count()).toBe(3); // header, CROLoss, baseline
        expect(await page.locator('#plot svg').count()).toBe(1);
        expect(await page.locator('#downloads a').allTextContents()).toEqual([
          'results.json', 'towers-croloss.json', 'towers-croloss.weights.bin', `item-vectors-croloss-${EMBEDDED_DATASET.items}x32.f32`,
        ]);
        const png = await page.screenshot({ fullPage: true });
        writeFileSync(join(shots, `page-${backend.name}.png`), png);
        expect(await distinctColours(page, png)).toBeGreaterThan(20);
      } finally {
        await page.close();
      }
    });
  }

  it('a malformed file gets a message naming the line, and the page stays responsive', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(url);
      await page.locator('#file').setInputFiles({ name: 'bad.txt', mimeType: 'text/plain', buffer: Buffer.from('1 1 2 3\n2 4 5\n3 6 x 7\n') });
      await page.locator('#train').click();
      const state = await waitForEnd(page, 30_000);
      expect(state.status).toBe('error');
      expect(state.error).toContain('parseSequenceText: bad.txt line 3: item id (field 3)');
      expect(await page.locator('#error').textContent()).toContain('bad.txt line 3');
      expect(await page.locator('#train').isEnabled()).toBe(true);
      await page.locator('#format').selectOption('interactions'); // the main thread still answers
      expect(await page.locator('#format').inputValue()).toBe('interactions');
    } finally {
      await page.close();
    }
  });

  it('a backend that fails to start says so and offers the next (webgpu in a Chromium without WebGPU)', async () => {
    const plain = await (await import('playwright-core')).chromium.launch({ executablePath: CHROMIUM, args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-features=WebGPU,Vulkan'] });
    try {
      const page = await plain.newPage();
      await page.goto(`${url}?backend=webgpu&${QUERY}&autostart=1`);
      const state = await waitForEnd(page, 60_000);
      expect(state.status).toBe('error');
      expect(state.error).toMatch(/^The webgpu backend failed to start: startPageBackend: 'webgpu' could not start: /);
      expect(state.offered).toBe('webgl');
      expect(await page.locator('#try-next').textContent()).toBe('Try webgl');
    } finally {
      await plain.close();
    }
  });
});
