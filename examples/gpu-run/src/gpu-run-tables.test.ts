// Tests of the GPU run's parser and tables on a committed real run: the lavapipe dry run of job.sh (fixtures/lavapipe-small).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { MainJobResults, TimingLine } from './gpu-run';
import { ms, percent, rate } from './format';
import { parseJsonLines } from './json-lines';
import { furthestFromTarget, performanceTable } from './performance-table';
import { portableCommand, qualityRows, QUALITY_NS, wasmPeer } from './quality-rows';
import { ratio, TARGET_RATIO, timedLine, WORKLOAD_IDS } from './ratio';
import { readGpuRun } from './read-gpu-run';
import { readQualityRuns } from './read-quality-runs';
import { sampleDoc } from './sample-doc';
import { blockMarkers, spliceBlock } from './splice-block';

const here = fileURLToPath(new URL('.', import.meta.url));
const fixture = join(here, '..', 'fixtures', 'lavapipe-small');
const wasmFixture = join(here, '..', 'fixtures', 'wasm-runs');
const docs = join(here, '..', '..', '..', 'docs');
const rawLines = (file: string) => readFileSync(join(fixture, file), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
const scratch = mkdtempSync(join(tmpdir(), 'gpu-run-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('readGpuRun on the committed lavapipe dry run', () => {
  const run = readGpuRun(fixture);
  const steps = rawLines('steps.jsonl');

  it('reads the machine line, every step line and the summary line of steps.jsonl', () => {
    expect(run.machine).toEqual(steps[0]);
    expect(run.steps).toEqual(steps.filter((l) => l.step !== 'machine' && l.step !== 'summary'));
    expect(run.summary).toEqual(steps[steps.length - 1]);
    expect(run.summary?.ok).toBe(run.steps.filter((s) => s.status === 'ok').length);
  });

  it('reads the bench lines, fused and composed, as the bench wrote them', () => {
    expect(run.fused).toEqual(rawLines('bench-fused.jsonl'));
    expect(run.composed).toEqual(rawLines('bench-composed.jsonl'));
    expect(run.fused.map((l) => l.impl)).toEqual(WORKLOAD_IDS.map(() => 'tfjs-fused'));
    expect(run.composed.map((l) => l.impl)).toEqual(WORKLOAD_IDS.map(() => 'tfjs-composed'));
  });

  it('reads the results.json of every main-job step that wrote one', () => {
    const ok = run.steps.filter((s) => s.status === 'ok' && (s.step === 'beauty-default' || s.step.startsWith('video-'))).map((s) => s.step);
    expect(Object.keys(run.jobs).sort()).toEqual(ok.sort());
    for (const [step, job] of Object.entries(run.jobs)) {
      expect(job).toEqual(JSON.parse(readFileSync(join(fixture, step, 'results.json'), 'utf8')));
    }
  });

  it('returns what finished from a run cut off before its summary line', () => {
    const cut = join(scratch, 'cut');
    cpSync(fixture, cut, { recursive: true });
    const text = readFileSync(join(cut, 'steps.jsonl'), 'utf8').trim().split('\n');
    // the job killed while writing its last step line: the half line is dropped, the summary is missing
    writeFileSync(join(cut, 'steps.jsonl'), `${text.slice(0, -2).join('\n')}\n${text[text.length - 2].slice(0, 20)}`);
    const partial = readGpuRun(cut);
    expect(partial.summary).toBeUndefined();
    expect(partial.steps).toEqual(run.steps.slice(0, -1));
    expect(performanceTable(partial)).toContain('cut off before its summary line');
  });

  it('names the function, the argument and the folder for a folder that is not a run', () => {
    expect(() => readGpuRun(join(scratch, 'nothing'))).toThrow(
      `readGpuRun: argument 'dir' must be a folder with steps.jsonl (what the GPU run wrote under $OUT), got ${JSON.stringify(join(scratch, 'nothing'))}`,
    );
    expect(() => readQualityRuns(join(scratch, 'nothing'))).toThrow(/^readQualityRuns: argument 'dir' must be a folder of quality runs/);
  });
});

describe('parseJsonLines', () => {
  it('skips log lines and a truncated last line, and names the line of a broken one', () => {
    expect(parseJsonLines('bench: log\n{"a":1}\n\n{"a":2}\n{"a":')).toEqual([{ a: 1 }, { a: 2 }]);
    expect(() => parseJsonLines('{"a":1}\n{"a":\n{"a":2}', 'x.jsonl')).toThrow('parseJsonLines: line 2 of x.jsonl is not valid JSON');
  });
});

describe('ratio tfjs / PyTorch', () => {
  const run = readGpuRun(fixture);
  const w3 = timedLine(run.fused, 'W3') as TimingLine;

  it('divides the medians of lines with the same shapes', () => {
    const torch = { ...w3, impl: 'torch', ms_median: (w3.ms_median as number) / 4 };
    const r = ratio(w3, torch);
    expect('value' in r && r.value).toBeCloseTo(4, 12);
  });

  it('refuses to compare lines of different shapes or missing lines', () => {
    const full = { ...w3, batch: (w3.batch as number) * 2 };
    expect(ratio(w3, full)).toEqual({ missing: `shapes differ (batch ${w3.batch} vs ${full.batch})` });
    expect(ratio(w3, undefined)).toEqual({ missing: 'no PyTorch time' });
    expect(ratio(undefined, w3)).toEqual({ missing: 'no tfjs time' });
  });
});

describe('performanceTable', () => {
  const run = readGpuRun(fixture);

  it('has one row per workload with the medians of the run, and no ratio when PyTorch was not timed', () => {
    const table = performanceTable(run);
    for (const id of WORKLOAD_IDS) {
      const row = table.split('\n').find((l) => l.startsWith(`| ${id} `)) as string;
      const cells = row.split(' | ');
      expect(cells[1]).toBe(ms(timedLine(run.fused, id)?.ms_median));
      expect(cells[2]).toBe(ms(timedLine(run.composed, id)?.ms_median));
      expect(cells[3]).toBe('n/a');
      expect(cells[4]).toBe('n/a (no PyTorch time)');
      expect(cells[6]).toBe(`≤ ${TARGET_RATIO[id]}x`);
    }
    expect(furthestFromTarget(run)).toBeUndefined();
    for (const s of run.steps) expect(table).toContain(`| ${s.step} | ${s.status}`);
  });

  it('with PyTorch lines of the same run, gives the ratios, met or not against the targets, and the workload furthest from its target', () => {
    // PyTorch lines made from the bench's own lines (same shapes): fused 3x, 2.5x and 0.5x PyTorch
    const factor = { W1: 3, W2: 2.5, W3: 0.5 } as const;
    const torch = WORKLOAD_IDS.map((id) => {
      const l = timedLine(run.fused, id) as TimingLine;
      return { ...l, impl: 'torch', ms_median: (l.ms_median as number) / factor[id] };
    });
    const withTorch = { ...run, torch };
    const table = performanceTable(withTorch);
    for (const id of WORKLOAD_IDS) {
      const row = table.split('\n').find((l) => l.startsWith(`| ${id} `)) as string;
      const expected = factor[id];
      expect(row).toContain(`| ${expected.toFixed(expected < 1 ? 2 : 1)}x |`);
      expect(row).toContain(expected <= TARGET_RATIO[id] ? ': met' : ': not met');
    }
    expect(furthestFromTarget(withTorch)?.id).toBe('W1'); // 3 / 2 against 2.5 / 2 and 0.5 / 1
  });
});

describe('qualityRows', () => {
  const run = readGpuRun(fixture);
  const wasm = readQualityRuns(wasmFixture);

  it('puts each webgpu loss next to the wasm run of the same data, steps and seed', () => {
    const video = Object.values(run.jobs).find((j) => j.data.name === 'Video') as MainJobResults;
    const peer = wasmPeer(video, wasm) as MainJobResults;
    expect(peer.backend).toBe('wasm');
    const md = qualityRows(run, wasm);
    for (const job of Object.values(run.jobs).filter((j) => j.data.name === 'Video')) {
      for (const r of job.runs) {
        const w = peer.runs.find((x) => x.loss === r.loss) as MainJobResults['runs'][number];
        const row = md.split('\n').find((l) => l.startsWith(`| ${r.loss} |`) && l.includes(`/ ${percent(w.recall[50])}`));
        expect(row).toBe(`| ${r.loss} | ${QUALITY_NS.map((n) => `${percent(r.recall[n])} / ${percent(w.recall[n])}`).join(' | ')} | ${rate(r.stepsPerSecond)} / ${rate(w.stepsPerSecond)} |`);
      }
    }
  });

  it('takes as peer only a wasm run of the same data, steps and seed', () => {
    const video = Object.values(run.jobs).find((j) => j.data.name === 'Video') as MainJobResults;
    const [w] = wasm;
    expect(wasmPeer(video, [w])).toBe(w);
    expect(wasmPeer(video, [{ ...w, backend: 'webgpu' }])).toBeUndefined();
    expect(wasmPeer(video, [{ ...w, config: { ...w.config, seed: w.config.seed + 1 } }])).toBeUndefined();
    expect(wasmPeer(video, [{ ...w, config: { ...w.config, steps: w.config.steps * 300 } }])).toBeUndefined();
    expect(wasmPeer(video, [{ ...w, data: { ...w.data, name: 'amazon-beauty' } }])).toBeUndefined();
  });

  it('shows - where no wasm run has those settings, and writes the commands without the machine\'s $OUT path', () => {
    const md = qualityRows(run, []);
    expect(md).toContain('(no wasm run of these settings)');
    expect(md).not.toContain(run.machine.out);
    expect(md).toContain('--out $OUT/video-softmax');
    expect(portableCommand('x --out /a/b/c', '/a/b')).toBe('x --out $OUT/c');
  });
});

describe('the docs and the committed sample', () => {
  it('docs/performance.md and docs/quality.md carry the blocks that --write-docs replaces', () => {
    for (const [file, block] of [['performance.md', 'performance'], ['quality.md', 'quality']]) {
      const text = readFileSync(join(docs, file), 'utf8');
      const out = spliceBlock(text, block, 'NEW');
      const [begin, end] = blockMarkers(block);
      expect(out.slice(out.indexOf(begin), out.indexOf(end) + end.length)).toBe(`${begin}\nNEW\n${end}`);
      expect(out.slice(0, out.indexOf(begin))).toBe(text.slice(0, text.indexOf(begin)));
    }
    expect(() => spliceBlock('no markers', 'performance', 'x')).toThrow(/^spliceBlock: argument 'text' must be a text with the lines '<!-- gpu-run:performance:begin -->'/);
  });

  it('docs/gpu-run-sample holds the tables generated from this dry run, labelled a sample', () => {
    const run = readGpuRun(fixture);
    const performance = readFileSync(join(docs, 'gpu-run-sample', 'performance.md'), 'utf8');
    expect(performance).toBe(sampleDoc(run, 'docs/performance.md, GPU section', performanceTable(run)));
    expect(performance).toMatch(/^# SAMPLE: /);
    const quality = readFileSync(join(docs, 'gpu-run-sample', 'quality.md'), 'utf8');
    expect(quality).toBe(sampleDoc(run, 'docs/quality.md, webgpu rows', qualityRows(run, readQualityRuns(join(docs, 'quality')))));
  });
});
