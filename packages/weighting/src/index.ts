/** The public entry of @croloss/weighting. */
export { defineWeighting, isWeighting } from './weighting';
export type { Weighting, WeightingDefinition } from './weighting';
export { powerLaw } from './power-law';
export type { PowerLawOptions, PowerLawWeighting, RankInput } from './power-law';
export { expm1Accurate } from './expm1';
