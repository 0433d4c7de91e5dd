/// <reference types="node" />
/**
 * The main job's losses side by side in worker threads (the default on wasm) give exactly the results of the same
 * command run one loss after the other (--workers 1), and the progress shows every worker. Runs the built CLI
 * (dist/main.js and dist/loss-worker.js; `npm test` builds them) on a small synthetic data set.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const main = join(here, '..', 'dist', 'main.js');

function runCli(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

/** 300 users with clustered tastes over 200 items, one `user item item ...` line each. */
async function writeDataset(dir: string): Promise<string> {
  let seed = 777;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const lines: string[] = [];
  for (let u = 1; u <= 300; u++) {
    const cluster = Math.floor(rand() * 10);
    const items = Array.from({ length: 4 + Math.floor(rand() * 8) }, () => cluster * 20 + 1 + Math.floor(rand() * 20));
    lines.push(`${u} ${items.join(' ')}`);
  }
  const file = join(dir, 'clustered.txt');
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

/** The runs of a results.json without their timings (which differ between any two runs). */
async function runsWithoutTimings(dir: string): Promise<unknown[]> {
  const results = JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')) as { runs: Array<Record<string, unknown>> };
  return results.runs.map(({ trainSeconds: _t, stepsPerSecond: _s, ...rest }) => rest);
}

describe('main job: losses in worker threads', () => {
  it('side by side in 3 workers equals one after the other (same seeds), every worker shows its progress', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'croloss-workers-'));
    const data = await writeDataset(dir);
    const common = ['--data', data, '--steps', '40', '--eval-every', '20', '--batch', '32', '--negatives', '64', '--ns', '10,20,50', '--backend', 'wasm'];
    const parallel = await runCli([...common, '--out', join(dir, 'parallel')]);
    expect(parallel.code, parallel.stderr).toBe(0);
    expect(parallel.stderr).toContain('training softmax, croloss, lambda side by side in 3 worker threads');
    for (const loss of ['softmax', 'croloss', 'lambda']) expect(parallel.stderr).toMatch(new RegExp(`^\\[${loss}\\] step 40/40 loss `, 'm'));
    const sequential = await runCli([...common, '--workers', '1', '--out', join(dir, 'sequential')]);
    expect(sequential.code, sequential.stderr).toBe(0);
    expect(sequential.stderr).not.toContain('worker threads');
    const [a, b] = await Promise.all([runsWithoutTimings(join(dir, 'parallel')), runsWithoutTimings(join(dir, 'sequential'))]);
    expect(a).toHaveLength(3);
    expect(a).toEqual(b);
    // the runs learned something: not three copies of the popularity baseline
    expect((a[0] as { recall: Record<string, number> }).recall['50']).toBeGreaterThan(0.5);
  }, 240_000);
});
