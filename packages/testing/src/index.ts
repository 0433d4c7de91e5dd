/** The public entry of @croloss/testing. */
export { expectNoLeaks, expectThrowNoLeak, leakedTensors, tensorValues } from './leaks';
export { mulberry32, randomNormalArray, randomUniformArray } from './random';
export { finiteDifferenceGradient } from './finite-difference';
export { maxMismatch, maxRelativeError } from './compare';
export { referenceTopK } from './reference-top-k';
export { exampleBlocks, exampleFiles, runExample } from './doctest';
export type { ExampleBlock } from './doctest';
