// The page in a real headless Chromium (Debian's, driven by playwright-core): trains on webgpu (SwiftShader), webgl and wasm, matches the Node run, refuses a malformed file, offers the next backend.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '@croloss/backends';
import { defaultDatasetPath, EMBEDDED_DATASET } from '@croloss/data';
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
 * The short run: CROLoss on the embedded Beauty, 80 lazy-Adam steps of 128 histories and 512 shared negatives, seed 1
 * (on this data about 15% above the most-popular baseline at Recall@50; 60 steps or smaller batches are not reliably
 * above it). Lazy Adam because a dense Adam step scatters into the whole 12,102-row table, which SwiftShader runs at
 * well under a step per second. One validation, at the end, to keep the SwiftShader evaluations few.
 */
const SHORT_RUN: Partial<SessionConfig> = { losses: ['croloss'], steps: 80, batchSize: 128, numNegatives: 512, evalEvery: 80, sparseUpdates: true, seed: 1, ns: [20, 50, 100], validN: 50 };
/**
 * WebGL on SwiftShader compiles every shader program on the CPU (the first training step alone takes minutes here) and
 * tfjs-backend-webgl's scatter is O(table rows x updated rows): 80 steps would add a quarter of an hour to CI. It runs
 * the first 5 steps of the same run instead, and must equal Node's 5 steps; the baseline comparison is left to the
 * 80-step backends (5 steps are far below the baseline on every backend, Node included).
 */
const WEBGL_RUN: Partial<SessionConfig> = { ...SHORT_RUN, steps: 5, evalEvery: 5 };
const query = (run: Partial<SessionConfig>) =>
  `losses=${run.losses!.join(',')}&steps=${run.steps}&batch=${run.batchSize}&negatives=${run.numNegatives}&evalEvery=${run.evalEvery}` +
  `&sparse=${run.sparseUpdates ? 1 : 0}&seed=${run.seed}&ns=${run.ns!.join(',')}&validN=${run.validN}`;
/** |Recall@50 in the page - Recall@50 in Node|: float32 sums in other orders move a few users across the cut-off at most. */
const TOLERANCE = 0.005;

async function waitForEnd(page: Page, limitMs: number): Promise<PageState> {
  try {
    await page.waitForFunction(() => {
      const s = (window as unknown as { __croloss?: PageState }).__croloss;
      return s !== undefined && (s.status === 'done' || s.status === 'error');
    }, undefined, { timeout: limitMs, polling: 500 });
  } catch (error) {
    const shown = await page.locator('#status').textContent().catch(() => '(page gone)');
    throw new Error(`the page did not finish in ${limitMs / 1000} s; it shows "${shown}" (${(error as Error).message.split('\n')[0]})`);
  }
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
  const node = new Map<Partial<SessionConfig>, Results>();

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
    for (const run of [SHORT_RUN, WEBGL_RUN]) node.set(run, await runSession(data, run, 'wasm'));
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.httpServer.close(() => resolve()) : resolve()));
  });

  const backends = [
    { name: 'wasm', adapter: /WebAssembly/, run: SHORT_RUN, beatsBaseline: true, limitMs: 120_000 },
    // SwiftShader: 190-220 s for webgpu and 70-90 s for webgl on 2 idle-ish cores; the limits leave room for a loaded machine.
    { name: 'webgpu', adapter: /swiftshader/i, run: SHORT_RUN, beatsBaseline: true, limitMs: 840_000 },
    { name: 'webgl', adapter: /SwiftShader/, run: WEBGL_RUN, beatsBaseline: false, limitMs: 600_000 },
  ];
  for (const backend of backends) {
    const claim = backend.beatsBaseline ? 'Recall@50 beats most-popular and equals' : 'Recall@50 equals';
    it(`${backend.name}: trains ${backend.run.steps} steps on the embedded data in the page; ${claim} the Node wasm run within ${TOLERANCE}`, async () => {
      const reference = node.get(backend.run)!;
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      try {
        await page.goto(`${url}?backend=${backend.name}&${query(backend.run)}&autostart=1`);
        const state = await waitForEnd(page, backend.limitMs);
        expect(state.error).toBeNull();
        expect(state.backend).toBe(backend.name);
        expect(state.adapter).toMatch(backend.adapter);
        expect(state.validations).toBe(1);
        const results = state.results!;
        const page50 = results.runs[0].recall[50];
        const node50 = reference.runs[0].recall[50];
        console.log(`${backend.name} (${state.adapter}): Recall@50 page ${page50.toFixed(6)}, Node wasm ${node50.toFixed(6)}, baseline ${results.baseline.recall[50].toFixed(6)}; ${results.runs[0].stepsPerSecond.toFixed(2)} steps/s in the page, ${reference.runs[0].stepsPerSecond.toFixed(2)} in Node (${backend.run.steps} steps)`);
        expect(results.data).toEqual({ name: EMBEDDED_DATASET.name, users: EMBEDDED_DATASET.users, items: EMBEDDED_DATASET.items, interactions: EMBEDDED_DATASET.interactions });
        expect(results.baseline.recall).toEqual(reference.baseline.recall);
        if (backend.beatsBaseline) expect(page50).toBeGreaterThan(results.baseline.recall[50]);
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
    }, backend.limitMs + 60_000);
  }

  it("auto tries webgpu, then webgl, and passes over their SwiftShader adapters for wasm, saying so", async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${url}?backend=auto&${query(SHORT_RUN)}&autostart=1`);
      await page.waitForFunction(() => (window as unknown as { __croloss: PageState }).__croloss.backend !== null, undefined, { timeout: 120_000, polling: 250 });
      expect(await page.evaluate(() => (window as unknown as { __croloss: PageState }).__croloss.backend)).toBe('wasm');
      const shown = await page.locator('#adapter').textContent();
      expect(shown).toMatch(/^wasm on CPU \(WebAssembly\) \(tfjs-backend-wasm 4\.22\.0, SIMD on, single thread\); passed over: webgpu: software adapter google \/ swiftshader.*; webgl: software adapter ANGLE .*SwiftShader/);
    } finally {
      await page.close();
    }
  });

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
      await page.goto(`${url}?backend=webgpu&${query(SHORT_RUN)}&autostart=1`);
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
