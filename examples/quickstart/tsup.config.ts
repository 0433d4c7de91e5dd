/** The build of the quickstart example: the shared example settings of tsup.shared.ts. */
import { exampleConfig } from '../../tsup.shared';

export default exampleConfig(['src/main.ts']);
