/** Writes a training state to `dir` so that a crash at any instant leaves the previous checkpoint usable. */
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { SavedTensor, TrainingState } from '@croloss/two-tower';
import { writeFileAtomic } from '@croloss/data';

/** FNV-1a 32-bit hash of bytes, to detect a torn or corrupted weights file. */
function fnv1a(bytes: Uint8Array): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

type Group = 'weights' | 'optimizer' | 'best';

interface Manifest {
  format: 'croloss-checkpoint-1';
  step: number;
  config?: Record<string, unknown>;
  weightsFile: string;
  bytes: number;
  hash: string;
  tensors: Array<{ group: Group; name: string; shape: number[]; offset: number; length: number }>;
  batches?: unknown;
  negatives?: unknown;
  best?: { step: number; metric: number };
  evalsWithoutGain?: number;
}

/**
 * Writes a training state to `dir` so that a crash at any instant leaves the previous checkpoint usable:
 * the weights go to a new `weights-<step>.bin` (written to a temporary name, synced, renamed), then
 * `checkpoint.json` is replaced atomically to point at it, then older weight files and temporary files left by a
 * killed writer are removed.
 */
export async function saveCheckpoint(dir: string, state: TrainingState): Promise<void> {
  await mkdir(dir, { recursive: true });
  const all = [
    ...state.weights.map((t) => ['weights', t] as const),
    ...state.optimizer.map((t) => ['optimizer', t] as const),
    ...(state.bestWeights ?? []).map((t) => ['best', t] as const),
  ];
  const total = all.reduce((s, [, t]) => s + t.data.length, 0);
  const buffer = new Float32Array(total);
  const tensors: Manifest['tensors'] = [];
  let offset = 0;
  for (const [group, t] of all) {
    buffer.set(t.data, offset);
    tensors.push({ group, name: t.name, shape: t.shape, offset, length: t.data.length });
    offset += t.data.length;
  }
  const bytes = new Uint8Array(buffer.buffer);
  const weightsFile = `weights-${state.step}.bin`;
  await writeFileAtomic(join(dir, weightsFile), bytes);
  const manifest: Manifest = {
    format: 'croloss-checkpoint-1', step: state.step, config: state.config, weightsFile, bytes: bytes.length, hash: fnv1a(bytes), tensors,
    batches: state.batches, negatives: state.negatives, best: state.best, evalsWithoutGain: state.evalsWithoutGain,
  };
  await writeFileAtomic(join(dir, 'checkpoint.json'), `${JSON.stringify(manifest)}\n`);
  for (const file of await readdir(dir)) {
    const staleWeights = /^weights-\d+\.bin$/.test(file) && file !== weightsFile;
    const orphanTemporary = /\.tmp-\d+-[0-9a-f]+$/.test(file); // left by a process killed mid-write (ours are renamed by now)
    if (staleWeights || orphanTemporary) await rm(join(dir, file), { force: true });
  }
}

/**
 * Reads the checkpoint in `dir`; undefined when there is none. A checkpoint whose manifest does not parse or whose
 * weights do not match their recorded size and hash is an Error naming the file, never silently used.
 */
export async function loadCheckpoint(dir: string): Promise<TrainingState | undefined> {
  const manifestPath = join(dir, 'checkpoint.json');
  let text: string;
  try {
    text = await readFile(manifestPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(text) as Manifest;
  } catch {
    throw new Error(`checkpoint ${manifestPath} is corrupt: not valid JSON; delete the folder to start over`);
  }
  if (manifest.format !== 'croloss-checkpoint-1') throw new Error(`checkpoint ${manifestPath} has an unknown format ${JSON.stringify(manifest.format)}`);
  const weightsPath = join(dir, manifest.weightsFile);
  const raw = await readFile(weightsPath).catch(() => {
    throw new Error(`checkpoint ${manifestPath} names ${manifest.weightsFile}, which is missing`);
  });
  const bytes = new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
  if (bytes.length !== manifest.bytes || fnv1a(bytes) !== manifest.hash) {
    throw new Error(`checkpoint ${weightsPath} is corrupt: ${bytes.length} bytes with hash ${fnv1a(bytes)}, expected ${manifest.bytes} bytes with hash ${manifest.hash}`);
  }
  const floats = new Float32Array(bytes.slice().buffer);
  const pick = (group: Group): SavedTensor[] =>
    manifest.tensors.filter((t) => t.group === group).map((t) => ({ name: t.name, shape: t.shape, data: floats.slice(t.offset, t.offset + t.length) }));
  return { step: manifest.step, config: manifest.config, weights: pick('weights'), optimizer: pick('optimizer'), batches: manifest.batches, negatives: manifest.negatives, best: manifest.best,
    bestWeights: manifest.tensors.some((t) => t.group === 'best') ? pick('best') : undefined, evalsWithoutGain: manifest.evalsWithoutGain,
  };
}
