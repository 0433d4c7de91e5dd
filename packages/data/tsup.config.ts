/** The build of @croloss/data: the shared library settings of tsup.shared.ts. */
import { libraryConfig } from '../../tsup.shared';

// `import.meta.url` (used to find the embedded data set) is shimmed in the CJS build.
export default libraryConfig({ platform: 'node', shims: true });
