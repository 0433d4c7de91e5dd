/** Checks ranks, dtypes, the shared dimension d, the options and that both matrices are finite. */
import type * as tf from '@tensorflow/tfjs-core';
import { argumentError, checkFloat32Matrix } from '@croloss/internal';
import { checkExcludeItems, checkFinite, checkInteger } from './validate';

/** Options shared by retrieveTopK and evaluateRetrieval. */
export interface RetrievalOptions {
  /** Users scored per chunk: device memory is chunkSize x numItems floats. Default 256. */
  chunkSize?: number;
  /** Item columns never retrieved (e.g. the padding id 0): their scores are set to -Infinity before top-k. */
  excludeItems?: ArrayLike<number>;
}

/** Validated shapes and options of a retrieval call. */
export interface RetrievalInputs {
  numUsers: number;
  dim: number;
  numItems: number;
  chunkSize: number;
  /** Excluded item columns, sorted and de-duplicated. */
  excluded: number[];
  /** Items that can be retrieved: numItems - excluded.length. */
  retrievable: number;
}

/** Default number of users scored per chunk. */
export const DEFAULT_CHUNK_SIZE = 256;

/** Checks ranks, dtypes, the shared dimension d, the options and that both matrices are finite. */
export async function checkRetrievalInputs(
  fn: string,
  userVectors: unknown,
  itemMatrixT: unknown,
  options: unknown,
): Promise<RetrievalInputs> {
  const [numUsers, dim] = checkFloat32Matrix(fn, 'userVectors', userVectors, '[U, d]');
  const [itemDim, numItems] = checkFloat32Matrix(fn, 'itemMatrixT', itemMatrixT, '[d, I] (items transposed)');
  if (itemDim !== dim) {
    throw argumentError(fn, 'itemMatrixT', `shape [d, I] with d = ${dim} (the width of userVectors)`, `shape [${itemDim}, ${numItems}]`);
  }
  if (numItems < 1) throw argumentError(fn, 'itemMatrixT', 'at least one item column', `shape [${itemDim}, ${numItems}]`);
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw argumentError(fn, 'options', 'an object', options);
  }
  const { chunkSize = DEFAULT_CHUNK_SIZE, excludeItems } = (options ?? {}) as RetrievalOptions;
  checkInteger(fn, 'chunkSize', chunkSize, 1);
  const excluded = checkExcludeItems(fn, excludeItems, numItems);
  if (excluded.length >= numItems) {
    throw argumentError(fn, 'excludeItems', `fewer than all ${numItems} items`, `${excluded.length} distinct items`);
  }
  await checkFinite(fn, 'userVectors', userVectors as tf.Tensor);
  await checkFinite(fn, 'itemMatrixT', itemMatrixT as tf.Tensor);
  return { numUsers, dim, numItems, chunkSize, excluded, retrievable: numItems - excluded.length };
}
