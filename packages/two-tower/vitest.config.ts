/** The vitest project of @croloss/two-tower (shared settings in vitest.shared.ts). */
import { projectConfig } from '../../vitest.shared';

export default projectConfig('two-tower');
