/**
 * Hand-built {@link Results} for tests and demos of the report: the Beauty numbers of
 * the independent reference implementation of docs/quality.md (most popular, sampled softmax, CROLoss softplus,
 * CROLoss-lambda) at N = 50, 100, 200, 500. Not real training output.
 */
import type { MetricAtN, Results, RunResult } from './results';

export const FAKE_NS = [50, 100, 200, 500];

function atN(percent: [number, number, number, number]): MetricAtN {
  return Object.fromEntries(FAKE_NS.map((n, index) => [n, percent[index] / 100]));
}

function run(loss: string, recall: [number, number, number, number], stepsPerSecond: number): RunResult {
  const steps = 3000;
  return {
    loss,
    data: 'Beauty',
    recall: atN(recall),
    hitRate: atN(recall.map((r) => Math.min(100, 2 * r)) as [number, number, number, number]),
    ndcg: atN(recall.map((r) => r / 3) as [number, number, number, number]),
    bestStep: 2500,
    steps,
    trainSeconds: steps / stepsPerSecond,
    stepsPerSecond,
    history: [500, 1000, 1500, 2000, 2500, 3000].map((step, index) => ({
      step,
      validRecall: (recall[1] / 100) * (0.7 + 0.06 * Math.min(index, 5)),
      loss: 1 / (1 + index),
    })),
  };
}

/** A fresh copy each call, so a test may change it freely. */
export function fakeResults(): Results {
  return {
    createdAt: '2025-01-31T12:00:00.000Z',
    command: 'npm start -- --data beauty --steps 3000',
    backend: 'cpu',
    data: { name: 'Beauty', users: 22363, items: 12101, interactions: 198502 },
    baseline: { name: 'most popular items', recall: atN([5.4, 8.2, 11.0, 19.5]), hitRate: atN([10.8, 16.4, 22, 39]), ndcg: atN([1.8, 2.7, 3.7, 6.5]) },
    runs: [
      run('softmax cross-entropy (sampled)', [14.4, 19.6, 26.3, 35.8], 40),
      run('CROLoss softplus, alpha 1', [15.2, 21.0, 27.9, 38.3], 38),
      run('CROLoss-lambda sigmoid / softplus, alpha 1', [14.8, 21.0, 27.6, 38.2], 36),
    ],
    config: { steps: 3000, batchSize: 256, negatives: 2560, learningRate: 0.02, seed: 1 },
  };
}
