/** Options shared by every loader about malformed lines. */
export interface MalformedLineOptions {
  /** Throw an Error at the first malformed line instead of skipping it with a warning (default false). */
  strict?: boolean;
  /** How many warning messages to keep; further ones are only counted (default 20). */
  maxWarnings?: number;
}

const DEFAULT_MAX_WARNINGS = 20;
const MAX_QUOTED_CHARS = 80;

/**
 * Collects the malformed lines of one file. Each message names the loader, the file and the 1-based
 * line number, e.g. `loadTaobaoUserBehavior: UserBehavior_head.csv line 84476: expected 5 fields ...`.
 * With `strict` the first one is thrown as an Error instead. `finish()` returns the kept messages
 * plus, when more were seen than kept, one last line with the total count.
 */
export class ParseIssues {
  private readonly messages: string[] = [];
  private total = 0;
  private firstMessage: string | null = null;
  private readonly strict: boolean;
  private readonly maxWarnings: number;

  constructor(
    private readonly fn: string,
    private readonly path: string,
    options: MalformedLineOptions = {},
  ) {
    this.strict = options.strict ?? false;
    this.maxWarnings = options.maxWarnings ?? DEFAULT_MAX_WARNINGS;
  }

  /** Number of malformed lines seen so far. */
  get count(): number {
    return this.total;
  }

  /** The first malformed line's message (`loader: path line N: problem: "line"`), or null. */
  get first(): string | null {
    return this.firstMessage;
  }

  /** Reports line `lineNumber` (1-based) as malformed: skipped with a warning, or thrown when strict. */
  malformed(lineNumber: number, problem: string, line: string): void {
    const quoted = line.length > MAX_QUOTED_CHARS ? `${line.slice(0, MAX_QUOTED_CHARS)}...` : line;
    const message = `${this.fn}: ${this.path} line ${lineNumber}: ${problem}: ${JSON.stringify(quoted)}`;
    if (this.strict) throw new Error(`${message} (strict mode)`);
    this.total += 1;
    this.firstMessage ??= message;
    if (this.messages.length < this.maxWarnings) this.messages.push(`${message} (line skipped)`);
  }

  finish(): string[] {
    const hidden = this.total - Math.min(this.total, this.maxWarnings);
    if (hidden > 0) {
      return [
        ...this.messages,
        `${this.fn}: ${this.path}: ${hidden} more malformed lines not listed (${this.total} skipped in all)`,
      ];
    }
    return [...this.messages];
  }
}
