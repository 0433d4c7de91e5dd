/** docs/quality.md's webgpu rows from one GPU run: Recall@N of each loss the main job trained on webgpu, next to the wasm run of the same data, steps and seed. */
import type { GpuRun, LossRun, MainJobResults } from './gpu-run';
import { percent, rate } from './format';

/** The cut-offs of docs/quality.md. */
export const QUALITY_NS = [50, 100, 200, 500] as const;

/** Replaces `$OUT`'s absolute path of the GPU machine in a recorded command by `$OUT`. */
export function portableCommand(command: string, out: string): string {
  return out ? command.split(out).join('$OUT') : command;
}

/** The wasm run (backend 'wasm...') with the same data, steps and seed as `job`, if one is among `wasmRuns`. */
export function wasmPeer(job: MainJobResults, wasmRuns: readonly MainJobResults[]): MainJobResults | undefined {
  return wasmRuns.find(
    (w) => w.backend.startsWith('wasm') && w.data.name === job.data.name && w.config.steps === job.config.steps && w.config.seed === job.config.seed,
  );
}

const cells = (ours: Record<string, number> | undefined, peer: Record<string, number> | undefined) =>
  QUALITY_NS.map((n) => `${percent(ours?.[n])} / ${percent(peer?.[n])}`).join(' | ');

/**
 * The markdown of docs/quality.md's webgpu block: per data set, one row per loss trained on webgpu (the main-job
 * steps of one data set, e.g. video-softmax, video-croloss and video-lambda, form one table) and the most-popular
 * baseline, each `R@N webgpu / wasm` in percent, wasm from the committed wasm run of the same data, steps and seed
 * ('-' where there is none), then the commands as run ($OUT for the GPU machine's output folder).
 *
 * @param run the GPU run
 * @param wasmRuns results.json of the committed wasm runs (docs/quality/<run>/results.json)
 * @example
 * ```ts
 * const md = qualityRows(readGpuRun('gpu-out'), readQualityRuns('docs/quality'));
 * ```
 */
export function qualityRows(run: GpuRun, wasmRuns: readonly MainJobResults[]): string {
  const byData = new Map<string, { steps: number; seed: number; jobs: MainJobResults[] }[]>();
  for (const job of Object.values(run.jobs)) {
    const groups = byData.get(job.data.name) ?? [];
    let group = groups.find((g) => g.steps === job.config.steps && g.seed === job.config.seed);
    if (!group) groups.push((group = { steps: job.config.steps, seed: job.config.seed, jobs: [] }));
    group.jobs.push(job);
    byData.set(job.data.name, groups);
  }
  const lines = [
    `WebGPU rows of the GPU run of ${run.machine.date.slice(0, 10)} on **${run.machine.gpu}** (${run.machine.mode === 'gpu' ? 'GPU machine' : 'lavapipe dry run'}), ` +
      'test Recall@N in percent, `webgpu / wasm`: wasm is the committed wasm run of the same data, steps and seed (`-`: none).',
  ];
  if (byData.size === 0) lines.push('', 'No main-job results came back from this run.');
  for (const [data, groups] of byData) {
    for (const group of groups) {
      const peer = wasmPeer(group.jobs[0], wasmRuns);
      lines.push('', `### ${data}, ${group.steps} steps, seed ${group.seed}${peer ? '' : ' (no wasm run of these settings)'}`, '');
      lines.push(`| loss | ${QUALITY_NS.map((n) => `R@${n} webgpu / wasm`).join(' | ')} | train steps/s webgpu / wasm |`, `|---|${QUALITY_NS.map(() => '---|').join('')}---|`);
      lines.push(`| ${group.jobs[0].baseline.name} | ${cells(group.jobs[0].baseline.recall, peer?.baseline.recall)} | - |`);
      const runs: LossRun[] = group.jobs.flatMap((j) => j.runs);
      for (const r of runs) {
        const w = peer?.runs.find((x) => x.loss === r.loss);
        lines.push(`| ${r.loss} | ${cells(r.recall, w?.recall)} | ${rate(r.stepsPerSecond)} / ${w ? rate(w.stepsPerSecond) : '-'} |`);
      }
    }
  }
  const commands = Object.entries(run.jobs).map(([step, job]) => `- \`${step}\`: \`${portableCommand(job.command, run.machine.out)}\` (backend ${job.backend})`);
  if (commands.length > 0) lines.push('', 'Runs:', ...commands);
  return lines.join('\n');
}
