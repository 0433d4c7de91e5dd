/** Which implementation the wasm kernels run (the state behind setWasmKernelImpl), read by every kernel of the package. */

/** Which implementation runs: 'simd' (the WebAssembly SIMD module where it applies, else JS) or 'js' only. */
export type WasmKernelImpl = 'simd' | 'js';

let impl: WasmKernelImpl = 'simd';

/** Sets the implementation (checked by setWasmKernelImpl). */
export function setImpl(value: WasmKernelImpl): void {
  impl = value;
}

/** True unless plain JavaScript was chosen. */
export function simdChosen(): boolean {
  return impl === 'simd';
}

/** The implementation chosen. */
export function currentImpl(): WasmKernelImpl {
  return impl;
}
