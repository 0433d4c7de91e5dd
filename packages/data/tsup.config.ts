/** The build of @croloss/data: the shared library settings of tsup.shared.ts. */
import { libraryConfig } from '../../tsup.shared';

// `import.meta.url` (used to find the embedded data set) is shimmed in the CJS build; src/browser.ts is the browser condition's entry.
export default libraryConfig({ platform: 'node', shims: true, subpaths: ['browser'] });
