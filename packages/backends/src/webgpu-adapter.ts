/** The parts of a WebGPU adapter this package reads (typed locally: no dependency on @webgpu/types). */
export interface WebGPUAdapterLike {
  info?: WebGPUAdapterInfoLike;
  isFallbackAdapter?: boolean;
  limits?: { maxStorageBufferBindingSize?: number; maxBufferSize?: number };
}

/** `GPUAdapterInfo` fields (all strings, possibly empty). */
export interface WebGPUAdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}

interface GPULike {
  requestAdapter(options?: { powerPreference?: string }): Promise<WebGPUAdapterLike | null>;
}

/** `navigator.gpu`, or undefined where WebGPU is not set up. */
export function navigatorGPU(): GPULike | undefined {
  const gpu = (globalThis as { navigator?: { gpu?: GPULike } }).navigator?.gpu;
  return gpu && typeof gpu.requestAdapter === 'function' ? gpu : undefined;
}

/**
 * The adapter tfjs-backend-webgpu will get: it asks for `high-performance` unless the tfjs flag
 * `WEBGPU_USE_LOW_POWER_GPU` is set. Null when there is none (no GPU, no Vulkan driver).
 */
export async function requestWebGPUAdapter(gpu: GPULike, lowPower: boolean): Promise<WebGPUAdapterLike | null> {
  return gpu.requestAdapter({ powerPreference: lowPower ? 'low-power' : 'high-performance' });
}

/**
 * One line naming the adapter from `adapter.info`: vendor / architecture / device / description,
 * empty and repeated parts left out.
 *
 * @example
 * ```ts
 * import { describeAdapter } from '@croloss/backends';
 * const adapter = await navigator.gpu.requestAdapter();
 * if (adapter) console.log(describeAdapter(adapter));
 * // lavapipe: mesa / software / llvmpipe-llvm-15-0-6-256-bits- / llvmpipe: Mesa 25.0.7-2~bpo12+1 (LLVM 15.0.6) 0.0.1
 * ```
 */
export function describeAdapter(adapter: WebGPUAdapterLike): string {
  const info = adapter.info ?? {};
  const parts: string[] = [];
  for (const part of [info.vendor, info.architecture, info.device, info.description]) {
    const text = typeof part === 'string' ? part.trim() : '';
    if (text && !parts.includes(text)) parts.push(text);
  }
  return parts.length > 0 ? parts.join(' / ') : 'unnamed adapter';
}

/**
 * True for software adapters (Mesa lavapipe/llvmpipe, SwiftShader, WARP): `info.isFallbackAdapter`,
 * or a software name in `info`. They compute correctly but slower than the wasm backend.
 *
 * @example
 * ```ts
 * import { isSoftwareAdapter } from '@croloss/backends';
 * isSoftwareAdapter({ info: { vendor: 'mesa', architecture: 'software', device: 'llvmpipe' } }); // true
 * isSoftwareAdapter({ info: { vendor: 'nvidia', architecture: 'hopper', device: 'NVIDIA H100' } }); // false
 * ```
 */
export function isSoftwareAdapter(adapter: WebGPUAdapterLike): boolean {
  const info = adapter.info ?? {};
  if (info.isFallbackAdapter === true || adapter.isFallbackAdapter === true) return true;
  return /llvmpipe|lavapipe|swiftshader|software|microsoft basic render/i.test(
    [info.architecture, info.device, info.description].filter(Boolean).join(' '),
  );
}
