/** What {@link selectBackend} started. */
export interface BackendSelection {
  /** The tfjs backend name now active: `webgpu`, `tensorflow`, `wasm` or `cpu`. */
  backend: string;
  /** For WebGPU: the adapter, from `adapter.info` (vendor / architecture / device / description). */
  adapter?: string;
  /** One line on how it runs (library, version, SIMD, limits) and, for `auto`, what was tried. */
  details: string;
}

/** Options of {@link selectBackend}. */
export interface SelectBackendOptions {
  /** Where the one-line report goes; default `console.error` (keeps stdout clean for results). */
  log?: (line: string) => void;
  /**
   * Where tfjs-backend-wasm finds its `.wasm` files: a folder prefix ending in `/` (URL in browsers).
   * Default in Node: the installed package's `dist/` folder; in browsers: next to the bundled script.
   */
  wasmPaths?: string;
}

let lastSelection: BackendSelection | undefined;

/** Remembers the latest selection so {@link describeBackend} can name the adapter. */
export function recordSelection(selection: BackendSelection): void {
  lastSelection = { ...selection };
}

/** The latest recorded selection, if any. */
export function recordedSelection(): BackendSelection | undefined {
  return lastSelection;
}
