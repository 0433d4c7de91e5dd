import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { defaultDatasetPath, loadDefaultDataset, loadSequenceFile } from './index';
import { sharedDataPath } from './shared-data';

describe('embedded default data set (datasets/amazon-beauty.txt.gz)', () => {
  it('is found from the module folder and is byte-identical to the shared Beauty.txt after gunzip', () => {
    const path = defaultDatasetPath();
    expect(path.endsWith('amazon-beauty.txt.gz')).toBe(true);
    const embedded = gunzipSync(readFileSync(path));
    const shared = readFileSync(sharedDataPath('amazon-beauty/Beauty.txt'));
    expect(embedded.equals(shared)).toBe(true);
    // The md5 of shared/data/MD5SUMS, also written in datasets/PROVENANCE.md.
    expect(createHash('md5').update(embedded).digest('hex')).toBe('cb03635343187f36526ed4ba48102b53');
  });

  it('loads to the same counts and items as the shared file', async () => {
    const embedded = await loadDefaultDataset();
    const shared = await loadSequenceFile(sharedDataPath('amazon-beauty/Beauty.txt'));
    expect([embedded.name, embedded.numUsers, embedded.numItems, embedded.items.length]).toEqual(['amazon-beauty', 22363, 12101, 198502]);
    expect(embedded.items).toEqual(shared.items);
    expect(embedded.offsets).toEqual(shared.offsets);
    expect(embedded.warnings).toEqual([]);
  });
});
