// Vitest project of the browser example: the session code in Node (cpu/wasm), and the Chromium page tests (CROLOSS_CHROMIUM=1).
import { projectConfig } from '../../vitest.shared';

export default projectConfig('example-browser', { testTimeout: 600_000 });
