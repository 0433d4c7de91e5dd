/** The vitest project of examples/quickstart (shared settings in vitest.shared.ts). */
import { projectConfig } from '../../vitest.shared';

export default projectConfig('example-quickstart');
