/** The vitest project of @croloss/internal (shared settings in vitest.shared.ts). */
import { projectConfig } from '../../vitest.shared';

export default projectConfig('internal');
