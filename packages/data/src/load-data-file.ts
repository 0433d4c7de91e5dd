/** Loads a data set by format name, as command lines take it. */
import { loadDefaultDataset } from './default-dataset';
import { loadComiRecFile } from './load-comirec-file';
import { loadInteractionFile } from './load-interaction-file';
import { loadSequenceFile } from './load-sequence-file';
import { loadTaobaoUserBehavior } from './load-taobao-user-behavior';
import type { SequenceDataset } from './sequence-dataset';

export const DATA_FORMATS = ['sequence', 'interactions', 'comirec', 'taobao'] as const;
export type DataFormat = (typeof DATA_FORMATS)[number];

/**
 * Loads a data set by format name, as command lines take it: the embedded Amazon Beauty when no path is given,
 * else the file in the given format (`sequence`: `user item item ...`; `interactions`: `user item`;
 * `comirec`: `user,item,order`; `taobao`: UserBehavior.csv, page views).
 *
 * @example
 * ```ts
 * const video = await loadDataFile('./Video.txt', 'interactions');
 * ```
 */
export async function loadDataFile(path: string | undefined, format: string): Promise<SequenceDataset> {
  if (path === undefined) return loadDefaultDataset();
  switch (format as DataFormat) {
    case 'sequence':
      return loadSequenceFile(path);
    case 'interactions':
      return loadInteractionFile(path);
    case 'comirec':
      return loadComiRecFile(path);
    case 'taobao':
      return loadTaobaoUserBehavior(path);
    default:
      throw new Error(`loadDataFile: argument 'format' must be one of ${DATA_FORMATS.join(', ')}, got ${JSON.stringify(format)}`);
  }
}
