// Cuts chunked text into lines (\n, \r\n, lone \r), shared by the Node file reader and the browser text parsers.

const LINE_BREAK = /\r\n|\r|\n/;

/**
 * Cuts a stream of text chunks into lines. A line longer than a chunk is kept as a list of pieces
 * and joined once its end arrives (no quadratic re-scanning); a `\r` ending one chunk followed by
 * `\n` starting the next is one line ending.
 */
export class LineSplitter {
  private pieces: string[] = [];
  private afterCarriageReturn = false;
  private started = false;

  /** The lines that `chunk` completes, in order. */
  push(chunk: string): string[] {
    let text = chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (this.afterCarriageReturn && text.length > 0) {
      this.afterCarriageReturn = false;
      if (text.charCodeAt(0) === 10) text = text.slice(1);
    }
    if (text.length === 0) return [];
    const hasCarriageReturn = text.indexOf('\r') >= 0;
    const parts = hasCarriageReturn ? text.split(LINE_BREAK) : text.split('\n');
    if (parts.length === 1) {
      this.pieces.push(text);
      return [];
    }
    if (this.pieces.length > 0) {
      this.pieces.push(parts[0]);
      parts[0] = this.pieces.join('');
      this.pieces = [];
    }
    const rest = parts.pop()!;
    if (rest.length > 0) this.pieces.push(rest);
    this.afterCarriageReturn = hasCarriageReturn && text.charCodeAt(text.length - 1) === 13;
    return parts;
  }

  /** The last line when the text did not end with a line break, else null. */
  end(): string | null {
    if (this.pieces.length === 0) return null;
    const last = this.pieces.join('');
    this.pieces = [];
    return last;
  }
}
