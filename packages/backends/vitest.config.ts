/** The vitest project of @croloss/backends (shared settings in vitest.shared.ts). */
import { projectConfig } from '../../vitest.shared';

export default projectConfig('backends');
