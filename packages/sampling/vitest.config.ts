/** The vitest project of @croloss/sampling (shared settings in vitest.shared.ts). */
import { projectConfig } from '../../vitest.shared';

export default projectConfig('sampling');
