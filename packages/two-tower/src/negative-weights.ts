// Per-column log importance weights of in-batch, sampled or mixed negatives (host side, before the step's tensors).
import { argumentError } from '@croloss/internal';

/** Throws unless every entry of `list` is an integer id; returns it as an Int32Array. */
export function checkIds(fn: string, argument: string, list: unknown, length?: number): Int32Array {
  if (!(Array.isArray(list) || (ArrayBuffer.isView(list) && !(list instanceof DataView)))) throw argumentError(fn, argument, 'an array of integer ids', list);
  const values = list as ArrayLike<unknown>;
  if (length !== undefined && values.length !== length) throw argumentError(fn, argument, `${length} ids (one per row)`, `${values.length} ids`);
  const ids = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isInteger(v)) throw argumentError(fn, `${argument}[${i}]`, 'an integer id', v);
    ids[i] = v;
  }
  return ids;
}

/** Throws unless every entry is a probability in (0, 1]. */
export function checkProbabilities(fn: string, argument: string, list: unknown, length: number): Float64Array {
  if (!(Array.isArray(list) || (ArrayBuffer.isView(list) && !(list instanceof DataView)))) throw argumentError(fn, argument, `${length} probabilities in (0, 1]`, list);
  const values = list as ArrayLike<unknown>;
  if (values.length !== length) throw argumentError(fn, argument, `${length} probabilities (one per negative)`, `${values.length} values`);
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !(v > 0 && v <= 1)) throw argumentError(fn, `${argument}[${i}]`, "a probability in (0, 1] (a negative's per-draw probability)", v);
    out[i] = v;
  }
  return out;
}

/** q_in(id) estimated by the batch: count of id among the batch's candidate ids / B. */
export function batchFrequency(ids: Int32Array): (id: number) => number {
  const counts = new Map<number, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return (id) => (counts.get(id) ?? 0) / ids.length;
}

/**
 * log w_j of each negative column (in-batch columns first, then sampled), with n_in = B - 1 in-batch draws per row
 * (the row's own candidate is not a negative) and M sampled draws:
 *
 *   in-batch only:  log w = -log(n_in q_in(x))
 *   sampled only:   log w = -log(M q_s(x))
 *   mixed:          log w = -log(n_in q_in(x) + M q_s(x))   (= -log(T q_mix(x)), q_mix the mixture of the T draws)
 *
 * so sum_j w_j phi(g_j) estimates the full-corpus sum for any kernel (importance sampling; the mixed form is the
 * balance heuristic of multiple importance sampling).
 */
export function negativeLogWeights(parts: {
  inBatch: { ids: Int32Array; q: ArrayLike<number> } | null;
  sampled: { ids: Int32Array; q: ArrayLike<number> } | null;
  qIn: (id: number) => number;
  qSampled: ((id: number) => number) | null;
}): Float32Array {
  const { inBatch, sampled, qIn, qSampled } = parts;
  const nIn = inBatch ? inBatch.ids.length - 1 : 0;
  const m = sampled ? sampled.ids.length : 0;
  const out = new Float32Array((inBatch ? inBatch.ids.length : 0) + m);
  let column = 0;
  if (inBatch) {
    inBatch.ids.forEach((id, j) => {
      const expected = nIn * inBatch.q[j] + (sampled && qSampled ? m * qSampled(id) : 0);
      out[column++] = expected > 0 ? -Math.log(expected) : 0; // B = 1: the only in-batch column is the positive (masked)
    });
  }
  if (sampled) {
    sampled.ids.forEach((id, j) => {
      out[column++] = -Math.log(m * sampled.q[j] + (inBatch ? nIn * qIn(id) : 0));
    });
  }
  return out;
}
