/** The vitest project of examples/reproduce (shared settings in vitest.shared.ts). */
import { projectConfig } from '../../vitest.shared';

export default projectConfig('example-reproduce');
