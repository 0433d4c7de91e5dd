/** Tests of writeReport. */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeResults, FAKE_NS } from './fake-results.test-helpers';
import { formatRecallTable } from './table';
import { writeReport } from './write-report';

describe('writeReport', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'croloss-report-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('creates the output directory and writes json, markdown, svg and png', async () => {
    const results = fakeResults();
    const outDir = join(directory, 'nested', 'beauty');
    const files = await writeReport(outDir, results, FAKE_NS);

    expect((await readdir(outDir)).sort()).toEqual(['recall-at-n.png', 'recall-at-n.svg', 'results.json', 'results.md']);
    expect(JSON.parse(await readFile(files.json, 'utf8'))).toEqual(JSON.parse(JSON.stringify(results)));
    const markdown = await readFile(files.markdown, 'utf8');
    expect(markdown).toContain(formatRecallTable(results, FAKE_NS));
    expect(markdown).toContain('![Recall@N versus N](recall-at-n.png)');
    expect(await readFile(files.svg, 'utf8')).toContain('CROLoss softplus, alpha 1');
    expect([...(await readFile(files.png)).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('writes nothing when the results cannot be drawn', async () => {
    const results = fakeResults();
    results.runs[0].recall[50] = Number.NaN;
    await expect(writeReport(join(directory, 'out'), results, FAKE_NS)).rejects.toThrow(
      "argument 'recall[50] of 'softmax cross-entropy (sampled)'' must be a fraction in [0, 1], got NaN",
    );
    expect(await readdir(directory)).toEqual([]);
  });
});
