// The page: reads the controls, runs each session in a fresh Web Worker, shows progress, the live Recall@N plot, the table and the downloads.
import { TEXT_FORMATS, type TextFormat } from '@croloss/data';
import type { MetricAtN, Results, RunResult } from '../../retrieval/src/report/results';
import { initialState, type PageState } from './page-state';
import { drawRecallPlot } from './plot';
import type { DataSource, StartMessage, TrainedFiles, WorkerMessage } from './protocol';
import { checkSessionConfig, DEFAULT_SESSION, type PageLoss, type SessionConfig } from './session-config';
import type { PageBackend } from './start-backend';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const state: PageState = initialState();
(window as unknown as { __croloss: PageState }).__croloss = state;

let worker: Worker | null = null;
let droppedFile: File | null = null;
let finishedRuns: RunResult[] = [];
let trained: TrainedFiles[] = [];
let baseline: MetricAtN = {};
let dataSummary: Results['data'] = { name: '', users: 0, items: 0, interactions: 0 };
let config: SessionConfig = DEFAULT_SESSION;
const objectUrls: string[] = [];

function setStatus(text: string, fraction?: number): void {
  $('status').textContent = text;
  if (fraction !== undefined) ($('progress') as HTMLProgressElement).value = fraction;
}

function showError(message: string, offer: string | null = null): void {
  state.status = 'error';
  state.error = message;
  state.offered = offer;
  const box = $('error');
  box.hidden = false;
  box.textContent = message;
  if (offer) {
    const button = document.createElement('button');
    button.id = 'try-next';
    button.textContent = `Try ${offer}`;
    button.onclick = () => {
      ($('backend') as HTMLSelectElement).value = offer;
      start();
    };
    box.append(button);
  }
  setStatus('stopped');
  stopWorker();
}

function stopWorker(): void {
  worker?.terminate();
  worker = null;
  ($('train') as HTMLButtonElement).disabled = false;
  ($('stop') as HTMLButtonElement).disabled = true;
}

/** URL parameters (used by the browser tests and shareable links) preset the form, so the form always shows what runs. */
function applyUrlParameters(params: URLSearchParams): void {
  const set = (id: string, param: string) => {
    const value = params.get(param);
    if (value !== null) ($(id) as HTMLInputElement).value = value;
  };
  set('backend', 'backend');
  set('kernel', 'kernel');
  set('alpha', 'alpha');
  set('steps', 'steps');
  set('batch', 'batch');
  set('negatives', 'negatives');
  set('eval-every', 'evalEvery');
  set('lr', 'lr');
  set('seed', 'seed');
  set('format', 'format');
  if (params.has('sparse')) ($('sparse') as HTMLInputElement).checked = params.get('sparse') === '1' || params.get('sparse') === 'true';
  const losses = params.get('losses')?.split(',');
  if (losses) document.querySelectorAll<HTMLInputElement>('input[name=loss]').forEach((box) => { box.checked = losses.includes(box.value); });
  $('alpha-value').textContent = Number(($('alpha') as HTMLInputElement).value).toFixed(1);
}

/** The session settings from the form (cut-offs N from the URL, else the defaults). */
function readConfig(): Partial<SessionConfig> {
  const params = new URLSearchParams(location.search);
  const num = (id: string) => Number(($(id) as HTMLInputElement).value);
  return {
    losses: [...document.querySelectorAll<HTMLInputElement>('input[name=loss]:checked')].map((box) => box.value as PageLoss),
    kernel: ($('kernel') as HTMLSelectElement).value,
    alpha: num('alpha'),
    steps: num('steps'),
    batchSize: num('batch'),
    numNegatives: num('negatives'),
    evalEvery: num('eval-every'),
    seed: num('seed'),
    learningRate: num('lr'),
    sparseUpdates: ($('sparse') as HTMLInputElement).checked,
    ...(params.has('ns') ? { ns: params.get('ns')!.split(',').map(Number) } : {}),
    ...(params.has('validN') ? { validN: Number(params.get('validN')) } : {}),
  };
}

async function readDataSource(): Promise<DataSource> {
  const useFile = (document.querySelector('input[name=data]:checked') as HTMLInputElement).value === 'file';
  if (!useFile) return { kind: 'embedded' };
  if (!droppedFile) throw new Error('no file chosen: drop a file on the box or pick one, or choose the embedded data');
  const format = ($('format') as HTMLSelectElement).value as TextFormat;
  if (!(TEXT_FORMATS as readonly string[]).includes(format)) throw new Error(`unknown format ${format}`);
  return { kind: 'file', name: droppedFile.name, format, bytes: await droppedFile.arrayBuffer() };
}

function resultsSoFar(current?: { description: string; step: number; recall: MetricAtN }): Results {
  const runs = [...finishedRuns];
  if (current) {
    runs.push({
      loss: `${current.description} (validation users, step ${current.step})`,
      data: dataSummary.name, recall: current.recall, hitRate: {}, ndcg: {}, bestStep: current.step, steps: current.step,
      trainSeconds: 0, stepsPerSecond: 0, history: [],
    });
  }
  return {
    createdAt: new Date().toISOString(), command: 'browser', backend: state.adapter ? `${state.backend} (${state.adapter})` : String(state.backend),
    data: dataSummary, baseline: { name: 'most popular items', recall: baseline, hitRate: {}, ndcg: {} }, runs, config: { ...config },
  };
}

function renderTable(results: Results): void {
  const ns = config.ns;
  const head = `<tr><th>loss</th>${ns.map((n) => `<th>Recall@${n}</th>`).join('')}<th>best step</th><th>steps/s</th></tr>`;
  const pct = (m: MetricAtN, n: number) => (m[n] === undefined ? '' : `${(100 * m[n]).toFixed(2)}%`);
  const rows = results.runs.map((run) => `<tr><td>${run.loss}</td>${ns.map((n) => `<td>${pct(run.recall, n)}</td>`).join('')}<td>${run.bestStep}</td><td>${run.stepsPerSecond.toFixed(1)}</td></tr>`);
  rows.push(`<tr><td>${results.baseline.name}</td>${ns.map((n) => `<td>${pct(results.baseline.recall, n)}</td>`).join('')}<td></td><td></td></tr>`);
  $('table').innerHTML = head + rows.join('');
}

function link(name: string, blob: Blob): string {
  const url = URL.createObjectURL(blob);
  objectUrls.push(url);
  return `<a href="${url}" download="${name}">${name}</a>`;
}

function renderDownloads(results: Results): void {
  const parts = [link('results.json', new Blob([JSON.stringify(results, null, 2)], { type: 'application/json' }))];
  for (const files of trained) {
    parts.push(link(`towers-${files.loss}.json`, new Blob([files.modelJson], { type: 'application/json' })));
    parts.push(link(files.weightsFile, new Blob([files.weights])));
    parts.push(link(`item-vectors-${files.loss}-${files.numItems}x${files.dim}.f32`, new Blob([files.itemVectors])));
  }
  $('downloads').innerHTML = `Download: ${parts.join(' ')}`;
}

function onMessage(message: WorkerMessage): void {
  switch (message.type) {
    case 'data':
      dataSummary = { name: message.name, users: message.users, items: message.items, interactions: message.interactions };
      state.data = dataSummary;
      $('data-info').textContent = `${message.name}: ${message.users.toLocaleString('en-US')} users, ${message.items.toLocaleString('en-US')} items, ${message.interactions.toLocaleString('en-US')} interactions (parsed in ${message.parseMs.toFixed(0)} ms, off the main thread)`;
      setStatus('starting the backend');
      break;
    case 'data-failed':
      showError(`The data could not be read: ${message.message}`);
      break;
    case 'backend':
      state.backend = message.started.backend;
      state.adapter = message.started.adapter;
      state.status = 'training';
      $('adapter').textContent = `${message.started.backend} on ${message.started.adapter} (${message.started.details})` +
        (message.notes.length ? `; passed over: ${message.notes.join('; ')}` : '');
      break;
    case 'backend-failed':
      showError(`The ${message.backend} backend failed to start: ${message.message}` + (message.next ? `\nOffer: the next backend, ${message.next}.` : ''), message.next);
      break;
    case 'progress': {
      const index = config.losses.indexOf(message.loss as PageLoss);
      const fraction = (index + message.step / message.steps) / config.losses.length;
      setStatus(`${message.description}: step ${message.step}/${message.steps}, loss ${message.value.toFixed(4)}, ${message.stepsPerSecond.toFixed(1)} steps/s`, fraction);
      break;
    }
    case 'validation':
      baseline = message.baseline;
      state.validations += 1;
      void drawRecallPlot($('plot'), resultsSoFar(message), config.ns);
      break;
    case 'run':
      finishedRuns.push(message.run);
      state.stepsPerSecond[message.run.loss] = message.run.stepsPerSecond;
      renderTable(resultsSoFar());
      break;
    case 'trained':
      trained.push(message.files);
      break;
    case 'done':
      state.results = message.results;
      state.status = 'done';
      setStatus(`done: ${message.results.runs.length} loss${message.results.runs.length === 1 ? '' : 'es'} on ${message.results.backend}`, 1);
      void drawRecallPlot($('plot'), message.results, config.ns);
      renderTable(message.results);
      renderDownloads(message.results);
      stopWorker();
      break;
    case 'failed':
      showError(`Training failed: ${message.message}`);
      break;
  }
}

async function start(): Promise<void> {
  stopWorker();
  Object.assign(state, initialState(), { status: 'loading' });
  $('error').hidden = true;
  $('table').innerHTML = '';
  $('downloads').innerHTML = '';
  objectUrls.splice(0).forEach((url) => URL.revokeObjectURL(url));
  finishedRuns = [];
  trained = [];
  baseline = {};
  try {
    config = checkSessionConfig(readConfig());
    const data = await readDataSource();
    const backend = ($('backend') as HTMLSelectElement).value as PageBackend | 'auto';
    worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => onMessage(event.data);
    worker.onerror = (event) => showError(`The training worker crashed: ${event.message}`);
    ($('train') as HTMLButtonElement).disabled = true;
    ($('stop') as HTMLButtonElement).disabled = false;
    setStatus(data.kind === 'embedded' ? 'loading the embedded Beauty data' : `parsing ${data.kind === 'file' ? data.name : ''}`, 0);
    const message: StartMessage = { type: 'start', backend, data, config };
    worker.postMessage(message, data.kind === 'file' ? [data.bytes] : []);
  } catch (error) {
    showError((error as Error).message);
  }
}

function chooseFile(file: File | undefined): void {
  if (!file) return;
  droppedFile = file;
  (document.querySelector('input[name=data][value=file]') as HTMLInputElement).checked = true;
  $('data-info').textContent = `${file.name} (${(file.size / 1024).toFixed(1)} KiB): press Train`;
}

$('train').onclick = () => void start();
$('stop').onclick = () => { stopWorker(); state.status = 'idle'; setStatus('stopped'); };
$('alpha').oninput = () => { $('alpha-value').textContent = Number(($('alpha') as HTMLInputElement).value).toFixed(1); };
($('file') as HTMLInputElement).onchange = () => chooseFile(($('file') as HTMLInputElement).files?.[0]);
const drop = $('drop');
drop.ondragover = (event) => { event.preventDefault(); drop.classList.add('over'); };
drop.ondragleave = () => drop.classList.remove('over');
drop.ondrop = (event) => { event.preventDefault(); drop.classList.remove('over'); chooseFile(event.dataTransfer?.files[0]); };

const params = new URLSearchParams(location.search);
applyUrlParameters(params);
if (params.get('autostart') === '1') void start();
