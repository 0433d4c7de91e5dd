/** True when running in Node.js (not a browser, not a web worker). */
export declare function isNode(): boolean;
/** The message of an unknown thrown value, without a final period, for error texts. */
export declare function messageOf(error: unknown): string;
/** True when `error` says that module `name` is not installed (as opposed to installed but failing to load). */
export declare function isModuleNotFound(error: unknown, name: string): boolean;
/** An Error whose `reason` is a short phrase for `auto`'s one-line summary of what it tried. */
export declare function backendError(message: string, reason: string): Error & {
    reason: string;
};
/** The short reason of a {@link backendError}, else the error's first sentence cut to 160 characters. */
export declare function shortReason(error: unknown): string;
