/** Creates a progress display for a run of `total` steps. */
import { MultiBar, type SingleBar } from 'cli-progress';
import { argumentError } from '@croloss/internal';

/** Options of {@link createProgress}. */
export interface ProgressOptions {
  /** Number of steps of the whole job (a positive integer). */
  total: number;
  /** Short name shown on every line, e.g. the loss being trained. */
  label: string;
  /** Draw a live bar (true) or print plain lines every ~10 % (false). Defaults to `stream.isTTY`. */
  isTTY?: boolean;
  /** Where to write; standard error by default, so standard output stays clean for results. */
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
}

/** What the training loop reports after a step. */
export interface ProgressStatus {
  /** Current training loss. */
  loss: number;
  /** Recent training speed; the ETA is (total − step) / stepsPerSecond. */
  stepsPerSecond: number;
}

/** A progress display for one training run. */
export interface Progress {
  /** Reports that `step` of `total` steps are done (1-based). */
  update(step: number, status: ProgressStatus): void;
  /** Prints a line of its own (e.g. a validation result) without breaking the bar. */
  log(line: string): void;
  /** Ends the display (prints the final line off a terminal if it was not printed yet). */
  stop(): void;
}

/**
 * Creates a progress display for a run of `total` steps. On a terminal it is a cli-progress bar
 * `label [=====-----] 300/3000 | loss 0.1234 | 41.2 steps/s | eta 65s`, redrawn in place; off a terminal
 * (CI logs, pipes) it prints one plain line whenever another ~10 % of the steps is done, and at the end:
 * `[label] step 300/3000 loss 0.1234 41.2 steps/s eta 65s`.
 *
 * @example
 * const progress = createProgress({ total: 3000, label: 'softmax' });
 * for (let step = 1; step <= 3000; step++) progress.update(step, { loss, stepsPerSecond });
 * progress.stop();
 */
export function createProgress(options: ProgressOptions): Progress {
  const { total, label } = options;
  if (!Number.isInteger(total) || total <= 0) throw argumentError('createProgress', 'total', 'a positive integer', total);
  if (typeof label !== 'string') throw argumentError('createProgress', 'label', 'a string', label);
  const stream = options.stream ?? process.stderr;
  const isTTY = options.isTTY ?? Boolean(stream.isTTY);
  return isTTY ? barProgress(total, label, stream) : lineProgress(total, label, stream);
}

/** `1234.5` seconds -> `20m35s`; `65` -> `65s`; unknown -> `?`. */
function formatEta(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const rounded = Math.round(seconds);
  if (rounded < 100) return `${rounded}s`;
  const hours = Math.floor(rounded / 3600);
  const minutes = Math.floor((rounded % 3600) / 60);
  const rest = rounded % 60;
  return hours > 0 ? `${hours}h${String(minutes).padStart(2, '0')}m` : `${minutes}m${String(rest).padStart(2, '0')}s`;
}

function describeStatus(step: number, total: number, { loss, stepsPerSecond }: ProgressStatus) {
  return {
    loss: Number.isFinite(loss) ? loss.toFixed(4) : String(loss),
    speed: Number.isFinite(stepsPerSecond) ? stepsPerSecond.toFixed(1) : '?',
    eta: formatEta(stepsPerSecond > 0 ? (total - step) / stepsPerSecond : Number.NaN),
  };
}

function lineProgress(total: number, label: string, stream: NodeJS.WritableStream): Progress {
  let nextTenth = 1; // print when step reaches ceil(total · nextTenth / 10)
  let lastStep = 0;
  let lastStatus: ProgressStatus | undefined;
  let printedStep = 0;
  const print = (step: number, status: ProgressStatus) => {
    const { loss, speed, eta } = describeStatus(step, total, status);
    stream.write(`[${label}] step ${step}/${total} loss ${loss} ${speed} steps/s eta ${eta}\n`);
    printedStep = step;
  };
  return {
    update(step, status) {
      lastStep = step;
      lastStatus = status;
      if (step < Math.ceil((total * nextTenth) / 10)) return;
      while (nextTenth <= 10 && step >= Math.ceil((total * nextTenth) / 10)) nextTenth += 1;
      print(step, status);
    },
    log(line) {
      stream.write(`${line}\n`);
    },
    stop() {
      if (lastStatus !== undefined && printedStep !== lastStep) print(lastStep, lastStatus);
    },
  };
}

/** The cli-progress bars of a terminal: `<label> [====----] step/total | loss | steps/s | eta` a line, redrawn 10 times a second. */
function terminalBars(stream: NodeJS.WritableStream, label: string): MultiBar {
  return new MultiBar({
    format: `${label} [{bar}] {value}/{total} | loss {loss} | {speed} steps/s | eta {etaText}`,
    stream: stream as NodeJS.WritableStream & NodeJS.WriteStream,
    hideCursor: true,
    clearOnComplete: false,
    stopOnComplete: false,
    barsize: 20,
    barCompleteChar: '=',
    barIncompleteChar: '-',
    fps: 10,
  });
}

function barProgress(total: number, label: string, stream: NodeJS.WritableStream): Progress {
  const bars = terminalBars(stream, label);
  const bar: SingleBar = bars.create(total, 0, { loss: '?', speed: '?', etaText: '?' });
  return {
    update(step, status) {
      const { loss, speed, eta } = describeStatus(step, total, status);
      bar.update(step, { loss, speed, etaText: eta });
    },
    log(line) {
      bars.log(`${line}\n`);
    },
    stop() {
      bars.stop();
    },
  };
}

/** Progress displays of several runs at once (the losses trained side by side in worker threads). */
export interface MultiProgress {
  /** The display of one run (created on first use): a line of its own on a terminal, `[label] ...` lines elsewhere. */
  bar(label: string): Progress;
  /** Prints a line of its own without breaking the bars. */
  log(line: string): void;
  /** Ends every display. */
  stop(): void;
}

/**
 * Creates displays for runs of `total` steps each, shown together: on a terminal one cli-progress bar per run (one
 * line per loss), redrawn in place; off a terminal the plain lines of {@link createProgress}, each with its label.
 *
 * @example
 * const progress = createMultiProgress({ total: 800 });
 * progress.bar('softmax').update(1, { loss, stepsPerSecond }); progress.bar('croloss').update(1, { loss, stepsPerSecond });
 * progress.stop();
 */
export function createMultiProgress(options: Omit<ProgressOptions, 'label'>): MultiProgress {
  const { total } = options;
  if (!Number.isInteger(total) || total <= 0) throw argumentError('createMultiProgress', 'total', 'a positive integer', total);
  const stream = options.stream ?? process.stderr;
  const isTTY = options.isTTY ?? Boolean(stream.isTTY);
  const displays = new Map<string, Progress>();
  if (!isTTY) {
    return {
      bar(label) {
        if (!displays.has(label)) displays.set(label, lineProgress(total, label, stream));
        return displays.get(label)!;
      },
      log: (line) => void stream.write(`${line}\n`),
      stop: () => displays.forEach((d) => d.stop()),
    };
  }
  const bars = terminalBars(stream, '{label}');
  return {
    bar(label) {
      if (!displays.has(label)) {
        const bar: SingleBar = bars.create(total, 0, { label: label.padEnd(8), loss: '?', speed: '?', etaText: '?' });
        displays.set(label, {
          update(step, status) {
            const { loss, speed, eta } = describeStatus(step, total, status);
            bar.update(step, { loss, speed, etaText: eta });
          },
          log: (line) => bars.log(`${line}\n`),
          stop: () => bar.stop(),
        });
      }
      return displays.get(label)!;
    },
    log: (line) => bars.log(`${line}\n`),
    stop: () => bars.stop(),
  };
}
