/** The build of the bench example: the shared example settings of tsup.shared.ts. */
import { exampleConfig } from '../../tsup.shared';

export default exampleConfig(['src/main.ts', 'src/compare.ts', 'src/cpu-ratio.ts']);
