/** Reads the folder a GPU run (job.sh) left under $OUT into a {@link GpuRun}. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { argumentError } from '@croloss/internal';
import type { GpuRun, MachineLine, MainJobResults, StepLine, SummaryLine, TimingLine } from './gpu-run';
import { parseJsonLines } from './json-lines';

/** Main-job steps of job.sh whose folder holds a results.json. */
export const MAIN_JOB_STEPS = ['beauty-default', 'video-softmax', 'video-croloss', 'video-lambda'] as const;

const readLines = (file: string): Record<string, unknown>[] => (existsSync(file) ? parseJsonLines(readFileSync(file, 'utf8'), file) : []);

/**
 * Reads `dir` as job.sh wrote it: steps.jsonl (required: a machine line first, one line per step, a summary line
 * when the job finished), torch.jsonl, bench-fused.jsonl, bench-composed.jsonl and `<step>/results.json` of each
 * main-job step, each optional (a cut-off run returns what finished).
 *
 * @param dir the folder that came back ($OUT of the run)
 * @returns the run; timing lines that are not workload lines are dropped
 * @example
 * ```ts
 * const run = readGpuRun('gpu-out');
 * run.machine.gpu;            // 'NVIDIA H200, 580.95.05, 143771 MiB'
 * run.fused[0].ms_median;     // W1's median on webgpu, fused kernels
 * ```
 */
export function readGpuRun(dir: string): GpuRun {
  const stepsFile = join(dir, 'steps.jsonl');
  if (!existsSync(dir) || !statSync(dir).isDirectory() || !existsSync(stepsFile)) {
    throw argumentError('readGpuRun', 'dir', 'a folder with steps.jsonl (what the GPU run wrote under $OUT)', dir);
  }
  const lines = readLines(stepsFile);
  const machine = lines.find((l) => l.step === 'machine') as MachineLine | undefined;
  if (!machine) throw argumentError('readGpuRun', 'dir', 'a run whose steps.jsonl starts with a machine line', dir);
  const summary = lines.find((l) => l.step === 'summary') as SummaryLine | undefined;
  const steps = lines.filter((l) => l.step !== 'machine' && l.step !== 'summary') as unknown as StepLine[];
  const timing = (name: string) => readLines(join(dir, name)).filter((l) => typeof l.workload === 'string') as TimingLine[];
  const jobs: Record<string, MainJobResults> = {};
  for (const name of MAIN_JOB_STEPS) {
    const file = join(dir, name, 'results.json');
    if (existsSync(file)) jobs[name] = JSON.parse(readFileSync(file, 'utf8')) as MainJobResults;
  }
  return { machine, steps, summary, torch: timing('torch.jsonl'), fused: timing('bench-fused.jsonl'), composed: timing('bench-composed.jsonl'), jobs };
}
