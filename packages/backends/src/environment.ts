/** True when running in Node.js (not a browser, not a web worker). */
export function isNode(): boolean {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof proc?.versions?.node === 'string';
}

/** The message of an unknown thrown value, without a final period, for error texts. */
export function messageOf(error: unknown): string {
  const message =
    error instanceof Error
      ? error.message
      : error && typeof error === 'object' && 'message' in error
        ? String((error as { message: unknown }).message)
        : String(error);
  return message.trim().replace(/\.$/, ''); // callers add their own punctuation
}

/** True when `error` says that module `name` is not installed (as opposed to installed but failing to load). */
export function isModuleNotFound(error: unknown, name: string): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const message = messageOf(error);
  const notFound = code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND' || /Cannot find (package|module)|Could not resolve|Failed to (resolve|load url)/i.test(message);
  return notFound && message.includes(name);
}

/** An Error whose `reason` is a short phrase for `auto`'s one-line summary of what it tried. */
export function backendError(message: string, reason: string): Error & { reason: string } {
  return Object.assign(new Error(message), { reason });
}

/** The short reason of a {@link backendError}, else the error's first sentence cut to 160 characters. */
export function shortReason(error: unknown): string {
  const reason = (error as { reason?: unknown } | null)?.reason;
  if (typeof reason === 'string') return reason;
  const text = messageOf(error).replace(/^selectBackend: /, '').split(/(?<=\.)\s/)[0].replace(/\.$/, '');
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}
