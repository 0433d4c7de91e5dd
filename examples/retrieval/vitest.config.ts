/** The vitest project of examples/retrieval (shared settings in vitest.shared.ts). */
import { projectConfig } from '../../vitest.shared';

export default projectConfig('example-retrieval');
