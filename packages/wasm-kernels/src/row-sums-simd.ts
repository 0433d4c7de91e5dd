/**
 * The SIMD path: the module compiled from src/row-sums.wat, instantiated on the wasm backend's own memory, runs the
 * sigmoid and softplus kernels (forward: one or both; backward: either) for any mask kind; the rest is plain JS.
 */
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { FusedPhiName } from './kernel-names';
import type { RowInputs } from './row-sums-js';
import { ROW_SUMS_WASM_BASE64 } from './row-sums-wasm.generated';
import { heapMemory, offsetOf, type WasmBackendLike } from './wasm-heap';

interface RowSumsExports {
  rowSums(gaps: number, mask: number, kind: number, rows: number, cols: number, scale: number, scalar: number, outSig: number, outSp: number, flags: number): void;
  rowSumsGrad(gaps: number, mask: number, kind: number, rows: number, cols: number, dy: number, scale: number, scalar: number, out: number, derivative: number): void;
}

let compiled: WebAssembly.Module | null | undefined;
const instances = new WeakMap<WebAssembly.Memory, RowSumsExports | null>();

function decode(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** The module's exports bound to this backend's memory, or null (no WebAssembly SIMD, a shared heap, no Memory). */
function instanceFor(backend: WasmBackendLike): RowSumsExports | null {
  const memory = heapMemory(backend);
  if (memory === null) return null;
  if (instances.has(memory)) return instances.get(memory) ?? null;
  let exports: RowSumsExports | null = null;
  try {
    if (compiled === undefined) compiled = new WebAssembly.Module(decode(ROW_SUMS_WASM_BASE64));
    if (compiled !== null) exports = new WebAssembly.Instance(compiled, { env: { memory } }).exports as unknown as RowSumsExports;
  } catch {
    compiled ??= null; // no SIMD in this engine, or a shared memory the module does not declare: plain JS
    exports = null;
  }
  instances.set(memory, exports);
  return exports;
}

/**
 * True when the SIMD module runs on this wasm backend's heap (the engine has WebAssembly SIMD and the heap is an
 * unshared memory); otherwise the fused kernels run in plain JavaScript.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { simdAvailable } from '@croloss/wasm-kernels';
 * simdAvailable(tf.backend() as never); // true on tfjs-backend-wasm in Node 20
 * ```
 */
export function simdAvailable(backend: WasmBackendLike): boolean {
  return instanceFor(backend) !== null;
}

const MASK_KINDS: Record<string, number> = { float32: 1, bool: 2, int32: 3 };

/** Forward on SIMD when the kernels are sigmoid and/or softplus (one each); false when it does not apply. */
export function rowSumsSimd(backend: WasmBackendLike, gaps: TensorInfo, mask: TensorInfo | null, input: RowInputs, phis: FusedPhiName[], out: Float32Array): boolean {
  const sig = phis.indexOf('sigmoid');
  const sp = phis.indexOf('softplus');
  if ((sig >= 0 ? 1 : 0) + (sp >= 0 ? 1 : 0) !== phis.length) return false;
  const module = instanceFor(backend);
  if (module === null) return false;
  const { rows, cols } = input;
  const rowBytes = rows * 4;
  module.rowSums(
    offsetOf(backend, gaps), mask ? offsetOf(backend, mask) : 0, mask ? MASK_KINDS[mask.dtype] : 0, rows, cols,
    input.scale ? input.scale.byteOffset : 0, input.scalar,
    out.byteOffset + Math.max(sig, 0) * rowBytes, out.byteOffset + Math.max(sp, 0) * rowBytes, (sig >= 0 ? 1 : 0) | (sp >= 0 ? 2 : 0),
  );
  return true;
}

/** Backward on SIMD for the softplus (derivative sigmoid) and sigmoid (y (1 - y)) kernels; false otherwise. */
export function rowSumsGradSimd(
  backend: WasmBackendLike, gaps: TensorInfo, mask: TensorInfo | null, input: RowInputs, phi: FusedPhiName, slot: number, dy: Float32Array, out: TensorInfo,
): boolean {
  if (phi !== 'softplus' && phi !== 'sigmoid') return false;
  const module = instanceFor(backend);
  if (module === null) return false;
  const { rows, cols } = input;
  module.rowSumsGrad(
    offsetOf(backend, gaps), mask ? offsetOf(backend, mask) : 0, mask ? MASK_KINDS[mask.dtype] : 0, rows, cols,
    dy.byteOffset + slot * rows * 4, input.scale ? input.scale.byteOffset : 0, input.scalar, offsetOf(backend, out), phi === 'sigmoid' ? 1 : 0,
  );
  return true;
}
