/** The ratio tfjs / PyTorch of one workload, only between lines of the same shapes, and the issue's targets. */
import type { TimingLine } from './gpu-run';

/** The issue's targets: tfjs median at most this many times PyTorch's median on the same GPU. */
export const TARGET_RATIO = { W1: 2, W2: 2, W3: 1 } as const;
export type WorkloadId = keyof typeof TARGET_RATIO;
export const WORKLOAD_IDS = Object.keys(TARGET_RATIO) as WorkloadId[];

/** Shape fields that both torch_reference.py and the bench print; lines compare only when these agree. */
export const SHAPE_FIELDS = ['items', 'd', 'batch', 'negatives', 'users', 'k'] as const;

/** W1 from 'W1_train_step_lambda_sigmoid_softplus', undefined for a name that is not W1-W3. */
export function workloadId(name: string): WorkloadId | undefined {
  const id = name.split('_')[0];
  return (WORKLOAD_IDS as string[]).includes(id) ? (id as WorkloadId) : undefined;
}

/** The first timed (no error, finite median) line of workload `id` among `lines`. */
export function timedLine(lines: readonly TimingLine[], id: WorkloadId): TimingLine | undefined {
  return lines.find((l) => workloadId(l.workload) === id && l.error === undefined && Number.isFinite(l.ms_median));
}

/** The shape fields on which two lines disagree (fields only one of them has are not compared). */
export function shapeMismatch(a: TimingLine, b: TimingLine): string[] {
  return SHAPE_FIELDS.filter((f) => typeof a[f] === 'number' && typeof b[f] === 'number' && a[f] !== b[f]);
}

/** tfjs / torch of the medians, or why there is none. */
export type Ratio = { value: number } | { missing: string };

/**
 * ratio = tfjs.ms_median / torch.ms_median, only when both lines exist, are timed and have the same shapes.
 *
 * @example
 * ```ts
 * ratio({ workload: 'W3_x', ms_median: 0.96, batch: 512 }, { workload: 'W3_x', ms_median: 0.48, batch: 512 }); // { value: 2 }
 * ```
 */
export function ratio(tfjs: TimingLine | undefined, torch: TimingLine | undefined): Ratio {
  if (!tfjs) return { missing: 'no tfjs time' };
  if (!torch) return { missing: 'no PyTorch time' };
  const differ = shapeMismatch(tfjs, torch);
  if (differ.length > 0) return { missing: `shapes differ (${differ.map((f) => `${f} ${tfjs[f]} vs ${torch[f]}`).join(', ')})` };
  return { value: (tfjs.ms_median as number) / (torch.ms_median as number) };
}
