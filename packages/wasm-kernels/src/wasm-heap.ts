/** Direct access to the tfjs `wasm` backend's heap: typed views of a tensor's bytes and new outputs. */
import type { DataType, TensorInfo } from '@tensorflow/tfjs-core';

/** The part of tfjs-backend-wasm's BackendWasm used here (typed locally so nothing imports the backend). */
export interface WasmBackendLike {
  wasm: { HEAPU8: Uint8Array; asm?: { memory?: WebAssembly.Memory } };
  dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  /** One more tensor shares this data (as Reshape's output does). */
  incRef(dataId: object): void;
  /** Frees data no tensor holds (a kernel's scratch buffer made with makeOutput), with `force`. */
  disposeData(dataId: object, force?: boolean): boolean;
}

/** The backend's WebAssembly.Memory when it exposes one (the Emscripten module's `asm.memory`), else null. */
export function heapMemory(backend: WasmBackendLike): WebAssembly.Memory | null {
  const memory = backend.wasm.asm?.memory;
  return typeof WebAssembly !== 'undefined' && memory instanceof WebAssembly.Memory ? memory : null;
}

/** The heap's current buffer (it is replaced when the heap grows: take views only after the last allocation). */
function heapBuffer(backend: WasmBackendLike): ArrayBufferLike {
  return heapMemory(backend)?.buffer ?? backend.wasm.HEAPU8.buffer;
}

/** The mask kinds of row-sums.wat by dtype: 1 float32 (> 0 keeps), 2 bool (a non-zero byte keeps), 3 int32 (> 0 keeps); 0 is no mask. */
export const MASK_KINDS: Record<string, number> = { float32: 1, bool: 2, int32: 3 };

/** Byte offset of a tensor's data in the heap. */
export function offsetOf(backend: WasmBackendLike, t: TensorInfo): number {
  const data = backend.dataIdMap.get(t.dataId);
  if (!data) throw new Error(`wasm-kernels: tensor ${t.dataId} has no data on the wasm backend`);
  return data.memoryOffset;
}

/** Number of elements of a shape. */
export function sizeOf(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** A float32 view of a tensor's data (no copy). */
export function float32View(backend: WasmBackendLike, t: TensorInfo): Float32Array {
  return new Float32Array(heapBuffer(backend), offsetOf(backend, t), sizeOf(t.shape));
}

/** A view of a mask by its dtype: float32, int32 or bool (one byte per entry). */
export function maskView(backend: WasmBackendLike, t: TensorInfo): Float32Array | Int32Array | Uint8Array {
  const buffer = heapBuffer(backend);
  const offset = offsetOf(backend, t);
  const n = sizeOf(t.shape);
  if (t.dtype === 'bool') return new Uint8Array(buffer, offset, n);
  if (t.dtype === 'int32') return new Int32Array(buffer, offset, n);
  return new Float32Array(buffer, offset, n);
}
