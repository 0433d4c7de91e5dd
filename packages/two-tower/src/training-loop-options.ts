/** What both trainers (trainTwoTower over TwoTowerModel, trainTowers over your own towers) share: validation, early stopping, progress, checkpoints, and what they return. */

/**
 * The loop options of a trainer whose validation metric is computed by `evaluate(...args)` and whose checkpoints
 * are `State`s.
 */
export interface TrainingLoopOptions<State, EvaluateArgs extends unknown[]> {
  /** Validation metric, higher is better (e.g. Recall@100): called every `evalEvery` steps and at the end. */
  evaluate?: (...args: EvaluateArgs) => Promise<number>;
  evalEvery?: number;
  /** Stop after this many evaluations without improvement (the best weights are restored). Default never. */
  patience?: number;
  /**
   * Steps between loss read-backs (the GPU is never synchronised per step). Default 50. A NaN or infinite loss
   * value read back throws (up to logEvery steps after it happened).
   */
  logEvery?: number;
  onLog?: (info: { step: number; loss: number; stepsPerSecond: number }) => void;
  onEval?: (info: { step: number; metric: number; best: boolean }) => void;
  /** Called every `checkpointEvery` steps with the state to persist. */
  onCheckpoint?: (state: State) => Promise<void>;
  checkpointEvery?: number;
  /** A state saved by `onCheckpoint` to continue from. */
  resume?: State;
}

/** What a trainer did: steps, the best validation point, the validation and loss curves, time, early stop. */
export interface TrainResult {
  steps: number;
  bestStep: number;
  bestMetric: number;
  evaluations: Array<{ step: number; metric: number }>;
  losses: Array<{ step: number; loss: number }>;
  seconds: number;
  stoppedEarly: boolean;
}
