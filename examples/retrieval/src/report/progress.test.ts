/** Tests of createProgress off a terminal. */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress } from './progress';

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
