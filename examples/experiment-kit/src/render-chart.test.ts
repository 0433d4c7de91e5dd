/** renderSvg / renderPng: a small spec's SVG holds its data and font; the PNG is PNG_WIDTH wide with the SVG's aspect ratio. */
import { describe, expect, it } from 'vitest';
import { PLOT_FONT, PNG_WIDTH, renderPng, renderSvg } from './index';

const PNG_SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

describe('renderSvg and renderPng', () => {
  it('renders a Vega-Lite line chart headless, then rasterises it', async () => {
    const svg = await renderSvg({
      width: 400,
      height: 200,
      data: { values: [{ n: 10, recall: 1.5 }, { n: 100, recall: 7.25 }, { n: 1000, recall: 21 }] },
      mark: 'line',
      encoding: { x: { field: 'n', type: 'quantitative', title: 'cut-off N' }, y: { field: 'recall', type: 'quantitative', title: 'Recall (%)' } },
      config: { font: PLOT_FONT },
    });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('cut-off N');
    expect(svg).toContain('Recall (%)');
    expect(svg).toContain(`font-family="${PLOT_FONT}"`);
    const svgWidth = Number(svg.match(/<svg[^>]* width="([\d.]+)"/)?.[1]);
    const svgHeight = Number(svg.match(/<svg[^>]* height="([\d.]+)"/)?.[1]);

    const png = renderPng(svg);
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const view = new DataView(png.buffer, png.byteOffset);
    const [width, height] = [view.getUint32(16), view.getUint32(20)]; // the IHDR chunk
    expect(width).toBe(PNG_WIDTH);
    expect(Math.abs(height - Math.round((PNG_WIDTH * svgHeight) / svgWidth))).toBeLessThanOrEqual(1);
  });
});
