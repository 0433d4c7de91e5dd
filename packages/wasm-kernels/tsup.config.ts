/** The build of @croloss/wasm-kernels: the shared library settings of tsup.shared.ts (@croloss/internal bundled in). */
import { libraryConfig } from '../../tsup.shared';

export default libraryConfig();
