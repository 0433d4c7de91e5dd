/** The shapes of what the GPU run (job.sh) leaves under $OUT: its step lines, the benchmark lines and the main job's results. */

/** One line of steps.jsonl per step the job ran, timed out on, failed or skipped. */
export interface StepLine {
  step: string;
  status: 'ok' | 'failed' | 'timeout' | 'skipped';
  /** Exit status; null for a skipped step. */
  rc: number | null;
  wall_s: number;
  /** The step's time limit (its cap, or what the budget had left). */
  limit_s: number;
  /** The command (or, skipped, why). */
  args: string;
  /** The log, relative to the run's folder ('' when none). */
  log: string;
}

/** The first line of steps.jsonl: where and how the job ran. */
export interface MachineLine {
  step: 'machine';
  /** nvidia-smi's `name, driver_version, memory.total`, or 'lavapipe (...)' on a dry run. */
  gpu: string;
  mode: 'gpu' | 'lavapipe';
  scale: 'full' | 'small';
  budget_s: number;
  /** $OUT as the job saw it (an absolute path of that machine). */
  out: string;
  /** UTC start, ISO 8601. */
  date: string;
  cores: number;
}

/** The last line of steps.jsonl, written when the job finished (missing when it was cut off). */
export interface SummaryLine {
  step: 'summary';
  ok: number;
  failed: number;
  timeout: number;
  skipped: number;
  wall_s: number;
  budget_s: number;
}

/** A JSON line of the bench (examples/bench) or of torch_reference.py: one workload's timing. */
export interface TimingLine {
  workload: string;
  /** 'tfjs-fused', 'tfjs-composed' or 'torch'. */
  impl?: string;
  backend?: string;
  adapter?: string | null;
  device?: string;
  ms_median?: number;
  ms_min?: number;
  reps?: number;
  check?: { ok: boolean } & Record<string, unknown>;
  error?: string;
  [field: string]: unknown;
}

/** Recall@N etc. of one trained loss in the main job's results.json. */
export interface LossRun {
  loss: string;
  data: string;
  recall: Record<string, number>;
  steps: number;
  bestStep: number;
  trainSeconds: number;
  stepsPerSecond: number;
}

/** The parts of the main job's results.json (examples/retrieval) that the tables read. */
export interface MainJobResults {
  createdAt: string;
  command: string;
  backend: string;
  data: { name: string; users: number; items: number; interactions: number };
  baseline: { name: string; recall: Record<string, number> };
  runs: LossRun[];
  config: { steps: number; seed: number; evalEvery: number; losses: string[] };
}

/** Everything one GPU run left in its folder. */
export interface GpuRun {
  machine: MachineLine;
  steps: StepLine[];
  summary?: SummaryLine;
  torch: TimingLine[];
  fused: TimingLine[];
  composed: TimingLine[];
  /** results.json of each main-job step that wrote one, by step name (beauty-default, video-softmax, ...). */
  jobs: Record<string, MainJobResults>;
}
