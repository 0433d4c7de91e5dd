import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless=new', '--no-sandbox', '--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-vulkan=swiftshader', '--use-webgpu-adapter=swiftshader', '--enable-unsafe-swiftshader'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
page.on('console', (m) => console.log('console:', m.text()));
page.on('pageerror', (e) => console.log('pageerror:', e.message));
const backend = process.argv[2] ?? 'wasm';
const t0 = Date.now();
await page.goto(`http://localhost:4199/?backend=${backend}&losses=croloss&steps=80&batch=128&negatives=512&evalEvery=40&sparse=1&autostart=1`);
for (let i = 0; i < 300; i++) {
  const s = await page.evaluate(() => ({ status: window.__croloss.status, error: window.__croloss.error, adapter: window.__croloss.adapter, text: document.getElementById('status').textContent }));
  if (i % 5 === 0) console.log(JSON.stringify(s));
  if (s.status === 'done' || s.status === 'error') break;
  await new Promise((r) => setTimeout(r, 1000));
}
const r = await page.evaluate(() => window.__croloss.results && { backend: window.__croloss.results.backend, rec: window.__croloss.results.runs[0].recall, sps: window.__croloss.results.runs[0].stepsPerSecond, hist: window.__croloss.results.runs[0].history });
console.log(JSON.stringify(r), (Date.now() - t0) / 1000, 's');
await page.screenshot({ path: `/tmp/b14-${backend}.png`, fullPage: true });
await browser.close();
