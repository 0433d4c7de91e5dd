/** The vitest project of @croloss/loss (shared settings in vitest.shared.ts). */
import { projectConfig } from '../../vitest.shared';

export default projectConfig('loss');
