/**
 * The workloads W1-W3 of docs/performance.md with the shapes of the PyTorch peer
 * (torch/torch_reference.py in this example): same names, same shape fields in the JSON lines.
 */

/** Workload names, exactly as torch_reference.py prints them. */
export const WORKLOAD_NAMES = {
  W1: 'W1_train_step_lambda_sigmoid_softplus',
  W2: 'W2_score_topk500_1024_users',
  W3: 'W3_loss_only_fwd_bwd_512x5120',
} as const;

export type WorkloadId = keyof typeof WORKLOAD_NAMES;
export const WORKLOAD_IDS = Object.keys(WORKLOAD_NAMES) as WorkloadId[];

/** W1: one training step (two-tower forward, CROLoss-lambda sigmoid / softplus, backward, Adam). */
export interface W1Shape {
  /** |I|: real items, ids 1..items (the library's table has a padding row 0 on top). */
  items: number;
  d: number;
  batch: number;
  /** History length L (random ids, no padding: the mean over all L entries, like torch). */
  history: number;
  /** M: fresh uniform negatives per step, shared by the batch. */
  negatives: number;
  tau: number;
  alpha: number;
  lr: number;
  seed: number;
}

/** W2: exact full-corpus retrieval, top-k of every user. */
export interface W2Shape {
  items: number;
  users: number;
  d: number;
  k: number;
  /** Users scored per chunk (the library's retrieveTopK chunkSize): device memory chunk x items. */
  chunkUsers: number;
  /** Users whose top-k is checked against an exact float64 top-k. */
  checkUsers: number;
  seed: number;
}

/** W3: the loss alone on a given gap matrix, forward and backward. */
export interface W3Shape {
  batch: number;
  negatives: number;
  alpha: number;
  /** Rows whose gradient is checked against float64. */
  checkRows: number;
  seed: number;
}

export interface Shapes {
  W1: W1Shape;
  W2: W2Shape;
  W3: W3Shape;
}

/** The shapes of torch_reference.py (|I| = 313,966 Amazon Books items). */
export const FULL: Shapes = {
  W1: { items: 313_966, d: 32, batch: 256, history: 20, negatives: 2_560, tau: 10, alpha: 1, lr: 0.02, seed: 1 },
  W2: { items: 313_966, users: 1_024, d: 32, k: 500, chunkUsers: 256, checkUsers: 8, seed: 2 },
  W3: { batch: 512, negatives: 5_120, alpha: 1, checkRows: 2, seed: 3 },
};

/**
 * Quick runs on CPU or lavapipe: items and users divided by 16, everything else (batch, negatives, k, d, W3)
 * as in FULL, so the same code path runs.
 */
export const SMALL: Shapes = {
  W1: { ...FULL.W1, items: Math.round(FULL.W1.items / 16) },
  W2: { ...FULL.W2, items: Math.round(FULL.W2.items / 16), users: FULL.W2.users / 16, chunkUsers: FULL.W2.users / 16 },
  W3: { ...FULL.W3 },
};

/** torch_reference.py's repetitions: 50 for W1 and W3, 20 for W2 (5 warm-up runs each). */
export const DEFAULT_REPS: Record<WorkloadId, number> = { W1: 50, W2: 20, W3: 50 };
export const DEFAULT_WARMUP = 5;
