// Exact full-corpus Recall/HitRate/NDCG@N of layers towers: the candidate corpus embedded in chunks, then @croloss/metrics.
import * as tf from '@tensorflow/tfjs-core';
import { evaluateRetrieval, type RetrievalMetrics } from '@croloss/metrics';
import { argumentError } from '@croloss/internal';
import { checkTower, embedWith, type Tower, type TowerFeatures } from './tower';

/** A candidate corpus: `size` candidates whose tower inputs for rows [start, end) `features` builds. */
export interface CandidateCorpus {
  size: number;
  features(start: number, end: number): TowerFeatures;
  /** Id of each corpus row (default: the row index). Targets are given as corpus rows. */
  ids?: Int32Array;
}

/**
 * Embeds the whole corpus with the candidate tower (inference mode), `chunk` rows at a time: [size, d].
 *
 * @example
 * ```ts
 * const all = embedCorpus(candidateModel, { size: numItems + 1, features: (a, b) => tf.range(a, b, 1, 'int32').reshape([-1, 1]) });
 * ```
 */
export function embedCorpus(candidateModel: Tower, corpus: CandidateCorpus, chunk = 4096): tf.Tensor2D {
  const fn = 'embedCorpus';
  checkTower(fn, 'candidateModel', candidateModel);
  checkCorpus(fn, corpus);
  if (!Number.isInteger(chunk) || chunk < 1) throw argumentError(fn, 'chunk', 'an integer >= 1', chunk);
  const parts: tf.Tensor2D[] = [];
  try {
    for (let start = 0; start < corpus.size; start += chunk) {
      const end = Math.min(corpus.size, start + chunk);
      parts.push(tf.tidy(() => {
        const features = corpus.features(start, end);
        const out = embedWith(fn, 'candidateModel', candidateModel, features, false);
        return out;
      }));
    }
    return parts.length === 1 ? parts[0] : (tf.concat(parts, 0) as tf.Tensor2D);
  } finally {
    if (parts.length > 1) tf.dispose(parts);
  }
}

/** Options of {@link evaluateTowers}. */
export interface EvaluateTowersOptions {
  queryModel: Tower;
  candidateModel: Tower;
  /** Query tower inputs of the U evaluation queries. */
  queries: TowerFeatures;
  /** Per query, the held-out corpus rows to retrieve (length U). */
  targets: ReadonlyArray<ArrayLike<number>>;
  corpus: CandidateCorpus;
  /** Cut-offs N; the largest must be <= the corpus size minus excluded rows. */
  ns: number[];
  /** Corpus rows never retrieved (e.g. a padding row 0). */
  excludeItems?: number[];
  /** Per query, rows to remove from its ranking (e.g. its history) with maskHistory. */
  history?: ReadonlyArray<ArrayLike<number>>;
  maskHistory?: boolean;
  /** Queries scored per chunk against the whole corpus. Default 256. */
  chunkSize?: number;
  /** Corpus rows embedded at once. Default 4096. */
  embedChunk?: number;
}

/**
 * Exact full-corpus Recall@N, HitRate@N and NDCG@N (ComiRec protocol, see evaluateRetrieval of @croloss/metrics;
 * fused top-k on webgpu) for any query and candidate towers: scores <query, candidate> over every corpus row.
 *
 * @example
 * ```ts
 * const m = await evaluateTowers({ queryModel, candidateModel, queries, targets, corpus, ns: [50, 100], excludeItems: [0] });
 * m.recall[100];
 * ```
 */
export async function evaluateTowers(options: EvaluateTowersOptions): Promise<RetrievalMetrics> {
  const fn = 'evaluateTowers';
  if (options === null || typeof options !== 'object') throw argumentError(fn, 'options', 'an object { queryModel, candidateModel, queries, targets, corpus, ns }', options);
  const { queryModel, candidateModel, queries, targets, corpus, ns } = options;
  checkTower(fn, 'queryModel', queryModel);
  checkTower(fn, 'candidateModel', candidateModel);
  checkCorpus(fn, corpus);
  const retrievable = corpus.size - new Set(options.excludeItems ?? []).size;
  const largest = Array.isArray(ns) && ns.length > 0 ? Math.max(...ns) : NaN;
  if (!(largest <= retrievable)) throw argumentError(fn, 'ns', `cut-offs N <= ${retrievable} (the corpus of ${corpus.size} rows minus excluded ones)`, ns);
  const queryVectors = tf.tidy(() => embedWith(fn, 'queryModel', queryModel, queries, false));
  let corpusT: tf.Tensor2D | null = null;
  try {
    const all = embedCorpus(candidateModel, corpus, options.embedChunk ?? 4096);
    if (all.shape[1] !== queryVectors.shape[1]) {
      const shapes = `query width ${queryVectors.shape[1]}, candidate width ${all.shape[1]}`;
      all.dispose();
      throw argumentError(fn, 'candidateModel', `a tower with the query tower's output width d = ${queryVectors.shape[1]} (the towers' output dims differ)`, shapes);
    }
    corpusT = tf.tidy(() => tf.transpose(all) as tf.Tensor2D);
    all.dispose();
    return await evaluateRetrieval(queryVectors, corpusT, targets, {
      ns, chunkSize: options.chunkSize, excludeItems: options.excludeItems, history: options.history, maskHistory: options.maskHistory ?? false,
    });
  } finally {
    tf.dispose([queryVectors, ...(corpusT ? [corpusT] : [])]);
  }
}

/**
 * The candidate vectors of the whole corpus with their ids, for an ANN index or serving: row-major [size, d].
 *
 * @example
 * ```ts
 * const { ids, dim, vectors } = await exportCandidateVectors(candidateModel, corpus); // vectors.length = ids.length * dim
 * ```
 */
export async function exportCandidateVectors(candidateModel: Tower, corpus: CandidateCorpus, chunk = 4096): Promise<{ ids: Int32Array; dim: number; vectors: Float32Array }> {
  const all = embedCorpus(candidateModel, corpus, chunk);
  try {
    const ids = corpus.ids ?? Int32Array.from({ length: corpus.size }, (_, i) => i);
    return { ids, dim: all.shape[1], vectors: Float32Array.from(await all.data()) };
  } finally {
    all.dispose();
  }
}

function checkCorpus(fn: string, corpus: unknown): void {
  const c = corpus as CandidateCorpus;
  if (c === null || typeof c !== 'object' || typeof c.features !== 'function') throw argumentError(fn, 'corpus', 'an object { size, features(start, end) }', corpus);
  if (!Number.isInteger(c.size) || c.size < 1) throw argumentError(fn, 'corpus.size', 'an integer >= 1', c.size);
  if (c.ids !== undefined && (!(c.ids instanceof Int32Array) || c.ids.length !== c.size)) throw argumentError(fn, 'corpus.ids', `an Int32Array of ${c.size} ids`, c.ids);
}
