/**
 * Test-only float64 brute-force references for the metrics package: every score computed in float64,
 * each user's items sorted by (score desc, index asc), metrics computed with plain loops.
 */

/** Row-major float64 matrix. */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

/** scores[u][i] = sum_c users[u][c] * itemsT[c][i], in float64. */
export function bruteForceScores(users: Matrix, itemsT: Matrix): Float64Array[] {
  const out: Float64Array[] = [];
  for (let u = 0; u < users.rows; u++) {
    const row = new Float64Array(itemsT.cols);
    for (let i = 0; i < itemsT.cols; i++) {
      let s = 0;
      for (let c = 0; c < users.cols; c++) s += users.data[u * users.cols + c] * itemsT.data[c * itemsT.cols + i];
      row[i] = s;
    }
    out.push(row);
  }
  return out;
}

/** Every non-excluded item of each user, sorted by (score desc, index asc). */
export function bruteForceRankings(scores: Float64Array[], exclude: Iterable<number> = []): number[][] {
  const excluded = new Set(exclude);
  return scores.map((row) => {
    const items: number[] = [];
    for (let i = 0; i < row.length; i++) if (!excluded.has(i)) items.push(i);
    return items.sort((a, b) => (row[b] - row[a]) || a - b);
  });
}

/** Per-N averages of Recall, HitRate and NDCG, computed the slow, obvious way. */
export function bruteForceMetrics(rankings: number[][], targets: ArrayLike<number>[], ns: number[]) {
  const recall: Record<number, number> = {};
  const hitRate: Record<number, number> = {};
  const ndcg: Record<number, number> = {};
  let users = 0;
  for (const n of ns) {
    recall[n] = 0;
    hitRate[n] = 0;
    ndcg[n] = 0;
  }
  rankings.forEach((ranking, u) => {
    const unique = [...new Set(Array.from(targets[u]))];
    if (unique.length === 0) return;
    users++;
    for (const n of ns) {
      const top = ranking.slice(0, n);
      const hits = unique.filter((t) => top.includes(t)).length;
      let dcg = 0;
      top.forEach((item, p) => {
        if (unique.includes(item)) dcg += 1 / Math.log2(p + 2);
      });
      let idcg = 0;
      for (let p = 0; p < Math.min(unique.length, n); p++) idcg += 1 / Math.log2(p + 2);
      recall[n] += hits / unique.length;
      hitRate[n] += hits > 0 ? 1 : 0;
      ndcg[n] += dcg / idcg;
    }
  });
  for (const n of ns) {
    recall[n] /= users;
    hitRate[n] /= users;
    ndcg[n] /= users;
  }
  return { users, skippedUsers: rankings.length - users, recall, hitRate, ndcg };
}
