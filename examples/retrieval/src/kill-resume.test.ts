/// <reference types="node" />
/**
 * Interrupted runs of the main job, as a user meets them: `kill -9` during training and during a checkpoint write,
 * then the same command again. At most the steps since the last checkpoint are lost, and the resumed run ends with
 * exactly the Recall of a run that was never interrupted (same seed: weights, Adam state, samplers and early-stopping
 * state all come back). Runs the built CLI (dist/main.js; `npm test` builds it) on a small synthetic data set.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const main = join(here, '..', 'dist', 'main.js');
const crashHook = join(here, 'crash-before-rename.mjs');
const EVAL_EVERY = 40;
const STEPS = 240;

interface Run { code: number | null; signal: NodeJS.Signals | null; stderr: string }

/** Runs the CLI; `killWhen` may SIGKILL it, given the stderr so far. */
function runCli(args: string[], options: { env?: Record<string, string>; preload?: string; killWhen?: (stderr: string) => boolean } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const nodeArgs = options.preload ? ['--import', options.preload] : [];
    const child = spawn(process.execPath, [...nodeArgs, main, ...args], { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (options.killWhen?.(stderr)) child.kill('SIGKILL');
    });
    child.stdout.resume();
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

/** 400 users with clustered tastes over 200 items, one `user item item ...` line each. */
async function writeDataset(dir: string): Promise<string> {
  let seed = 12345;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const lines: string[] = [];
  for (let u = 1; u <= 400; u++) {
    const cluster = Math.floor(rand() * 10);
    const length = 4 + Math.floor(rand() * 8);
    const items = Array.from({ length }, () => cluster * 20 + 1 + Math.floor(rand() * 20));
    lines.push(`${u} ${items.join(' ')}`);
  }
  const file = join(dir, 'clusters.txt');
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

const stepsLogged = (stderr: string) => [...stderr.matchAll(/\[croloss\] step (\d+)\/\d+/g)].map((m) => Number(m[1]));
const resumedFrom = (stderr: string) => Number(/resuming croloss from step (\d+)/.exec(stderr)?.[1] ?? NaN);
const recall = async (out: string) => JSON.parse(await readFile(join(out, 'results.json'), 'utf8')).runs[0].recall as Record<string, number>;

describe.skipIf(!existsSync(main))('kill -9 and resume (the built main job)', () => {
  let dir = '';
  let common: string[] = [];
  let uninterrupted: Record<string, number> = {};

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'croloss-kill-'));
    const data = await writeDataset(dir);
    common = ['--data', data, '--format', 'sequence', '--losses', 'croloss', '--steps', String(STEPS), '--eval-every', String(EVAL_EVERY),
      '--patience', '1000', '--batch', '32', '--negatives', '64', '--dim', '8', '--max-history', '8', '--ns', '10,50', '--seed', '3', '--backend', 'cpu'];
    const straight = await runCli([...common, '--out', join(dir, 'straight')]);
    expect(straight.code, straight.stderr).toBe(0);
    uninterrupted = await recall(join(dir, 'straight'));
  }, 120_000);

  it('kill -9 during training loses at most the steps since the last checkpoint, and the resumed run ends identical', async () => {
    const checkpoints = join(dir, 'ckpt-train');
    const args = [...common, '--checkpoint-dir', checkpoints, '--out', join(dir, 'killed')];
    const killed = await runCli(args, { killWhen: (stderr) => stepsLogged(stderr).some((s) => s >= 130) });
    expect(killed.signal).toBe('SIGKILL');
    const reached = Math.max(...stepsLogged(killed.stderr));
    expect(existsSync(join(dir, 'killed', 'results.json'))).toBe(false); // no partial report

    const resumed = await runCli(args);
    expect(resumed.code, resumed.stderr).toBe(0);
    const from = resumedFrom(resumed.stderr);
    expect(from % EVAL_EVERY).toBe(0);
    expect(reached - from).toBeGreaterThanOrEqual(0);
    expect(reached - from).toBeLessThan(EVAL_EVERY + 10); // at most the steps since the last checkpoint (+ the log interval)
    expect(await recall(join(dir, 'killed'))).toEqual(uninterrupted);
  }, 120_000);

  it('kill -9 in the middle of a checkpoint write leaves the previous checkpoint usable and resumes from it', async () => {
    const checkpoints = join(dir, 'ckpt-write');
    const args = [...common, '--checkpoint-dir', checkpoints, '--out', join(dir, 'torn')];
    const killed = await runCli(args, { preload: crashHook, env: { CROLOSS_CRASH_AT_CHECKPOINT: '3' } });
    expect(killed.signal, killed.stderr).toBe('SIGKILL');
    const left = await readdir(join(checkpoints, 'croloss'));
    expect(left.some((f) => /^checkpoint\.json\.tmp-/.test(f))).toBe(true); // killed mid-write: a temporary manifest is there
    expect(JSON.parse(await readFile(join(checkpoints, 'croloss', 'checkpoint.json'), 'utf8')).step).toBe(2 * EVAL_EVERY);

    const resumed = await runCli(args);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumedFrom(resumed.stderr)).toBe(2 * EVAL_EVERY);
    expect(await recall(join(dir, 'torn'))).toEqual(uninterrupted);
    const after = await readdir(join(checkpoints, 'croloss'));
    expect(after.filter((f) => f.includes('.tmp-'))).toEqual([]); // the orphan was cleaned up by the next save
    expect(after.filter((f) => f.startsWith('weights-'))).toEqual([`weights-${STEPS}.bin`]);
  }, 120_000);
});
