/**
 * max_i |a_i - b_i| / max(|b_i|, floor): the relative error of `actual` against `expected`, with an
 * absolute floor so entries near zero are compared absolutely.
 */
export function maxRelativeError(actual: ArrayLike<number>, expected: ArrayLike<number>, floor = 1e-6): number {
  if (actual.length !== expected.length) {
    throw new Error(`maxRelativeError: lengths differ (${actual.length} vs ${expected.length})`);
  }
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    const err = Math.abs(actual[i] - expected[i]) / Math.max(Math.abs(expected[i]), floor);
    if (!(err <= worst)) worst = Number.isNaN(err) ? Infinity : Math.max(worst, err);
  }
  return worst;
}

/**
 * max_i |a_i - b_i| / max(|b_i|, floor), where entries that are both NaN, or the same infinity, count as equal and
 * any other non-finite mismatch (or a length mismatch) gives Infinity: for kernels that must reproduce non-finite
 * values exactly.
 */
export function maxMismatch(actual: ArrayLike<number>, expected: ArrayLike<number>, floor = 1e-6): number {
  if (actual.length !== expected.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i];
    const b = expected[i];
    if (!Number.isFinite(a) || !Number.isFinite(b)) {
      if (!(Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b)))) return Infinity;
      continue;
    }
    worst = Math.max(worst, Math.abs(a - b) / Math.max(Math.abs(b), floor));
  }
  return worst;
}
