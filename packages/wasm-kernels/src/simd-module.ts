/** The WebAssembly SIMD module compiled from src/row-sums.wat, instantiated once per wasm backend heap (its memory imported). */
import { ROW_SUMS_WASM_BASE64 } from './row-sums-wasm.generated';
import { heapMemory, type WasmBackendLike } from './wasm-heap';

/** The exports of src/row-sums.wat. */
export interface SimdExports {
  rowStats(x: number, pos: number, tau: number, mask: number, kind: number, rows: number, cols: number, scale: number, scalar: number,
    outSig: number, outSp: number, flags: number, deriv: number, derivKind: number): void;
  rowScale(deriv: number, dy: number, rows: number, cols: number, outNeg: number, outPos: number): void;
  filterAbove(x: number, n: number, t: number, out: number): number;
  rowMaxSumExp(x: number, pos: number, tau: number, mask: number, kind: number, rows: number, cols: number, outMax: number, outSum: number): void;
  rowExpDeriv(x: number, pos: number, tau: number, mask: number, kind: number, rows: number, cols: number, stats: number, deriv: number): void;
  rowSumsGrad(gaps: number, mask: number, kind: number, rows: number, cols: number, dy: number, scale: number, scalar: number, out: number, derivative: number): void;
  adam(w: number, m: number, v: number, g: number, w2: number, m2: number, v2: number, n: number,
    lr: number, b1: number, b2: number, a1: number, a2: number, eps: number, c1: number, c2: number): void;
}

let compiled: WebAssembly.Module | null | undefined;
const instances = new WeakMap<WebAssembly.Memory, SimdExports | null>();

/** The bytes of a base64 string (the generated modules). */
export function decodeBase64(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** The module's exports bound to this backend's memory, or null (no WebAssembly SIMD, a shared heap, no Memory). */
export function simdModule(backend: WasmBackendLike): SimdExports | null {
  const memory = heapMemory(backend);
  if (memory === null) return null;
  if (instances.has(memory)) return instances.get(memory) ?? null;
  let exports: SimdExports | null = null;
  try {
    if (compiled === undefined) compiled = new WebAssembly.Module(decodeBase64(ROW_SUMS_WASM_BASE64));
    if (compiled !== null) exports = new WebAssembly.Instance(compiled, { env: { memory } }).exports as unknown as SimdExports;
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
  return simdModule(backend) !== null;
}

