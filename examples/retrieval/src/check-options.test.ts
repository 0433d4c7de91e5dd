/** The main job rejects each bad flag value with its own message before it reads data or trains (unit checks and the built CLI). */
/// <reference types="node" />
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkOptions, checkOptionsForData, type MainOptions } from './check-options';

const scratch = mkdtempSync(join(tmpdir(), 'croloss-options-'));
const aFile = join(scratch, 'a-file.txt');
writeFileSync(aFile, '1 2 3\n');

/** The main job's defaults (`npm start -- --help`). */
const defaults: MainOptions = {
  losses: ['softmax', 'croloss', 'lambda'], alpha: 1, steps: 800, batch: 256, negatives: 2560, evalEvery: 200, patience: 1000,
  lr: 0.02, dim: 32, tau: 10, maxHistory: 20, ns: [20, 50, 100, 200, 500], seed: 1, out: join(scratch, 'results'),
};

describe('checkOptions', () => {
  it('accepts the defaults and a data file that exists', () => {
    expect(() => checkOptions(defaults)).not.toThrow();
    expect(() => checkOptions({ ...defaults, data: aFile, checkpointDir: join(scratch, 'ckpt') })).not.toThrow();
    expect(() => checkOptions({ ...defaults, alpha: 0, losses: ['bpr'] })).not.toThrow();
  });

  it.each<[string, Partial<MainOptions>, string]>([
    ['no loss', { losses: [] }, '--losses must name at least one of softmax, croloss, lambda, bpr, triplet, got none'],
    ['an unknown loss', { losses: ['softmax', 'focal'] }, '--losses entries must be among softmax, croloss, lambda, bpr, triplet, got "focal"'],
    ['a loss twice', { losses: ['croloss', 'croloss'] }, '--losses must name each loss once, got "croloss" twice'],
    ['a negative alpha', { alpha: -1 }, '--alpha must be a finite number >= 0, got -1'],
    ['an infinite alpha', { alpha: Infinity }, '--alpha must be a finite number >= 0, got Infinity'],
    ['too many steps', { steps: 20_000_000 }, '--steps must be at most 10,000,000, got 20,000,000'],
    ['a huge batch', { batch: 100_000 }, '--batch must be at most 65,536, got 100,000'],
    ['a huge number of negatives', { negatives: 99_999_999 }, '--negatives must be at most 1,000,000, got 99,999,999'],
    ['a score matrix over 2^26', { batch: 1024, negatives: 100_000 }, '--batch x --negatives must be at most 67,108,864 scores a step (256 MiB of float32), got 1,024 x 100,000 = 102,400,000'],
    ['a zero learning rate', { lr: 0 }, '--lr must be a finite number > 0, got 0'],
    ['a negative tau', { tau: -10 }, '--tau must be a finite number > 0, got -10'],
    ['a huge dim', { dim: 10_000 }, '--dim must be at most 4,096, got 10,000'],
    ['a huge history', { maxHistory: 20_000 }, '--max-history must be at most 10,000, got 20,000'],
    ['no N', { ns: [] }, '--ns must list at least one retrieval size N, got none'],
    ['a huge N', { ns: [50, 2_000_000] }, '--ns must be at most 1,000,000, got 2,000,000'],
    ['a missing data file', { data: join(scratch, 'absent.txt') }, `--data must be an existing file, got ${JSON.stringify(join(scratch, 'absent.txt'))}, which does not exist`],
    ['a folder as data', { data: scratch }, `--data must be a file, got ${JSON.stringify(scratch)}, which is a folder`],
    ['a file as --out', { out: aFile }, `--out must be a folder (or a path that does not exist yet), got ${JSON.stringify(aFile)}, which is a file`],
    ['a file as --checkpoint-dir', { checkpointDir: aFile }, `--checkpoint-dir must be a folder (or a path that does not exist yet), got ${JSON.stringify(aFile)}, which is a file`],
  ])('rejects %s', (_case, change, message) => {
    expect(() => checkOptions({ ...defaults, ...change })).toThrow(message);
  });

  it('checks N against the corpus once the data is read', () => {
    expect(() => checkOptionsForData({ ns: [20, 500] }, 12_101)).not.toThrow();
    expect(() => checkOptionsForData({ ns: [20, 20_000] }, 12_101)).toThrow('--ns must be at most the number of items (12,101), got 20,000');
  });
});

describe('the built CLI (dist/main.js) stops on a bad flag before it reads data or trains', () => {
  const main = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'main.js');
  const run = (...args: string[]) => spawnSync(process.execPath, [main, ...args, '--out', join(scratch, 'cli')], { encoding: 'utf8', timeout: 60_000 });

  it.each<[string[], string]>([
    [['--alpha', '-1'], 'croloss-retrieval: --alpha must be a finite number >= 0, got -1'],
    [['--negatives', '99999999'], 'croloss-retrieval: --negatives must be at most 1,000,000, got 99,999,999'],
    [['--steps', 'abc'], 'croloss-retrieval: --steps must be an integer >= 1, got "abc"'],
    [['--losses', 'softmax,focal'], 'croloss-retrieval: --losses entries must be among softmax, croloss, lambda, bpr, triplet, got "focal"'],
  ])('%j', (args, message) => {
    const result = run(...args);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/using (wasm|cpu)|data amazon-beauty|training /);
  });

  it('--ns larger than the corpus fails after reading the data and before training', () => {
    const result = run('--ns', '50,20000');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('croloss-retrieval: --ns must be at most the number of items (12,101), got 20,000');
    expect(result.stderr).not.toMatch(/training /);
  });
});
