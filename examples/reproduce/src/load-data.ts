// Copied from examples/retrieval/src/load-data.ts (examples do not depend on each other).
import {
  loadComiRecFile, loadDefaultDataset, loadInteractionFile, loadSequenceFile, loadTaobaoUserBehavior, type SequenceDataset,
} from '@croloss/data';

export const DATA_FORMATS = ['sequence', 'interactions', 'comirec', 'taobao'] as const;
export type DataFormat = (typeof DATA_FORMATS)[number];

/**
 * Loads the data set of the command line: the embedded Amazon Beauty when no path is given, else the file in
 * the given format (`sequence`: `user item item ...`; `interactions`: `user item`; `comirec`: `user,item,order`;
 * `taobao`: UserBehavior.csv, page views).
 */
export async function loadData(path: string | undefined, format: string): Promise<SequenceDataset> {
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
      throw new Error(`--format must be one of ${DATA_FORMATS.join(', ')}, got ${JSON.stringify(format)}`);
  }
}
