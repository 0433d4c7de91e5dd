/** Tests of createProgress off a terminal. */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createMultiProgress, createProgress } from './progress';

/** A non-terminal stream that keeps what is written. */
function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe('createProgress off a terminal', () => {
  it('prints a plain line at every tenth of the steps with loss, speed and ETA', () => {
    const { stream, text } = capture();
    const progress = createProgress({ total: 3000, label: 'softmax', isTTY: false, stream });
    for (let step = 1; step <= 3000; step++) progress.update(step, { loss: 1 / step, stepsPerSecond: 41.2 });
    progress.stop();
    const lines = text().trimEnd().split('\n');
    expect(lines.length).toBe(10);
    expect(lines[0]).toBe('[softmax] step 300/3000 loss 0.0033 41.2 steps/s eta 66s');
    expect(lines[4]).toBe('[softmax] step 1500/3000 loss 0.0007 41.2 steps/s eta 36s');
    expect(lines[9]).toBe('[softmax] step 3000/3000 loss 0.0003 41.2 steps/s eta 0s');
  });

  it('prints once per tenth even when updates skip steps, and a final line on stop', () => {
    const { stream, text } = capture();
    const progress = createProgress({ total: 1000, label: 'CROLoss', isTTY: false, stream });
    progress.update(50, { loss: 0.5, stepsPerSecond: 2 });
    progress.update(450, { loss: 0.25, stepsPerSecond: 2 });
    progress.update(470, { loss: 0.125, stepsPerSecond: 0 });
    progress.stop();
    expect(text()).toBe(
      '[CROLoss] step 450/1000 loss 0.2500 2.0 steps/s eta 4m35s\n' +
        '[CROLoss] step 470/1000 loss 0.1250 0.0 steps/s eta ?\n',
    );
  });

  it('passes log lines through unchanged', () => {
    const { stream, text } = capture();
    const progress = createProgress({ total: 10, label: 'x', isTTY: false, stream });
    progress.log('valid Recall@100 = 21.00%');
    progress.stop();
    expect(text()).toBe('valid Recall@100 = 21.00%\n');
  });

  it('prints every step when there are fewer than ten', () => {
    const { stream, text } = capture();
    const progress = createProgress({ total: 3, label: 'tiny', isTTY: false, stream });
    for (let step = 1; step <= 3; step++) progress.update(step, { loss: 1, stepsPerSecond: 1 });
    progress.stop();
    expect(text().trimEnd().split('\n').map((line) => line.split(' ')[2])).toEqual(['1/3', '2/3', '3/3']);
  });

  it('throws on a total that is not a positive integer', () => {
    expect(() => createProgress({ total: 0, label: 'x', isTTY: false })).toThrow(
      "createProgress: argument 'total' must be a positive integer, got 0",
    );
  });
});

describe('createMultiProgress (losses side by side)', () => {
  it('off a terminal: interleaved plain lines, each with its label, every tenth of each run', () => {
    const { stream, text } = capture();
    const progress = createMultiProgress({ total: 20, isTTY: false, stream });
    for (let step = 1; step <= 20; step++) {
      progress.bar('softmax').update(step, { loss: 1, stepsPerSecond: 10 });
      if (step % 2 === 0) progress.bar('lambda').update(step / 2, { loss: 2, stepsPerSecond: 5 });
    }
    progress.log('[lambda] step 10: validation Recall@100 12.00%');
    progress.stop();
    const lines = text().trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('[softmax] step '))).toHaveLength(10);
    expect(lines.filter((l) => l.startsWith('[lambda] step ') && !l.includes('validation'))).toHaveLength(5);
    expect(lines.slice(0, 3)).toEqual([
      '[softmax] step 2/20 loss 1.0000 10.0 steps/s eta 2s',
      '[softmax] step 4/20 loss 1.0000 10.0 steps/s eta 2s',
      '[lambda] step 2/20 loss 2.0000 5.0 steps/s eta 4s',
    ]);
    expect(lines[lines.length - 1]).toBe('[lambda] step 10: validation Recall@100 12.00%');
  });

  it('on a terminal: one bar line per run', () => {
    const chunks: string[] = [];
    const stream = Object.assign(new Writable({ write(chunk, _e, done) { chunks.push(String(chunk)); done(); } }), { isTTY: true, columns: 120, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
    const progress = createMultiProgress({ total: 10, isTTY: true, stream: stream as unknown as NodeJS.WritableStream & { isTTY: boolean } });
    progress.bar('softmax').update(3, { loss: 0.5, stepsPerSecond: 2 });
    progress.bar('croloss').update(7, { loss: 0.25, stepsPerSecond: 4 });
    progress.stop();
    const out = chunks.join('');
    expect(out).toMatch(/softmax {2}\[======-+\] 3\/10 \| loss 0\.5000 \| 2\.0 steps\/s/);
    expect(out).toMatch(/croloss {2}\[=+-+\] 7\/10 \| loss 0\.2500 \| 4\.0 steps\/s/);
  });

  it('rejects a bad total', () => {
    expect(() => createMultiProgress({ total: 0, isTTY: false })).toThrow(/createMultiProgress/);
  });
});
