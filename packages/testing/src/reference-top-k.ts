/** An exact row-wise top-k in plain JavaScript, the reference of the fused row top-k kernels (webgpu and wasm). */

/**
 * The first k columns of each row of `data` ([rows, cols], row-major) in the order (value desc, column asc), NaN
 * below -Infinity, -0 equal to +0: the contract of CrolossRowTopK. A full sort per row, for tests.
 *
 * @example
 * ```ts
 * referenceTopK(new Float32Array([1, 3, 1]), 1, 3, 2); // { values: [3, 1], indices: [1, 0] }
 * ```
 */
export function referenceTopK(data: Float32Array, rows: number, cols: number, k: number): { values: Float32Array; indices: Int32Array } {
  const values = new Float32Array(rows * k);
  const indices = new Int32Array(rows * k);
  const rank = (v: number) => (Number.isNaN(v) ? -Infinity : v);
  for (let r = 0; r < rows; r++) {
    const row = data.subarray(r * cols, (r + 1) * cols);
    const order = Array.from({ length: cols }, (_, c) => c).sort((a, b) => {
      const va = rank(row[a]);
      const vb = rank(row[b]);
      if (va !== vb) return va > vb ? -1 : 1;
      const na = Number.isNaN(row[a]) ? 1 : 0;
      const nb = Number.isNaN(row[b]) ? 1 : 0;
      return na !== nb ? na - nb : a - b;
    });
    for (let j = 0; j < k; j++) {
      indices[r * k + j] = order[j];
      values[r * k + j] = row[order[j]];
    }
  }
  return { values, indices };
}
