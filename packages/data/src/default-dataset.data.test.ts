/** The embedded Beauty data against the shared folder's Beauty.txt, byte for byte (opt-in suite, `npm run test:data`). */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { sharedDataPath } from '@croloss/testing/fixtures';
import { defaultDatasetPath, loadDefaultDataset, loadSequenceFile } from './index';

describe('embedded default data set against amazon-beauty/Beauty.txt of the development data folder', () => {
  it('is byte-identical to the shared Beauty.txt after gunzip', () => {
    const embedded = gunzipSync(readFileSync(defaultDatasetPath()));
    expect(embedded.equals(readFileSync(sharedDataPath('amazon-beauty/Beauty.txt')))).toBe(true);
  });

  it('loads to the same items and offsets as the shared file', async () => {
    const embedded = await loadDefaultDataset();
    const shared = await loadSequenceFile(sharedDataPath('amazon-beauty/Beauty.txt'));
    expect(embedded.items).toEqual(shared.items);
    expect(embedded.offsets).toEqual(shared.offsets);
  });
});
