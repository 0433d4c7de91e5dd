/**
 * Dispatch of a chunk's top-k to the fused row top-k kernel `CrolossRowTopK` of @croloss/webgpu-kernels (`webgpu`) or
 * @croloss/wasm-kernels (`wasm`), when that package has registered it for the active backend. This package does not import it: the kernel is found
 * by name in tfjs's kernel registry (a side-effect registration, like a tfjs backend; the pattern of
 * @croloss/loss's fused-rank-statistic.ts), and without it the callers keep tf.topk.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ROW_TOP_K_KERNEL, ROW_TOP_K_MAX_K } from '@croloss/internal';

/**
 * The contract with @croloss/webgpu-kernels (ROW_TOP_K_KERNEL there): input `x` [U, N] float32, attribute `k`
 * (1 <= k <= min(N, 1024)); outputs [values [U, k] float32, indices [U, k] int32], the first k columns of each row in
 * the order (score desc, column asc).
 */
const ROW_TOP_K = ROW_TOP_K_KERNEL; // the name from @croloss/internal, the one source webgpu-kernels registers under

/** Items scored at once per user chunk on the fused path: device memory is chunkSize x ITEM_CHUNK scores. */
export const FUSED_ITEM_CHUNK = 65_536;

/** Backends with a fused row top-k: webgpu (@croloss/webgpu-kernels) and wasm (@croloss/wasm-kernels). */
const FUSED_BACKENDS = ['webgpu', 'wasm'];

/**
 * On wasm the fused row top-k runs from this many items on: below, tf.topk is faster (measured at k = 500: 18 against
 * 50 ms for 128 users x 12,000 items, even at 40,000, 82 against 49 ms at 100,000, 237 against 74 ms at 313,966).
 */
export const WASM_FUSED_MIN_ITEMS = 65_536;

/**
 * True when a chunk's top-k can run on the fused kernel: webgpu, or wasm with at least WASM_FUSED_MIN_ITEMS items,
 * active with the kernel registered for it, and k <= 1024.
 */
export function fusedTopKAvailable(k: number, numItems: number): boolean {
  const backend = tf.getBackend();
  if (!FUSED_BACKENDS.includes(backend) || tf.getKernel(ROW_TOP_K, backend) === undefined || k < 1 || k > ROW_TOP_K_MAX_K) return false;
  return backend !== 'wasm' || numItems >= WASM_FUSED_MIN_ITEMS;
}

/**
 * Items scored at once per user chunk on the fused path of the active backend: blocks of FUSED_ITEM_CHUNK on webgpu
 * (GPU memory), all of them on wasm (the scores of a chunk live in the heap either way, as on tf.topk's path, and
 * slicing the item matrix would copy it: tfjs-backend-wasm's Slice reads its whole input back first).
 */
export function fusedItemChunk(): number {
  return tf.getBackend() === 'wasm' ? Number.POSITIVE_INFINITY : FUSED_ITEM_CHUNK;
}

function rowTopK(x: tf.Tensor, k: number): { values: tf.Tensor2D; indices: tf.Tensor2D } {
  const [values, indices] = tf.engine().runKernel(ROW_TOP_K, { x }, { k }) as unknown as [tf.Tensor2D, tf.Tensor2D];
  return { values, indices };
}

/** An item-axis split of itemMatrixT (and of the exclusion row), made once per retrieval and reused by every user chunk. */
export interface ItemChunks {
  first: number[];
  itemsT: tf.Tensor2D[];
  exclusion: Array<tf.Tensor2D | null>;
  dispose(): void;
}

/** Splits itemMatrixT [d, I] into column blocks of at most `width` items (no copy when one block holds them all). */
export function splitItems(itemMatrixT: tf.Tensor2D, exclusionRow: tf.Tensor2D | null, width = FUSED_ITEM_CHUNK): ItemChunks {
  const [dim, numItems] = itemMatrixT.shape;
  if (numItems <= width) {
    return { first: [0], itemsT: [itemMatrixT], exclusion: [exclusionRow], dispose: () => undefined };
  }
  const first: number[] = [];
  const itemsT: tf.Tensor2D[] = [];
  const exclusion: Array<tf.Tensor2D | null> = [];
  for (let start = 0; start < numItems; start += width) {
    const size = Math.min(width, numItems - start);
    first.push(start);
    itemsT.push(tf.slice(itemMatrixT, [0, start], [dim, size]));
    exclusion.push(exclusionRow ? tf.slice(exclusionRow, [0, start], [1, size]) : null);
  }
  return { first, itemsT, exclusion, dispose: () => tf.dispose([...itemsT, ...exclusion.filter((t): t is tf.Tensor2D => t !== null)]) };
}

/**
 * The exact top k of users [u, d] against the items, on the fused kernel: per item block c, scores_c = users x
 * itemsT_c (+ -Infinity on excluded columns), its top min(k, |c|) with columns shifted to item ids; then the
 * candidates of all blocks, concatenated in item order, go through the kernel once more and their positions are
 * mapped back to item ids. A candidate's position order equals its item order among equal scores, so the result is
 * the first k items of (score desc, item asc), as on the other path. Device memory: u x block scores, u x (blocks x k)
 * candidates; never u x I.
 */
export function fusedChunkTopK(users: tf.Tensor2D, items: ItemChunks, k: number): { values: tf.Tensor2D; indices: tf.Tensor2D } {
  const scoresOf = (c: number) =>
    tf.tidy(() => {
      const raw = tf.matMul(users, items.itemsT[c]);
      const exclusion = items.exclusion[c];
      return exclusion ? tf.add<tf.Tensor2D>(raw, exclusion) : raw;
    });
  if (items.itemsT.length === 1) {
    const scores = scoresOf(0);
    try {
      return rowTopK(scores, k);
    } finally {
      scores.dispose();
    }
  }
  return tf.tidy(() => {
    const values: tf.Tensor2D[] = [];
    const indices: tf.Tensor2D[] = [];
    items.itemsT.forEach((block, c) => {
      const [v, i] = tf.tidy(() => {
        const top = rowTopK(scoresOf(c), Math.min(k, block.shape[1]));
        return [top.values, tf.add<tf.Tensor2D>(top.indices, tf.scalar(items.first[c], 'int32'))];
      });
      values.push(v);
      indices.push(i);
    });
    const merged = rowTopK(tf.concat(values, 1), k);
    return { values: merged.values, indices: tf.gather(tf.concat(indices, 1), merged.indices, 1, 1) as tf.Tensor2D };
  });
}
