/**
 * The record of one run of the retrieval example: what was trained on which data, how well each loss
 * did at each cut-off N, how long it took. `results.json` holds exactly this object, and the table and
 * plot are drawn from it, so a report can be redrawn later without training again.
 *
 * All quality numbers are fractions in [0, 1] (0.152 means 15.2 %), keyed by the cut-off N:
 * - Recall@N  = mean over evaluation users u of |top_N(u) ∩ T_u| / |T_u|  (T_u: the user's target items)
 * - HitRate@N = mean over u of [ |top_N(u) ∩ T_u| > 0 ]
 * - NDCG@N    = mean over u of DCG@N(u) / IDCG@N(u), DCG@N = Σ_{r ≤ N, item_r ∈ T_u} 1 / log2(r + 1)
 */

/** A metric per cut-off N, as a fraction in [0, 1]: `{ 50: 0.152, 100: 0.21 }`. */
export type MetricAtN = Record<number, number>;

/** One point of the validation curve recorded during training. */
export interface HistoryPoint {
  /** Training step (1-based count of optimizer steps done). */
  step: number;
  /** Validation Recall@N (fraction) at this step, for the N the run validates on. */
  validRecall: number;
  /** Training loss (mean over the last logging window). */
  loss: number;
}

/** The outcome of training and testing one loss. */
export interface RunResult {
  /** Human-readable description of the loss, e.g. `CROLoss softplus, alpha 1`; names the run in table and plot. */
  loss: string;
  /** Name of the data set the run trained on, e.g. `Beauty`. */
  data: string;
  /** Test Recall@N (fraction) at the best validation point. */
  recall: MetricAtN;
  /** Test HitRate@N (fraction) at the best validation point. */
  hitRate: MetricAtN;
  /** Test NDCG@N (fraction) at the best validation point. */
  ndcg: MetricAtN;
  /** Step whose validation Recall was best (the test metrics are taken there). */
  bestStep: number;
  /** Training steps run. */
  steps: number;
  /** Wall-clock seconds spent training (evaluation excluded). */
  trainSeconds: number;
  /** steps / trainSeconds. */
  stepsPerSecond: number;
  /** Validation curve, in step order. */
  history: HistoryPoint[];
}

/** The non-learned reference every run is compared with: recommend the items most often seen in training. */
export interface BaselineResult {
  name: 'most popular items';
  recall: MetricAtN;
  hitRate: MetricAtN;
  ndcg: MetricAtN;
}

/** Size of the data set the runs used. */
export interface DataSummary {
  /** Data set name, e.g. `Beauty`. */
  name: string;
  users: number;
  items: number;
  interactions: number;
}

/** Everything one invocation of the example produced; written to `results.json`. */
export interface Results {
  /** ISO 8601 time the invocation started, e.g. `2025-01-31T12:00:00.000Z`. */
  createdAt: string;
  /** The command line that produced these results (to rerun it). */
  command: string;
  /** TensorFlow.js backend the runs used, e.g. `webgpu`, `cpu`. */
  backend: string;
  data: DataSummary;
  baseline: BaselineResult;
  runs: RunResult[];
  /** The resolved options (steps, batch size, learning rate, seeds, ...) for reproducibility. */
  config: Record<string, unknown>;
}
