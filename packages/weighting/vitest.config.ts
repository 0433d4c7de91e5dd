/** The vitest project of @croloss/weighting (shared settings in vitest.shared.ts). */
import { projectConfig } from '../../vitest.shared';

export default projectConfig('weighting');
