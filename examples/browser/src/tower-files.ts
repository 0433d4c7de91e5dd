// A trained two-tower model as downloadable files: its variables in the tfjs weights format (model.json + .bin) and its unit item vectors.
import * as tf from '@tensorflow/tfjs-core';
import type { TwoTowerModel } from '@croloss/two-tower';
import type { TrainedFiles } from './protocol';

/**
 * Encodes the towers' variables with `tf.io.encodeWeights` (names without the model's counter prefix:
 * `item_embeddings` [numItems + 1, d], `user_dense_0/kernel` [d, d], ...) and a `model.json` whose
 * `weightsManifest` lists them, plus the unit item vectors [numItems, d] (row i - 1 = item i).
 * Load back with `tf.io.decodeWeights(bin, manifest.weightsManifest[0].weights)`.
 *
 * @example
 * ```ts
 * const files = await towerFiles('croloss', model); // files.modelJson, files.weights, files.itemVectors
 * ```
 */
export async function towerFiles(loss: string, model: TwoTowerModel): Promise<TrainedFiles> {
  const named = model.variables.map((v) => ({ name: v.name.replace(/^croloss_two_tower_\d+\//, ''), tensor: v as tf.Tensor }));
  const { data, specs } = await tf.io.encodeWeights(named);
  const weightsFile = `towers-${loss}.weights.bin`;
  const modelJson = JSON.stringify({
    format: 'croloss-two-tower',
    generatedBy: `TensorFlow.js tfjs-core ${tf.version_core}`,
    convertedBy: null,
    modelTopology: { config: model.config },
    weightsManifest: [{ paths: [weightsFile], weights: specs }],
  }, null, 2);
  const { numItems, dim, vectors } = await model.exportItemEmbeddings();
  return { loss, modelJson, weightsFile, weights: data as ArrayBuffer, itemVectors: vectors.buffer as ArrayBuffer, numItems, dim };
}
