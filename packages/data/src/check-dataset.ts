/** Checks the CSR shape of a data set passed to a protocol function. */
import { argumentError } from '@croloss/internal';
import type { SequenceDataset } from './sequence-dataset';

/** Checks the CSR shape of a data set passed to a protocol function. */
export function checkDataset(fn: string, dataset: SequenceDataset): void {
  const ok =
    dataset !== null &&
    typeof dataset === 'object' &&
    Number.isInteger(dataset.numUsers) &&
    Number.isInteger(dataset.numItems) &&
    dataset.offsets instanceof Int32Array &&
    dataset.items instanceof Int32Array &&
    dataset.offsets.length === dataset.numUsers + 1 &&
    dataset.offsets[dataset.numUsers] === dataset.items.length;
  if (!ok) {
    throw argumentError(fn, 'dataset', 'a SequenceDataset (Int32Array offsets of length numUsers + 1 ending at items.length)', dataset);
  }
}

/** Checks a list of dense user indices (integers in 0..numUsers-1) and returns it as an Int32Array. */
export function checkUsers(fn: string, argument: string, users: ArrayLike<number>, numUsers: number): Int32Array {
  if (users === null || typeof users !== 'object' || typeof users.length !== 'number') {
    throw argumentError(fn, argument, 'an array of user indices', users);
  }
  for (let i = 0; i < users.length; i++) {
    const u = users[i];
    if (!(Number.isInteger(u) && u >= 0 && u < numUsers)) {
      throw argumentError(fn, `${argument}[${i}]`, `a user index in 0..${numUsers - 1}`, u);
    }
  }
  return Int32Array.from(users);
}
