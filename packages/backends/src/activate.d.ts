/**
 * `tf.setBackend(name)` that fails loudly: tfjs returns false (after a console warning) when a
 * registered backend cannot initialize, e.g. WebGPU without an adapter. `hint` goes into the Error.
 */
export declare function activateBackend(name: string, hint: string): Promise<void>;
/**
 * True once backend `name` has been initialized (by tf.setBackend or tf.ready). Unlike
 * `tf.findBackend`, which starts initializing a registered backend as a side effect, this only looks.
 */
export declare function isBackendInitialized(name: string): boolean;
/** True when backend `name` is registered (its factory) or already initialized; starts nothing. */
export declare function isBackendRegistered(name: string): boolean;
