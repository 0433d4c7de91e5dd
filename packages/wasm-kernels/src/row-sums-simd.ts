/** The SIMD path (placeholder until the WebAssembly module lands): reports that it does not apply. */
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { FusedPhiName } from './kernel-names';
import type { RowInputs } from './row-sums-js';
import type { WasmBackendLike } from './wasm-heap';

/** True when the SIMD module can run on this backend's heap. */
export function simdAvailable(_backend?: WasmBackendLike): boolean {
  return false;
}

export function rowSumsSimd(_b: WasmBackendLike, _g: TensorInfo, _m: TensorInfo | null, _i: RowInputs, _p: FusedPhiName[], _o: Float32Array): boolean {
  return false;
}

export function rowSumsGradSimd(_b: WasmBackendLike, _g: TensorInfo, _m: TensorInfo | null, _i: RowInputs, _p: FusedPhiName, _s: number, _d: Float32Array, _o: TensorInfo): boolean {
  return false;
}
