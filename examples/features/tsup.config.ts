/** The build of the features example: the shared example settings of tsup.shared.ts. */
import { exampleConfig } from '../../tsup.shared';

export default exampleConfig(['src/main.ts']);
