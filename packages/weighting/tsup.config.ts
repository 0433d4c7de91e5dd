/** The build of @croloss/weighting: the shared library settings of tsup.shared.ts. */
import { libraryConfig } from '../../tsup.shared';

export default libraryConfig();
