/** The vitest project of @croloss/metrics (shared settings in vitest.shared.ts). */
import { projectConfig } from '../../vitest.shared';

export default projectConfig('metrics');
