// A Node file IOHandler for tfjs's model format (model.json + weights.bin): model.save(fileIO(dir)), tf.loadLayersModel(fileIO(dir)).
import * as tf from '@tensorflow/tfjs-core';
import { argumentError } from '@croloss/internal';

/** The parts of node:fs/promises used (typed locally: this package's sources carry no Node types). */
interface FsPromises {
  mkdir(path: string, options: { recursive: boolean }): Promise<unknown>;
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
  readFile(path: string): Promise<Uint8Array>;
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  rename(from: string, to: string): Promise<void>;
}

const FS_MODULE = 'node:fs/promises'; // through a variable: bundlers for the browser must not follow it
const WEIGHTS_FILE = 'weights.bin';

async function fs(): Promise<FsPromises> {
  return (await import(/* webpackIgnore: true */ /* @vite-ignore */ FS_MODULE)) as FsPromises;
}

function join(dir: string, name: string): string {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}

/**
 * An IOHandler that saves a tfjs-layers model as `dir/model.json` + `dir/weights.bin` (the format of
 * tfjs-converter and `tf.io.browserFiles`, so a web server can serve the folder to `tf.loadLayersModel(url)` in a
 * browser) and loads it back, in Node without tfjs-node. Files are written to temporaries and renamed, so an
 * interrupted save leaves the previous model intact.
 *
 * @example
 * ```ts
 * await queryModel.save(fileIO('out/query'));
 * const again = await tf.loadLayersModel(fileIO('out/query')); // in a browser: tf.loadLayersModel('/out/query/model.json')
 * ```
 */
export function fileIO(dir: string): tf.io.IOHandler {
  if (typeof dir !== 'string' || dir.length === 0) throw argumentError('fileIO', 'dir', 'a non-empty folder path', dir);
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      if (artifacts.modelTopology instanceof ArrayBuffer) throw new Error('fileIO.save: binary model topologies (graph models) are not supported; save a tfjs-layers model');
      const files = await fs();
      await files.mkdir(dir, { recursive: true });
      const weights = artifacts.weightData === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(artifacts.weightData);
      const modelJson: tf.io.ModelJSON = {
        modelTopology: artifacts.modelTopology ?? {},
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy ?? `TensorFlow.js tfjs-layers v${tf.version_core}`,
        convertedBy: artifacts.convertedBy ?? null,
        weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }], // relative to model.json, as tfjs-converter writes it
        ...(artifacts.trainingConfig ? { trainingConfig: artifacts.trainingConfig } : {}),
        ...(artifacts.userDefinedMetadata ? { userDefinedMetadata: artifacts.userDefinedMetadata } : {}),
      };
      const weightsPath = join(dir, WEIGHTS_FILE);
      const jsonPath = join(dir, 'model.json');
      await files.writeFile(`${weightsPath}.tmp`, new Uint8Array(weights));
      await files.writeFile(`${jsonPath}.tmp`, JSON.stringify(modelJson));
      await files.rename(`${weightsPath}.tmp`, weightsPath);
      await files.rename(`${jsonPath}.tmp`, jsonPath);
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },
    async load(): Promise<tf.io.ModelArtifacts> {
      const files = await fs();
      const jsonPath = join(dir, 'model.json');
      let modelJson: tf.io.ModelJSON;
      try {
        modelJson = JSON.parse(await files.readFile(jsonPath, 'utf8')) as tf.io.ModelJSON;
      } catch (error) {
        throw new Error(`fileIO.load: cannot read ${jsonPath} (${error instanceof Error ? error.message : String(error)})`);
      }
      return tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
        const specs: tf.io.WeightsManifestEntry[] = [];
        const buffers: ArrayBuffer[] = [];
        for (const group of manifest) {
          specs.push(...group.weights);
          for (const path of group.paths) {
            const bytes = await files.readFile(join(dir, path.replace(/^\.\//, '')));
            buffers.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
          }
        }
        return [specs, tf.io.CompositeArrayBuffer.join(buffers)];
      });
    },
  };
}
