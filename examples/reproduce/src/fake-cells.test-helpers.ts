/** A hand-built cell result for tests. */
import { buildGrid, type Cell } from './grid';
import { DEFAULT_SETTINGS, type CellResult } from './run-cell';

/**
 * A hand-built cell result for tests: the grid cell `<config>-s<seed>` with the given Recall@N (fractions);
 * hit rate and NDCG copy recall.
 *
 * @example
 * fakeCell('softmax', 1, { 50: 0.1, 100: 0.13 }).recall[100]; // 0.13
 */
export function fakeCell(config: string, seed: number, recall: Record<number, number>): CellResult {
  const cell: Cell | undefined = buildGrid({ seeds: [seed], alphas: [0.6, 0.8, 1, 1.2] }).find((c) => c.config === config);
  if (!cell) throw new Error(`fakeCell: argument 'config' must be a default grid configuration, got ${JSON.stringify(config)}`);
  return {
    id: cell.id, cell, loss: config, data: { name: 'fake', users: 10, items: 20, interactions: 30 },
    recall, hitRate: { ...recall }, ndcg: { ...recall }, bestStep: 10, steps: 10, stoppedEarly: false, trainSeconds: 1,
    stepsPerSecond: 10, history: [], settings: DEFAULT_SETTINGS, backend: 'cpu', finishedAt: '2026-01-01T00:00:00.000Z',
  };
}
