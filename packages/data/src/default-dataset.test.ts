/** The embedded default data set (datasets/amazon-beauty.txt.gz): its committed checksum and counts. */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { defaultDatasetPath, loadDefaultDataset } from './index';

describe('embedded default data set (datasets/amazon-beauty.txt.gz)', () => {
  it('is found from the module folder and gunzips to the Beauty.txt of datasets/PROVENANCE.md (md5)', () => {
    const path = defaultDatasetPath();
    expect(path.endsWith('amazon-beauty.txt.gz')).toBe(true);
    const embedded = gunzipSync(readFileSync(path));
    expect(embedded.length).toBe(1090094);
    // The md5 of the original Beauty.txt (salesforce/ICLRec data/Beauty.txt), written in datasets/PROVENANCE.md.
    expect(createHash('md5').update(embedded).digest('hex')).toBe('cb03635343187f36526ed4ba48102b53');
    const provenance = readFileSync(new URL('../datasets/PROVENANCE.md', import.meta.url), 'utf8');
    expect(provenance).toContain('cb03635343187f36526ed4ba48102b53');
  });

  it('loads to the committed counts: 22,363 users, 12,101 items, 198,502 interactions, no warnings', async () => {
    const embedded = await loadDefaultDataset();
    expect([embedded.name, embedded.numUsers, embedded.numItems, embedded.items.length]).toEqual(['amazon-beauty', 22363, 12101, 198502]);
    expect(embedded.warnings).toEqual([]);
  });
});
