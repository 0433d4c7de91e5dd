// Query and candidate tfjs-layers towers with an optional item-category side feature (shared item and category embeddings).
import * as tfl from '@tensorflow/tfjs-layers';
import { L2Normalize, MaskedMeanPool, registerTowerLayers } from '@croloss/two-tower';

/** Sizes of the feature towers. */
export interface FeatureTowerConfig {
  numItems: number;
  numCategories: number;
  /** Use the category feature (history categories in the query tower, the item's category in the candidate tower). */
  withCategories: boolean;
  dim: number;
  maxHistory: number;
  seed: number;
}

/**
 * query:     [history items [B, L], history categories [B, L]] -> masked means of E_item and E_cat -> concat -> Dense d -> L2
 * candidate: [item [B, 1], category [B, 1]]                      -> E_item, E_cat -> concat -> Dense d -> L2
 * Without categories the category inputs and embedding are left out. Item and category embeddings are shared by the
 * two towers; the Dense layers are not.
 *
 * @example
 * ```ts
 * const { queryModel, candidateModel } = featureTowers({ numItems, numCategories, withCategories: true, dim: 32, maxHistory: 50, seed: 1 });
 * ```
 */
export function featureTowers(c: FeatureTowerConfig): { queryModel: tfl.LayersModel; candidateModel: tfl.LayersModel } {
  registerTowerLayers();
  const init = (offset: number) => tfl.initializers.randomNormal({ mean: 0, stddev: 0.1, seed: c.seed + offset });
  const items = tfl.layers.embedding({ inputDim: c.numItems + 1, outputDim: c.dim, embeddingsInitializer: init(0), name: 'item_embedding' });
  const categories = tfl.layers.embedding({ inputDim: c.numCategories + 1, outputDim: c.dim, embeddingsInitializer: init(1), name: 'category_embedding' });
  const dense = (name: string, offset: number) => tfl.layers.dense({ units: c.dim, name, kernelInitializer: tfl.initializers.glorotUniform({ seed: c.seed + offset }) });

  const history = tfl.input({ shape: [c.maxHistory], dtype: 'int32', name: 'history' });
  const historyCategories = tfl.input({ shape: [c.maxHistory], dtype: 'int32', name: 'history_categories' });
  const pooled: tfl.SymbolicTensor[] = [new MaskedMeanPool({ name: 'history_mean' }).apply([items.apply(history) as tfl.SymbolicTensor, history]) as tfl.SymbolicTensor];
  if (c.withCategories) pooled.push(new MaskedMeanPool({ name: 'category_mean' }).apply([categories.apply(historyCategories) as tfl.SymbolicTensor, historyCategories]) as tfl.SymbolicTensor);
  const user = pooled.length === 1 ? pooled[0] : (tfl.layers.concatenate({ name: 'user_features' }).apply(pooled) as tfl.SymbolicTensor);
  const queryModel = tfl.model({
    inputs: c.withCategories ? [history, historyCategories] : history,
    outputs: new L2Normalize({ name: 'user_l2' }).apply(dense('user_dense', 101).apply(user)) as tfl.SymbolicTensor,
    name: c.withCategories ? 'query_with_categories' : 'query',
  });

  const item = tfl.input({ shape: [1], dtype: 'int32', name: 'item' });
  const itemCategory = tfl.input({ shape: [1], dtype: 'int32', name: 'item_category' });
  const parts: tfl.SymbolicTensor[] = [tfl.layers.flatten({ name: 'item_flat' }).apply(items.apply(item)) as tfl.SymbolicTensor];
  if (c.withCategories) parts.push(tfl.layers.flatten({ name: 'category_flat' }).apply(categories.apply(itemCategory)) as tfl.SymbolicTensor);
  const joined = parts.length === 1 ? parts[0] : (tfl.layers.concatenate({ name: 'item_features' }).apply(parts) as tfl.SymbolicTensor);
  const candidateModel = tfl.model({
    inputs: c.withCategories ? [item, itemCategory] : item,
    outputs: new L2Normalize({ name: 'item_l2' }).apply(dense('item_dense', 201).apply(joined)) as tfl.SymbolicTensor,
    name: c.withCategories ? 'candidate_with_categories' : 'candidate',
  });
  return { queryModel, candidateModel };
}
