/** The fused Adam update for tfjs's `wasm` backend: one pass over a variable, its moments and its gradient. */
import { ADAM_UPDATE_KERNEL as ADAM_UPDATE_KERNEL_NAME } from '@croloss/internal';
import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import { simdModule } from './simd-module';
import { float32View, offsetOf, sizeOf, type WasmBackendLike } from './wasm-heap';

/**
 * Name of the fused Adam kernel (the contract with @croloss/two-tower's FusedAdamOptimizer, which finds it by name).
 * Inputs `value`, `m`, `v`, `gradient`, float32, one shape; attributes {@link AdamUpdateAttrs}. Outputs
 * [value', m', v'], each entry computed with tf.train.adam's float32 operations in its order, so bit for bit equal:
 *
 *     m' = m b1 + g (1 - b1)        v' = v b2 + g^2 (1 - b2)
 *     value' = (m' / c1) / (sqrt(v' / c2) + epsilon) (-learningRate) + value,   c1 = 1 - b1^t, c2 = 1 - b2^t
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { ADAM_UPDATE_KERNEL } from '@croloss/wasm-kernels';
 * const [w, m, v] = tf.engine().runKernel(ADAM_UPDATE_KERNEL, { value: tf.ones([2]), m: tf.zeros([2]), v: tf.zeros([2]), gradient: tf.ones([2]) },
 *   { learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, oneMinusAccBeta1: 0.1, oneMinusAccBeta2: 0.001 }) as tf.Tensor[];
 * // w = [0.9, 0.9]: the first step moves every entry by the learning rate
 * ```
 */
export const ADAM_UPDATE_KERNEL: 'CrolossAdamUpdate' = ADAM_UPDATE_KERNEL_NAME;

/** Attributes of {@link ADAM_UPDATE_KERNEL}. */
export interface AdamUpdateAttrs {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** 1 - beta1^t as tf.train.adam holds it (a float32). */
  oneMinusAccBeta1: number;
  /** 1 - beta2^t as tf.train.adam holds it (a float32). */
  oneMinusAccBeta2: number;
}

const f = Math.fround;

/** The same update in plain JavaScript, every operation rounded to float32 (for engines without WebAssembly SIMD). */
function adamJs(w: Float32Array, m: Float32Array, v: Float32Array, g: Float32Array, w2: Float32Array, m2: Float32Array, v2: Float32Array, a: AdamUpdateAttrs): void {
  const [b1, b2, a1, a2, eps, c1, c2, nlr] = [f(a.beta1), f(a.beta2), f(1 - a.beta1), f(1 - a.beta2), f(a.epsilon), f(a.oneMinusAccBeta1), f(a.oneMinusAccBeta2), f(-a.learningRate)];
  for (let i = 0; i < w.length; i++) {
    const gi = g[i];
    const mi = f(f(m[i] * b1) + f(gi * a1));
    const vi = f(f(v[i] * b2) + f(f(gi * gi) * a2));
    w2[i] = f(f(f(f(mi / c1) / f(f(Math.sqrt(f(vi / c2))) + eps)) * nlr) + w[i]);
    m2[i] = mi;
    v2[i] = vi;
  }
}

function checkAttrs(attrs: NamedAttrMap | undefined): AdamUpdateAttrs {
  const out: Record<string, number> = {};
  for (const name of ['learningRate', 'beta1', 'beta2', 'epsilon', 'oneMinusAccBeta1', 'oneMinusAccBeta2']) {
    const value = attrs?.[name];
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${ADAM_UPDATE_KERNEL}: attribute '${name}' must be a finite number, got ${String(value)}`);
    out[name] = value;
  }
  return out as unknown as AdamUpdateAttrs;
}

function adamUpdate({ inputs, backend, attrs }: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: NamedAttrMap }): TensorInfo[] {
  const wasm = backend as WasmBackendLike;
  const names = ['value', 'm', 'v', 'gradient'] as const;
  const [value, m, v, g] = names.map((name) => {
    const t = inputs[name];
    if (!t) throw new Error(`${ADAM_UPDATE_KERNEL}: input '${name}' is missing`);
    if (t.dtype !== 'float32') throw new Error(`${ADAM_UPDATE_KERNEL}: input '${name}' must be float32, got ${t.dtype}`);
    return t;
  });
  for (const [name, t] of [['m', m], ['v', v], ['gradient', g]] as const) {
    if (t.shape.length !== value.shape.length || t.shape.some((d, i) => d !== value.shape[i])) {
      throw new Error(`${ADAM_UPDATE_KERNEL}: input '${name}' must have the shape of 'value' [${value.shape}], got [${t.shape}]`);
    }
  }
  const a = checkAttrs(attrs);
  const outs = [0, 1, 2].map(() => wasm.makeOutput(value.shape, 'float32'));
  const n = sizeOf(value.shape);
  if (n === 0) return outs;
  const module = simdModule(wasm);
  if (module) {
    const [w2, m2, v2] = outs.map((t) => offsetOf(wasm, t));
    module.adam(offsetOf(wasm, value), offsetOf(wasm, m), offsetOf(wasm, v), offsetOf(wasm, g), w2, m2, v2, n,
      a.learningRate, a.beta1, a.beta2, 1 - a.beta1, 1 - a.beta2, a.epsilon, a.oneMinusAccBeta1, a.oneMinusAccBeta2);
  } else {
    const [w2, m2, v2] = outs.map((t) => float32View(wasm, t));
    adamJs(float32View(wasm, value), float32View(wasm, m), float32View(wasm, v), float32View(wasm, g), w2, m2, v2, a);
  }
  return outs;
}

const CONFIG: KernelConfig = { kernelName: ADAM_UPDATE_KERNEL, backendName: 'wasm', kernelFunc: adamUpdate as unknown as KernelConfig['kernelFunc'] };

/**
 * Registers {@link ADAM_UPDATE_KERNEL} for `wasm` (importing the package does it); @croloss/two-tower's
 * FusedAdamOptimizer (the default of trainTwoTower) then updates each variable in one pass.
 *
 * @returns true when it was newly registered.
 *
 * @example
 * ```ts
 * import { registerWasmAdamKernel } from '@croloss/wasm-kernels';
 * registerWasmAdamKernel(); // false: importing the package registered it
 * ```
 */
export function registerWasmAdamKernel(): boolean {
  if (tf.getKernel(CONFIG.kernelName, CONFIG.backendName)) return false;
  tf.registerKernel(CONFIG);
  return true;
}

/**
 * Removes {@link ADAM_UPDATE_KERNEL} from `wasm`: FusedAdamOptimizer falls back to tf.train.adam's composed ops.
 *
 * @returns true when it was registered.
 *
 * @example
 * ```ts
 * import { unregisterWasmAdamKernel } from '@croloss/wasm-kernels';
 * unregisterWasmAdamKernel(); // true
 * ```
 */
export function unregisterWasmAdamKernel(): boolean {
  if (!tf.getKernel(CONFIG.kernelName, CONFIG.backendName)) return false;
  tf.unregisterKernel(CONFIG.kernelName, CONFIG.backendName);
  return true;
}
