/** docs/performance.md's GPU section from one GPU run: the W1-W3 medians, fused and composed, against PyTorch of the same run; the main job's wall times; every step. */
import type { GpuRun, TimingLine } from './gpu-run';
import { ms, rate, seconds, times } from './format';
import { ratio, TARGET_RATIO, timedLine, WORKLOAD_IDS, type Ratio, type WorkloadId } from './ratio';

const LABELS: Record<WorkloadId, string> = {
  W1: 'W1 train step',
  W2: 'W2 score + top-500',
  W3: 'W3 loss fwd + bwd',
};

const ratioCell = (r: Ratio) => ('value' in r ? times(r.value) : `n/a (${r.missing})`);
const check = (l: TimingLine | undefined) => (l === undefined ? '-' : l.check?.ok === true ? 'ok' : 'FAILED');
const shapeOf = (l: TimingLine | undefined) => {
  const fields = l ? ['items', 'users', 'batch', 'negatives', 'k'].filter((f) => typeof l[f] === 'number').map((f) => `${f} ${l[f]}`) : [];
  return fields.length > 0 ? ` (${fields.join(', ')})` : '';
};

/** The workload furthest from its target (largest fused ratio / target), or undefined when no ratio exists. */
export function furthestFromTarget(run: GpuRun): { id: WorkloadId; ratio: number; target: number } | undefined {
  let worst: { id: WorkloadId; ratio: number; target: number } | undefined;
  for (const id of WORKLOAD_IDS) {
    const r = ratio(timedLine(run.fused, id), timedLine(run.torch, id));
    if (!('value' in r)) continue;
    if (!worst || r.value / TARGET_RATIO[id] > worst.ratio / worst.target) worst = { id, ratio: r.value, target: TARGET_RATIO[id] };
  }
  return worst;
}

/**
 * The markdown of docs/performance.md's GPU section for one run: a heading line (date, GPU, mode, scale, steps ok,
 * wall time), the table workload | fused ms | composed ms | PyTorch ms | fused / PyTorch | composed / PyTorch |
 * target | checks (medians of the run; a ratio only between lines of equal shapes), the main job's steps (wall time,
 * training steps per second of each loss) and every step of the job with its status.
 *
 * @example
 * ```ts
 * const md = performanceTable(readGpuRun('gpu-out'));
 * ```
 */
export function performanceTable(run: GpuRun): string {
  const { machine, steps, summary } = run;
  const ok = steps.filter((s) => s.status === 'ok').length;
  const adapter = [...run.fused, ...run.composed].find((l) => typeof l.adapter === 'string' && l.adapter)?.adapter;
  const torchDevice = run.torch.find((l) => typeof l.device === 'string')?.device;
  const lines = [
    `GPU run of ${machine.date.slice(0, 10)} on **${machine.gpu}** (${machine.mode === 'gpu' ? 'GPU machine' : 'lavapipe dry run'}, ` +
      `${machine.cores} cores): \`bash .gpu/files/job.sh\` at ${machine.scale} scale, ${ok} of ${steps.length} steps ok, ` +
      (summary ? `${summary.wall_s} s in all (budget ${summary.budget_s} s).` : 'cut off before its summary line.'),
    `tfjs adapter: ${adapter ?? 'n/a'}. PyTorch: ${torchDevice ? `torch_reference.py on ${torchDevice}, same run` : 'not timed in this run'}. ` +
      'Medians in ms; ratios tfjs / PyTorch between lines of the same run and the same shapes.',
    '',
    '| workload | tfjs webgpu fused | tfjs webgpu composed | PyTorch | fused / PyTorch | composed / PyTorch | target | checks fused / composed |',
    '|---|---:|---:|---:|---:|---:|---|---|',
  ];
  for (const id of WORKLOAD_IDS) {
    const fused = timedLine(run.fused, id);
    const composed = timedLine(run.composed, id);
    const torch = timedLine(run.torch, id);
    const rf = ratio(fused, torch);
    const met = 'value' in rf ? (rf.value <= TARGET_RATIO[id] ? ': met' : ': not met') : '';
    lines.push(
      `| ${LABELS[id]}${shapeOf(fused ?? composed ?? torch)} | ${ms(fused?.ms_median)} | ${ms(composed?.ms_median)} | ${ms(torch?.ms_median)} | ` +
        `${ratioCell(rf)} | ${ratioCell(ratio(composed, torch))} | ≤ ${TARGET_RATIO[id]}x${met} | ${check(fused)} / ${check(composed)} |`,
    );
  }
  const worst = furthestFromTarget(run);
  if (worst) lines.push('', `Furthest from its target: ${worst.id}, ${times(worst.ratio)} PyTorch against ≤ ${worst.target}x.`);

  lines.push('', '| main job on webgpu | data | steps per loss | status | wall (s) | train steps/s per loss |', '|---|---|---:|---|---:|---|');
  for (const s of steps.filter((x) => x.step === 'beauty-default' || x.step.startsWith('video-'))) {
    const job = run.jobs[s.step];
    const rates = job ? job.runs.map((r) => `${r.loss.split('(')[0]} ${rate(r.stepsPerSecond)}`).join(', ') : '-';
    lines.push(`| ${s.step} | ${job?.data.name ?? '-'} | ${job?.config.steps ?? '-'} | ${s.status} | ${seconds(s.wall_s)} | ${rates} |`);
  }
  lines.push('', 'The main-job steps ran at the same time (four processes on one GPU).', '', '| step | status | wall (s) | limit (s) |', '|---|---|---:|---:|');
  for (const s of steps) lines.push(`| ${s.step} | ${s.status}${s.status === 'skipped' && s.args ? ` (${s.args})` : ''} | ${seconds(s.wall_s)} | ${s.limit_s} |`);
  return lines.join('\n');
}
