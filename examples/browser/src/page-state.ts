// What the page shows and what the browser tests read (window.__croloss): status, backend, data, errors and the final results.
import type { Results } from '../../retrieval/src/report/results';

/** The page's observable state; every field is plain data so a test can read it with page.evaluate. */
export interface PageState {
  status: 'idle' | 'loading' | 'training' | 'done' | 'error';
  backend: string | null;
  adapter: string | null;
  data: { name: string; users: number; items: number; interactions: number } | null;
  error: string | null;
  /** Backend the error box offers to try next, when a backend failed to start. */
  offered: string | null;
  validations: number;
  /** steps/s of each finished run, by loss description (training time only). */
  stepsPerSecond: Record<string, number>;
  results: Results | null;
}

/** A fresh idle state. */
export function initialState(): PageState {
  return { status: 'idle', backend: null, adapter: null, data: null, error: null, offered: null, validations: 0, stepsPerSecond: {}, results: null };
}
