/** The build of the reproduce example: the shared example settings of tsup.shared.ts. */
import { exampleConfig } from '../../tsup.shared';

export default exampleConfig(['src/main.ts', 'src/docs-main.ts', 'src/cell-worker.ts']);
