/** The vitest project of @croloss/webgpu-kernels (shared settings in vitest.shared.ts). */
import { projectConfig } from '../../vitest.shared';

export default projectConfig('webgpu-kernels');
