/** The vitest project of @croloss/testing (shared settings in vitest.shared.ts). */
import { projectConfig } from '../../vitest.shared';

export default projectConfig('testing');
