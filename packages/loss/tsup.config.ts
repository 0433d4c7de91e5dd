/** The build of @croloss/loss: the shared library settings of tsup.shared.ts. */
import { libraryConfig } from '../../tsup.shared';

// `@croloss/loss/blocks`: the building blocks (src/blocks.ts)
export default libraryConfig({ subpaths: ['blocks'] });
