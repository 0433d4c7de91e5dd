/** The experiment kit's tests: the protocol on the committed fixture data, the chart rendering. */
import { projectConfig } from '../../vitest.shared';

export default projectConfig('experiment-kit', { testTimeout: 120_000 });
