/** The vitest project of @croloss/kernels (shared settings in vitest.shared.ts). */
import { projectConfig } from '../../vitest.shared';

export default projectConfig('kernels');
