/** "Your existing model": the tfjs-layers two-tower model the quickstart trains with each loss. */
import * as tfl from '@tensorflow/tfjs-layers';

/**
 * "Your existing model": a plain tfjs-layers retrieval model that reads a user's history as a normalised bag of
 * items [numItems + 1] and scores every item [numItems + 1] (column 0 is padding and never recommended).
 * Nothing here knows about CROLoss.
 */
export function buildExistingModel(numItems: number, hidden = 64, seed = 1): tfl.LayersModel {
  return tfl.sequential({
    layers: [
      tfl.layers.dense({ units: hidden, inputShape: [numItems + 1], activation: 'tanh', kernelInitializer: tfl.initializers.glorotUniform({ seed }) }),
      tfl.layers.dense({ units: numItems + 1, kernelInitializer: tfl.initializers.glorotUniform({ seed: seed + 1 }) }),
    ],
  });
}
