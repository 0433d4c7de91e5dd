import { projectConfig } from '../../vitest.shared';

export default projectConfig('example-features', { testTimeout: 300_000 });
