/** Every flag of the main job checked before it loads data or trains: one clear message per bad value, naming the flag, its limit and what was given. */
import { existsSync, statSync } from 'node:fs';
import { LOSS_NAMES } from './losses';

/** The parsed flags this check reads (commander's `opts()`, paths already resolved). */
export interface MainOptions {
  data?: string;
  losses: string[];
  alpha: number;
  steps: number;
  batch: number;
  negatives: number;
  evalEvery: number;
  patience: number;
  lr: number;
  dim: number;
  tau: number;
  maxHistory: number;
  ns: number[];
  seed: number;
  out: string;
  checkpointDir?: string;
}

/** Upper limits of the flags, chosen so that no tensor of a step outgrows what tfjs can allocate. */
export const LIMITS = {
  steps: 10_000_000,
  batch: 65_536,
  negatives: 1_000_000,
  /** Elements of the [batch, negatives] score matrix: 2^26 float32 values are 256 MiB per tensor, several live per step. */
  scoresPerStep: 2 ** 26,
  dim: 4_096,
  maxHistory: 10_000,
  n: 1_000_000,
} as const;

const fmt = (n: number) => n.toLocaleString('en-US');
const got = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value) : String(value));

function atMost(flag: string, value: number, limit: number): void {
  if (value > limit) throw new Error(`${flag} must be at most ${fmt(limit)}, got ${fmt(value)}`);
}

function positive(flag: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${flag} must be a finite number > 0, got ${got(value)}`);
}

function folderOrAbsent(flag: string, path: string | undefined): void {
  if (path !== undefined && existsSync(path) && !statSync(path).isDirectory()) {
    throw new Error(`${flag} must be a folder (or a path that does not exist yet), got ${got(path)}, which is a file`);
  }
}

/**
 * Throws the first problem with the flags, as `--flag must be ..., got ...`; returns nothing when all are
 * usable. Runs in well under a second, before the data is read or a backend starts.
 *
 * @example checkOptions({ ...defaults, alpha: -1 }) // throws "--alpha must be a finite number >= 0, got -1"
 */
export function checkOptions(options: MainOptions): void {
  if (options.losses.length === 0) throw new Error(`--losses must name at least one of ${LOSS_NAMES.join(', ')}, got none`);
  for (const name of options.losses) {
    if (!(LOSS_NAMES as readonly string[]).includes(name)) {
      throw new Error(`--losses entries must be among ${LOSS_NAMES.join(', ')}, got ${got(name)}`);
    }
  }
  const repeated = options.losses.find((name, i) => options.losses.indexOf(name) !== i);
  if (repeated !== undefined) throw new Error(`--losses must name each loss once, got ${got(repeated)} twice`);
  if (!Number.isFinite(options.alpha) || options.alpha < 0) throw new Error(`--alpha must be a finite number >= 0, got ${got(options.alpha)}`);
  atMost('--steps', options.steps, LIMITS.steps);
  atMost('--batch', options.batch, LIMITS.batch);
  atMost('--negatives', options.negatives, LIMITS.negatives);
  if (options.batch * options.negatives > LIMITS.scoresPerStep) {
    throw new Error(`--batch x --negatives must be at most ${fmt(LIMITS.scoresPerStep)} scores a step (256 MiB of float32), ` +
      `got ${fmt(options.batch)} x ${fmt(options.negatives)} = ${fmt(options.batch * options.negatives)}`);
  }
  positive('--lr', options.lr);
  positive('--tau', options.tau);
  atMost('--dim', options.dim, LIMITS.dim);
  atMost('--max-history', options.maxHistory, LIMITS.maxHistory);
  if (options.ns.length === 0) throw new Error('--ns must list at least one retrieval size N, got none');
  for (const n of options.ns) atMost('--ns', n, LIMITS.n);
  if (options.data !== undefined) {
    if (!existsSync(options.data)) throw new Error(`--data must be an existing file, got ${got(options.data)}, which does not exist`);
    if (!statSync(options.data).isFile()) throw new Error(`--data must be a file, got ${got(options.data)}, which is a folder`);
  }
  folderOrAbsent('--out', options.out);
  folderOrAbsent('--checkpoint-dir', options.checkpointDir);
}

/**
 * The checks that need the data's size, run after it is read and before any training: every N of `--ns`
 * must fit in the corpus (Recall@N over fewer than N items is not defined).
 */
export function checkOptionsForData(options: Pick<MainOptions, 'ns'>, numItems: number): void {
  const largest = Math.max(...options.ns);
  if (largest > numItems) throw new Error(`--ns must be at most the number of items (${fmt(numItems)}), got ${fmt(largest)}`);
}
