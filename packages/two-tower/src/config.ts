/** The TwoTowerModel config: shape and hyper-parameters, their defaults and checks. */
import { argumentError } from '@croloss/internal';

/** Shape and hyper-parameters of a {@link TwoTowerModel}. */
export interface TwoTowerConfig {
  /** Number of real items; ids are 1..numItems and 0 is padding (the table has numItems + 1 rows). */
  numItems: number;
  /** Embedding and output dimension d. Default 32 (the paper's). */
  dim?: number;
  /** History length L the user tower reads (the last L items). Default 20 (Amazon; 50 for Taobao). */
  maxHistory?: number;
  /** Temperature: scores are tau * cos(u, v). Default 10 (the paper's). */
  tau?: number;
  /** Hidden ReLU layer sizes of the user tower before its final linear layer to d. Default [] (one linear layer). */
  userLayers?: number[];
  /** Add a linear layer d -> d on top of the item embedding in the item tower. Default false. */
  itemDense?: boolean;
  /** Standard deviation of the N(0, std^2) embedding initialisation. Default 0.1. */
  initStd?: number;
  /** Seed of every initialiser. Default 0. */
  seed?: number;
}

export type ResolvedTwoTowerConfig = Required<TwoTowerConfig>;

/** Fills defaults and validates a config; throws naming the bad field. */
export function resolveConfig(config: TwoTowerConfig): ResolvedTwoTowerConfig {
  const fn = 'TwoTowerModel';
  if (config === null || typeof config !== 'object') throw argumentError(fn, 'config', 'an object { numItems, ... }', config);
  const resolved: ResolvedTwoTowerConfig = {
    dim: 32,
    maxHistory: 20,
    tau: 10,
    userLayers: [],
    itemDense: false,
    initStd: 0.1,
    seed: 0,
    ...config,
  };
  const positiveInt = (name: keyof TwoTowerConfig) => {
    const v = resolved[name];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw argumentError(fn, `config.${name}`, 'an integer >= 1', v);
  };
  positiveInt('numItems');
  positiveInt('dim');
  positiveInt('maxHistory');
  for (const name of ['tau', 'initStd'] as const) {
    const v = resolved[name];
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) throw argumentError(fn, `config.${name}`, 'a finite number > 0', v);
  }
  if (!Array.isArray(resolved.userLayers) || resolved.userLayers.some((u) => !Number.isInteger(u) || u < 1)) {
    throw argumentError(fn, 'config.userLayers', 'an array of integers >= 1', resolved.userLayers);
  }
  if (!Number.isFinite(resolved.seed)) throw argumentError(fn, 'config.seed', 'a finite number', resolved.seed);
  return resolved;
}
