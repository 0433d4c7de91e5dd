// Early stopping on a validation metric: keeps the best weights, counts evaluations without gain.
import * as tf from '@tensorflow/tfjs-core';
import type { SavedTensor } from './training-state';

/** Tracks the best metric and a copy of the weights at it; `shouldStop` once `patience` evaluations brought no gain. */
export class EarlyStopping {
  best: { step: number; metric: number } = { step: -1, metric: -Infinity };
  evalsWithoutGain = 0;
  private bestWeights: tf.Tensor[] | null = null;

  constructor(private readonly variables: tf.Variable[], private readonly patience: number) {}

  /** Restores the counters and best weights of a checkpoint. */
  resume(state: { best?: { step: number; metric: number }; bestWeights?: SavedTensor[]; evalsWithoutGain?: number; step: number }): void {
    if (state.best) this.best = { ...state.best };
    this.evalsWithoutGain = state.evalsWithoutGain ?? 0;
    if (state.bestWeights) this.bestWeights = state.bestWeights.map((w) => tf.tensor(w.data, w.shape, 'float32'));
    else if (state.best && state.best.step === state.step) this.bestWeights = this.variables.map((v) => tf.clone(v));
  }

  /** Records one evaluation; returns true when it is the best so far. */
  record(step: number, metric: number): boolean {
    if (metric > this.best.metric) {
      this.best = { step, metric };
      tf.dispose(this.bestWeights ?? []);
      this.bestWeights = this.variables.map((v) => tf.clone(v));
      this.evalsWithoutGain = 0;
      return true;
    }
    this.evalsWithoutGain += 1;
    return false;
  }

  get shouldStop(): boolean {
    return this.evalsWithoutGain >= this.patience;
  }

  /** The best weights when they differ from the current ones at `step` (for checkpoints). */
  weightsUnlessAt(step: number): tf.Tensor[] | null {
    return this.bestWeights !== null && this.best.step !== step ? this.bestWeights : null;
  }

  /** Assigns the best weights back (no-op before any evaluation). */
  restoreBest(): void {
    if (this.bestWeights) this.bestWeights.forEach((w, i) => this.variables[i].assign(w));
  }

  dispose(): void {
    tf.dispose(this.bestWeights ?? []);
    this.bestWeights = null;
  }
}
