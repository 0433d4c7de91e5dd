/** Tests of recallCurveSpec. */
import { describe, expect, it } from 'vitest';
import { fakeResults, FAKE_NS } from './fake-results.test-helpers';
import { PLOT_FONT, PNG_WIDTH, recallCurveSpec, renderPng, renderSvg, type RecallPoint } from './plot';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from a PNG's IHDR chunk (bytes 16..23, big-endian). */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe('recallCurveSpec', () => {
  it('holds every series at every N in percent, runs first and the baseline last', () => {
    const results = fakeResults();
    const values = (recallCurveSpec(results, FAKE_NS).data as { values: RecallPoint[] }).values;
    const expected = [
      ...results.runs.map((run) => ({ series: run.loss, kind: 'run', recall: run.recall })),
      { series: 'most popular items', kind: 'baseline', recall: results.baseline.recall },
    ].flatMap(({ series, kind, recall }) => FAKE_NS.map((n) => ({ series, kind, n, recall: 100 * recall[n] })));
    expect(values.length).toBe(expected.length);
    values.forEach((point, index) => {
      const { recall, ...rest } = expected[index];
      expect({ ...point, recall: undefined }).toEqual({ ...rest, recall: undefined });
      expect(point.recall).toBeCloseTo(recall, 9);
    });
    expect(values.find((p) => p.series === 'CROLoss softplus, alpha 1' && p.n === 500)?.recall).toBe(38.3);
  });

  it('uses a log x axis with ticks at the cut-offs, DejaVu Sans and a white background', () => {
    const spec = recallCurveSpec(fakeResults(), [500, 50, 200, 100]) as Record<string, any>;
    expect(spec.encoding.x.scale.type).toBe('log');
    expect(spec.encoding.x.axis.values).toEqual([50, 100, 200, 500]);
    expect(spec.encoding.y.title).toBe('Recall@N (%)');
    expect(spec.config.font).toBe(PLOT_FONT);
    expect(spec.background).toBe('white');
    expect([spec.width, spec.height]).toEqual([640, 400]);
  });

  it('throws when two runs share a name (their lines could not be told apart)', () => {
    const results = fakeResults();
    results.runs[1].loss = results.runs[0].loss;
    expect(() => recallCurveSpec(results, FAKE_NS)).toThrow(
      "recallCurveSpec: argument 'results' must name every run differently",
    );
  });

  it('throws when a run lacks a cut-off', () => {
    expect(() => recallCurveSpec(fakeResults(), [50, 1000])).toThrow(
      "recallCurveSpec: argument 'recall[1000] of 'softmax cross-entropy (sampled)'' must be a fraction in [0, 1], got undefined",
    );
  });
});

describe('renderSvg and renderPng', () => {
  it('draws the run names, axis titles and font into the SVG and a 1280-pixel-wide PNG', async () => {
    const results = fakeResults();
    const svg = await renderSvg(recallCurveSpec(results, FAKE_NS));
    expect(svg.startsWith('<svg')).toBe(true);
    for (const run of results.runs) expect(svg).toContain(run.loss);
    expect(svg).toContain('most popular items');
    expect(svg).toContain('Recall@N (%)');
    expect(svg).toContain('N (number of retrieved items, log scale)');
    expect(svg).toContain('Recall@N on Beauty');
    expect(svg).toContain(`font-family="${PLOT_FONT}"`);
    for (const n of FAKE_NS) expect(svg).toContain(`>${n}</text>`);

    const png = renderPng(svg);
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const { width, height } = pngSize(png);
    expect(width).toBe(PNG_WIDTH);
    expect(height).toBeGreaterThan(800);
    expect(height).toBeLessThan(1400);
  });
});
