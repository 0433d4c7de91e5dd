import '@tensorflow/tfjs-layers';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '@croloss/backends';
import { lambdaCroLossFromScores } from '@croloss/loss';
import { sigmoid, softplus } from '@croloss/kernels';
import { TwoTowerModel } from '@croloss/two-tower';
await selectBackend('wasm', { log: () => {} });
const items = 313966, batch = 256, history = 20, negatives = 2560, tau = 10;
const model = new TwoTowerModel({ numItems: items, dim: 32, maxHistory: history, tau, seed: 1 });
const { FusedAdamOptimizer } = await import('@croloss/two-tower'); const opt = new FusedAdamOptimizer(0.02);
const histT = tf.randomUniform([batch, history], 1, items, 'int32');
const posT = tf.randomUniform([batch], 1, items, 'int32');
const lossOptions = { weightKernel: sigmoid(), gradientKernel: softplus(), alpha: 1, numItems: items, normalize: false, reduction: 'mean' };
const step = () => tf.tidy(() => {
  const negT = tf.randomUniform([negatives], 1, items, 'int32');
  return opt.minimize(() => {
    const u = model.userVectors(histT);
    const sPos = tf.mul(tf.sum(tf.mul(u, model.itemVectors(posT)), 1), tau);
    const sNeg = model.score(u, negT);
    return lambdaCroLossFromScores(sPos, sNeg, lossOptions);
  }, true, model.variables).dataSync();
});
step(); step();
const p = await tf.profile(step);
const agg = new Map();
for (const k of p.kernels) { const key = `${k.name} ${k.inputShapes.map((s) => `[${s}]`).join(' ')}`; agg.set(key, (agg.get(key) ?? 0) + (typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0)); }
const sorted = [...agg].sort((a, b) => b[1] - a[1]).slice(0, 25);
console.log(sorted.map(([k, v]) => `${v.toFixed(1)}  ${k}`).join('\n'));
console.log('total', [...agg.values()].reduce((a, b) => a + b, 0).toFixed(1));
const t0 = performance.now(); for (let i = 0; i < 5; i++) step(); console.log('step ms', ((performance.now() - t0) / 5).toFixed(1));
