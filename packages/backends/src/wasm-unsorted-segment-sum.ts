// UnsortedSegmentSum for the wasm backend (missing in tfjs-backend-wasm 4.22; the gradient of Gather, i.e. of every embedding layer, needs it).
import * as tf from '@tensorflow/tfjs-core';

/** The slice of tfjs-backend-wasm's BackendWasm this kernel uses (typed locally: the wasm backend is an optional peer). */
interface WasmBackendLike {
  readSync(dataId: tf.DataId): ArrayLike<number>;
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
}

/**
 * out[s, ...] = sum over i with segmentIds[i] = s of x[i, ...] (TensorFlow's UnsortedSegmentSum): x [N, ...rest],
 * segmentIds [N] int32, out [numSegments, ...rest]; ids outside [0, numSegments) are dropped, as TensorFlow does.
 * Computed in JavaScript on the wasm heap (one pass over x, float64 accumulation rounded once to x's dtype).
 *
 * @example
 * ```ts
 * // after registerWasmKernels(): the gradient of an embedding lookup on wasm
 * tf.unsortedSegmentSum(tf.tensor2d([[1, 2], [3, 4], [5, 6]]), tf.tensor1d([0, 2, 0], 'int32'), 3); // [[6, 8], [0, 0], [3, 4]]
 * ```
 */
export function wasmUnsortedSegmentSum(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: unknown;
  attrs?: tf.NamedAttrMap;
}): tf.TensorInfo {
  const { x, segmentIds } = args.inputs as { x: tf.TensorInfo; segmentIds: tf.TensorInfo };
  const numSegments = (args.attrs as { numSegments: number }).numSegments;
  const backend = args.backend as WasmBackendLike;
  const rows = segmentIds.shape.reduce((a, b) => a * b, 1);
  const size = x.shape.reduce((a, b) => a * b, 1);
  const inner = rows === 0 ? 0 : size / rows;
  const outShape = [numSegments, ...x.shape.slice(segmentIds.shape.length)];
  // Read both inputs before allocating the output: an allocation may grow the wasm heap and detach earlier views.
  const values = backend.readSync(x.dataId);
  const ids = backend.readSync(segmentIds.dataId);
  const sums = new Float64Array(numSegments * inner);
  for (let i = 0; i < rows; i++) {
    const s = ids[i];
    if (s < 0 || s >= numSegments) continue;
    const from = i * inner;
    const to = s * inner;
    for (let k = 0; k < inner; k++) sums[to + k] += values[from + k];
  }
  const out = backend.makeOutput(outShape, x.dtype);
  backend.typedArrayFromHeap(out).set(sums);
  return out;
}
