/** Test-only helpers: empirical frequencies and a chi-square statistic with small bins pooled. */

/** counts[id] of the ids drawn. */
export function tally(ids: ArrayLike<number>, size: number): Float64Array {
  const counts = new Float64Array(size);
  for (let j = 0; j < ids.length; j++) counts[ids[j]]++;
  return counts;
}

/**
 * Pearson's X^2 = sum (O - E)^2 / E over ids with E >= 5, the ids with smaller E pooled into one
 * bin; returns X^2 and the degrees of freedom (bins - 1). For a correct sampler X^2 ~ df +- sqrt(2 df).
 */
export function chiSquare(observed: ArrayLike<number>, expected: ArrayLike<number>): { statistic: number; df: number } {
  let statistic = 0;
  let bins = 0;
  let pooledObserved = 0;
  let pooledExpected = 0;
  for (let i = 0; i < expected.length; i++) {
    if (expected[i] >= 5) {
      statistic += (observed[i] - expected[i]) ** 2 / expected[i];
      bins++;
    } else {
      pooledObserved += observed[i];
      pooledExpected += expected[i];
    }
  }
  if (pooledExpected > 0) {
    statistic += (pooledObserved - pooledExpected) ** 2 / pooledExpected;
    bins++;
  }
  return { statistic, df: bins - 1 };
}

/** A generous but meaningful bound: df + 6 sqrt(2 df) (about 4 standard deviations above the mean). */
export function chiSquareBound(df: number): number {
  return df + 6 * Math.sqrt(2 * df);
}
