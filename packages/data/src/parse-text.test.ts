// parseSequenceText / parseInteractionText / parseDataText: same data and messages as the Node file loaders, and the browser entry exports only Node-free code.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import * as browser from './browser';
import * as main from './index';
import {
  defaultDatasetPath, EMBEDDED_DATASET, loadDefaultDataset, loadInteractionFile, loadSequenceFile,
  parseDataText, parseInteractionText, parseSequenceText, userItems, type SequenceDataset,
} from './index';

const folder = mkdtempSync(join(tmpdir(), 'croloss-parse-text-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
function file(name: string, content: string): string {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
}
const sequences = (data: SequenceDataset) => Array.from({ length: data.numUsers }, (_, u) => Array.from(userItems(data, u)));
/** The Node loader's message with the loader name and file path swapped for the parser's. */
const asParser = (message: string, loader: string, parser: string, path: string, source: string) =>
  message.split(loader).join(parser).split(path).join(source);

describe('parseSequenceText: the embedded Beauty text gives the data set loadDefaultDataset reads', () => {
  it('same users, items, offsets and counts as the Node loader (and as EMBEDDED_DATASET says)', async () => {
    const text = gunzipSync(readFileSync(defaultDatasetPath())).toString('utf8');
    const parsed = await parseSequenceText(text, { name: EMBEDDED_DATASET.name });
    const loaded = await loadDefaultDataset();
    expect([parsed.name, parsed.numUsers, parsed.numItems, parsed.items.length]).toEqual([
      EMBEDDED_DATASET.name, EMBEDDED_DATASET.users, EMBEDDED_DATASET.items, EMBEDDED_DATASET.interactions,
    ]);
    expect(parsed.items).toEqual(loaded.items);
    expect(parsed.offsets).toEqual(loaded.offsets);
    expect(parsed.userIds).toEqual(loaded.userIds);
    expect(parsed.warnings).toEqual([]);
  });
});

describe('text parsers: the rules and messages of the file loaders', () => {
  const cases = [
    { format: 'sequence' as const, parse: parseSequenceText, load: loadSequenceFile, parser: 'parseSequenceText', loader: 'loadSequenceFile', text: '1 1 2 3\r\n\r\n2 4 x 5\n3 6 7' },
    { format: 'interactions' as const, parse: parseInteractionText, load: loadInteractionFile, parser: 'parseInteractionText', loader: 'loadInteractionFile', text: '1 1\n1 2\n2 3 4\n\n3 0\n2 5' },
  ];
  for (const c of cases) {
    it(`${c.format}: same sequences and warnings (line numbers counting blank lines) as ${c.loader}`, async () => {
      const path = file(`mixed-${c.format}.txt`, c.text);
      const loaded = await c.load(path);
      const parsed = await c.parse(c.text, { source: 'dropped.txt' });
      const viaFormat = await parseDataText(c.text, c.format, { source: 'dropped.txt' });
      expect(sequences(parsed)).toEqual(sequences(loaded));
      expect(sequences(viaFormat)).toEqual(sequences(loaded));
      expect(parsed.name).toBe('dropped');
      expect(loaded.warnings.length).toBeGreaterThan(0);
      expect(parsed.warnings).toEqual(loaded.warnings.map((w) => asParser(w, c.loader, c.parser, path, 'dropped.txt')));
    });

    it(`${c.format}: strict mode throws at the first malformed line, naming parser, source and line`, async () => {
      const path = file(`strict-${c.format}.txt`, c.text);
      const nodeError = await c.load(path, { strict: true }).catch((e: Error) => e.message);
      const error = await c.parse(c.text, { source: 'dropped.txt', strict: true }).catch((e: Error) => e.message);
      expect(error).toBe(asParser(String(nodeError), c.loader, c.parser, path, 'dropped.txt'));
      expect(error).toMatch(new RegExp(`^${c.parser}: dropped.txt line 3: `));
    });

    it(`${c.format}: text with no interaction is an Error about argument 'text'`, async () => {
      await expect(c.parse('')).rejects.toThrow(`${c.parser}: argument 'text' must be text with at least one valid interaction`);
      await expect(c.parse('')).rejects.toThrow('got "text": an empty text');
      await expect(c.parse('\n\nx y\n', { source: 'bad.txt' })).rejects.toThrow('got "bad.txt": 3 lines, 2 blank, 1 malformed; first: ');
    });
  }

  it('bad arguments name the function, the argument, the expected and the actual value', async () => {
    await expect(parseSequenceText(42 as never)).rejects.toThrow("parseSequenceText: argument 'text' must be a string, got 42");
    await expect(parseInteractionText('1 1', null as never)).rejects.toThrow("parseInteractionText: argument 'options' must be an object, got null");
    await expect(parseSequenceText('1 1', { source: '' })).rejects.toThrow("parseSequenceText: argument 'options.source' must be a non-empty string, got \"\"");
    await expect(parseSequenceText('1 1', { strict: 1 as never })).rejects.toThrow("parseSequenceText: argument 'options.strict' must be a boolean, got 1");
    await expect(parseDataText('1 1', 'csv' as never)).rejects.toThrow("parseDataText: argument 'format' must be one of 'sequence', 'interactions', got \"csv\"");
  });
});

describe('browser entry (src/browser.ts)', () => {
  it('exports the same objects as the main entry, without the Node file loaders', () => {
    for (const [name, value] of Object.entries(browser)) expect((main as Record<string, unknown>)[name], name).toBe(value);
    const nodeOnly = Object.keys(main).filter((name) => !(name in browser)).sort();
    expect(nodeOnly).toEqual([
      'DATA_FORMATS', 'TAOBAO_BEHAVIORS', 'defaultDatasetPath', 'loadComiRecFile', 'loadComiRecItemCategories', 'loadDataFile',
      'loadDefaultDataset', 'loadInteractionFile', 'loadPaddleRecValidFile', 'loadSequenceFile', 'loadTaobaoUserBehavior',
      'paddleRecEvaluationSet', 'writeFileAtomic',
    ]);
  });
});
