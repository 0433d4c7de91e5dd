// The paper's two-tower model (shared item embedding, masked mean pool, dense, L2 normalise) as two tfjs-layers models.
import * as tfl from '@tensorflow/tfjs-layers';
import { resolveConfig, type ResolvedTwoTowerConfig, type TwoTowerConfig } from './config';
import { L2Normalize, MaskedMeanPool, registerTowerLayers } from './tower-layers';

/**
 * The fixed {@link TwoTowerModel} rebuilt as tfjs-layers towers over one shared `embedding` layer E [numItems + 1, d]:
 *
 *   queryModel:     history ids [B, L] -> E -> masked mean (ids != 0) -> Dense (ReLU hidden userLayers, linear to d) -> L2
 *   candidateModel: item id [B, 1]     -> E -> [B, d] (-> Dense d with itemDense)                                      -> L2
 *
 * Scores are tau * cos: pass `tau: config.tau` (default 10) to retrievalTask. Same initialisers and seeds as TwoTowerModel
 * (N(0, initStd^2) embeddings with `seed`, Glorot-uniform kernels with seed + 101 + i, zero biases), so the weights start
 * equal to a TwoTowerModel of the same config (the padding row 0 aside, which the masked mean never reads).
 *
 * @example
 * ```ts
 * const { queryModel, candidateModel, config } = twoTowerTowers({ numItems: 12101, dim: 32, maxHistory: 20, seed: 1 });
 * const task = retrievalTask({ loss: presets.softmaxCrossEntropy({ numItems: 12101 }), tau: config.tau });
 * ```
 */
export function twoTowerTowers(config: TwoTowerConfig): { queryModel: tfl.LayersModel; candidateModel: tfl.LayersModel; config: ResolvedTwoTowerConfig } {
  const c = resolveConfig(config);
  registerTowerLayers();
  const embedding = tfl.layers.embedding({
    inputDim: c.numItems + 1, outputDim: c.dim, name: 'item_embedding',
    embeddingsInitializer: tfl.initializers.randomNormal({ mean: 0, stddev: c.initStd, seed: c.seed }),
  });
  const history = tfl.input({ shape: [c.maxHistory], dtype: 'int32', name: 'history' });
  let x = new MaskedMeanPool({ name: 'history_mean' }).apply([embedding.apply(history) as tfl.SymbolicTensor, history]) as tfl.SymbolicTensor;
  const sizes = [...c.userLayers, c.dim];
  sizes.forEach((units, i) => {
    x = tfl.layers.dense({
      units, activation: i + 1 < sizes.length ? 'relu' : 'linear', name: `user_dense_${i}`,
      kernelInitializer: tfl.initializers.glorotUniform({ seed: c.seed + 101 + i }),
    }).apply(x) as tfl.SymbolicTensor;
  });
  const queryModel = tfl.model({ inputs: history, outputs: new L2Normalize({ name: 'user_l2' }).apply(x) as tfl.SymbolicTensor, name: 'query_tower' });
  const item = tfl.input({ shape: [1], dtype: 'int32', name: 'item' });
  let v = tfl.layers.flatten({ name: 'item_flat' }).apply(embedding.apply(item)) as tfl.SymbolicTensor;
  if (c.itemDense) {
    v = tfl.layers.dense({ units: c.dim, name: 'item_dense', kernelInitializer: tfl.initializers.glorotUniform({ seed: c.seed + 201 }) }).apply(v) as tfl.SymbolicTensor;
  }
  const candidateModel = tfl.model({ inputs: item, outputs: new L2Normalize({ name: 'item_l2' }).apply(v) as tfl.SymbolicTensor, name: 'candidate_tower' });
  return { queryModel, candidateModel, config: c };
}
