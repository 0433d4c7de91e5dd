/**
 * Plain-JavaScript float64 references for the checks of W1-W3, computed from the same float32 data the
 * tfjs workloads use. Slow on purpose (no tricks): they are the ground truth, run once per workload.
 */

export function sigmoid64(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

export function softplus64(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/**
 * Exact top-k of one user against every item in float64: the k largest <user, item_i>, ties broken by
 * ascending index (the library's total order). itemsT is [d, numItems] row-major.
 */
export function exactTopK(user: ArrayLike<number>, itemsT: Float32Array, numItems: number, k: number): Int32Array {
  const d = user.length;
  const scores = new Float64Array(numItems);
  for (let j = 0; j < d; j++) {
    const uj = user[j];
    const offset = j * numItems;
    for (let i = 0; i < numItems; i++) scores[i] += uj * itemsT[offset + i];
  }
  const sorted = Float64Array.from(scores).sort();
  const threshold = sorted[numItems - k];
  const above: number[] = [];
  for (let i = 0; i < numItems; i++) if (scores[i] > threshold) above.push(i);
  above.sort((a, b) => scores[b] - scores[a] || a - b);
  const out = new Int32Array(k);
  let n = 0;
  for (; n < above.length && n < k; n++) out[n] = above[n];
  for (let i = 0; i < numItems && n < k; i++) if (scores[i] === threshold) out[n++] = i;
  return out;
}

/** |a ∩ b| / |b| for two id lists. */
export function overlap(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const set = new Set(Array.from(a));
  let hits = 0;
  for (let i = 0; i < b.length; i++) if (set.has(b[i])) hits++;
  return hits / b.length;
}

/**
 * W3's gradient of rows `rows` of the gap matrix g [batch, K] in float64:
 * L = sum_b SG(w(R1_b)) * R2_b with R1 = 1 + sum_j sigmoid(g), R2 = 1 + sum_j softplus(g) and
 * w(x) = x^-alpha / Z, so dL/dg_bj = w(R1_b) * sigmoid(g_bj) (softplus' = sigmoid). Returns rows.length x K.
 */
export function w3GradientReference(g: Float32Array, negatives: number, rows: number[], alpha: number, normalizer: number): Float64Array {
  const out = new Float64Array(rows.length * negatives);
  rows.forEach((row, r) => {
    let r1 = 1;
    for (let j = 0; j < negatives; j++) r1 += sigmoid64(g[row * negatives + j]);
    const w = r1 ** -alpha / normalizer;
    for (let j = 0; j < negatives; j++) out[r * negatives + j] = w * sigmoid64(g[row * negatives + j]);
  });
  return out;
}

/** max_i |actual_i - expected_i| / |expected_i| (expected_i = 0 compares absolutely). */
export function maxRelativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) throw new Error(`maxRelativeError: lengths ${actual.length} and ${expected.length} differ`);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i];
    const err = Math.abs(actual[i] - e) / (e === 0 ? 1 : Math.abs(e));
    if (!(err <= worst)) worst = err; // NaN sticks
  }
  return worst;
}

/** What W1's float64 loss needs: the model's weights and one step's ids. */
export interface W1ReferenceInputs {
  /** [items + 1, d] embedding table (row 0 = padding, unused). */
  table: Float32Array;
  /** [d, d] user dense kernel (x @ kernel) and [d] bias. */
  kernel: Float32Array;
  bias: Float32Array;
  d: number;
  /** [B * L] history ids, [B] positives, [M] negatives. */
  histories: Int32Array;
  history: number;
  positives: Int32Array;
  negatives: Int32Array;
  tau: number;
  alpha: number;
  /** |I| / M: the sampled estimator's factor (torch's `scale`). */
  scale: number;
  /** Z of w(x) = x^-alpha / Z. */
  normalizer: number;
}

function normalize64(v: Float64Array): Float64Array {
  let s = 0;
  for (let j = 0; j < v.length; j++) s += v[j] * v[j];
  const inv = 1 / Math.sqrt(s + 1e-12);
  for (let j = 0; j < v.length; j++) v[j] *= inv;
  return v;
}

/**
 * torch_reference.py's W1 loss in float64 (before the update):
 * u = normalize(Linear(mean E[hist])), v = normalize(E[id]), gap = tau (u.vn - u.vp),
 * r1 = scale (1 + sum sigmoid(gap)), r2 = scale (1 + sum softplus(gap)), loss = mean(w(r1) r2).
 */
export function w1LossReference(x: W1ReferenceInputs): number {
  const { table, kernel, bias, d, histories, history: L, positives, negatives, tau, alpha, scale, normalizer } = x;
  const B = positives.length;
  const M = negatives.length;
  const row = (id: number) => {
    const v = new Float64Array(d);
    for (let j = 0; j < d; j++) v[j] = table[id * d + j];
    return v;
  };
  const vn = Array.from(negatives, (id) => normalize64(row(id)));
  let total = 0;
  for (let b = 0; b < B; b++) {
    const mean = new Float64Array(d);
    for (let l = 0; l < L; l++) {
      const id = histories[b * L + l];
      for (let j = 0; j < d; j++) mean[j] += table[id * d + j] / L;
    }
    const u = new Float64Array(d);
    for (let o = 0; o < d; o++) {
      let s = bias[o];
      for (let j = 0; j < d; j++) s += mean[j] * kernel[j * d + o];
      u[o] = s;
    }
    normalize64(u);
    const vp = normalize64(row(positives[b]));
    let sPos = 0;
    for (let j = 0; j < d; j++) sPos += u[j] * vp[j];
    sPos *= tau;
    let sum1 = 0;
    let sum2 = 0;
    for (let m = 0; m < M; m++) {
      const v = vn[m];
      let s = 0;
      for (let j = 0; j < d; j++) s += u[j] * v[j];
      const gap = tau * s - sPos;
      sum1 += sigmoid64(gap);
      sum2 += softplus64(gap);
    }
    const r1 = scale * (1 + sum1);
    const r2 = scale * (1 + sum2);
    total += (r1 ** -alpha / normalizer) * r2;
  }
  return total / B;
}
