/** The build of the GPU run's tables CLI: the shared example settings of tsup.shared.ts. */
import { exampleConfig } from '../../tsup.shared';

export default exampleConfig(['src/main.ts']);
