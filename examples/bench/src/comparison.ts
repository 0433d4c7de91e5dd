/**
 * Merges the JSON lines of torch_reference.py and of this benchmark into the markdown table of
 * docs/performance.md: workload | tfjs <backend> ms | PyTorch ms | ratio | target.
 */
import { WORKLOAD_NAMES, type WorkloadId } from './shapes';

/** The GPU issue's targets: tfjs (webgpu) time at most this many times PyTorch CUDA's. */
export const TARGET_RATIO: Record<WorkloadId, number> = { W1: 2, W2: 2, W3: 1 };

/** The CPU targets (issue #15): tfjs wasm at most this many times PyTorch on the same CPU (2 threads). */
export const CPU_TARGET_RATIO: Record<WorkloadId, number> = { W1: 1, W2: 0.5, W3: 1 };

export interface BenchLine {
  workload: string;
  ms_median?: number;
  ms_min?: number;
  backend?: string;
  adapter?: string | null;
  error?: string;
  [field: string]: unknown;
}

/** The JSON objects of a JSON-lines text; lines that are not JSON objects (logs, blank) are skipped. */
export function parseJsonLines(text: string): BenchLine[] {
  const out: BenchLine[] = [];
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed.startsWith('{')) continue;
    try {
      const value = JSON.parse(trimmed) as BenchLine;
      if (value && typeof value.workload === 'string') out.push(value);
    } catch {
      // not a result line
    }
  }
  return out;
}

const ms = (x: number | undefined) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(x < 10 ? 2 : 1) : 'n/a');

/**
 * The markdown table, one row per workload W1-W3 (in that order), medians in ms; ratio = tfjs / PyTorch and
 * whether it meets the target. A workload missing from either side (or that errored) shows n/a.
 */
export function comparisonTable(torch: BenchLine[], tfjs: BenchLine[], targets: Record<WorkloadId, number> = TARGET_RATIO): string {
  const backend = tfjs.find((l) => l.backend)?.backend ?? 'tfjs';
  const adapter = tfjs.find((l) => l.adapter)?.adapter;
  const lines = [
    `| workload | tfjs ${backend} ms (median) | PyTorch ms (median) | ratio tfjs / PyTorch | target |`,
    '|---|---:|---:|---:|---|',
  ];
  for (const id of Object.keys(WORKLOAD_NAMES) as WorkloadId[]) {
    const name = WORKLOAD_NAMES[id];
    const t = tfjs.find((l) => l.workload === name && l.error === undefined);
    const p = torch.find((l) => l.workload === name && l.error === undefined);
    const ratio = t?.ms_median !== undefined && p?.ms_median ? t.ms_median / p.ms_median : undefined;
    const target = targets[id];
    const verdict = ratio === undefined ? '' : ratio <= target ? ' (met)' : ' (not met)';
    lines.push(`| ${id} ${name} | ${ms(t?.ms_median)} | ${ms(p?.ms_median)} | ${ratio === undefined ? 'n/a' : `${ratio.toFixed(ratio < 10 ? 2 : 1)}x`} | ≤${target}x${verdict} |`);
  }
  if (adapter) lines.push('', `tfjs adapter: ${adapter}`);
  return lines.join('\n');
}
