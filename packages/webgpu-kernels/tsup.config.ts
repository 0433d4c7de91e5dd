/** The build of @croloss/webgpu-kernels: the shared library settings of tsup.shared.ts. */
import { libraryConfig } from '../../tsup.shared';

export default libraryConfig();
