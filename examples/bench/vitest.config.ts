/** The vitest project of examples/bench (shared settings in vitest.shared.ts). */
import { projectConfig } from '../../vitest.shared';

export default projectConfig('example-bench');
