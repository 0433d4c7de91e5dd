/** The build of @croloss/backends: the shared library settings of tsup.shared.ts. */
import { libraryConfig } from '../../tsup.shared';

// import.meta.url (locating tfjs-backend-wasm's .wasm files in Node) also in the CommonJS build
export default libraryConfig({ external: ['webgpu'], shims: true });
