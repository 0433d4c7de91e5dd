import { projectConfig } from '../../vitest.shared';

export default projectConfig('example-gpu-run');
