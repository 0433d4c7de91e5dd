/** Replaces a generated block, between `<!-- gpu-run:NAME:begin -->` and `<!-- gpu-run:NAME:end -->`, inside a markdown text. */
import { argumentError } from '@croloss/internal';

/** The two marker lines of block `name`. */
export const blockMarkers = (name: string) => [`<!-- gpu-run:${name}:begin -->`, `<!-- gpu-run:${name}:end -->`] as const;

/**
 * `text` with everything between the markers of block `name` replaced by `content` (markers kept, so the block can
 * be regenerated); the rest of the text is untouched.
 *
 * @throws when the text lacks either marker, or has them out of order
 * @example
 * ```ts
 * spliceBlock('a\n<!-- gpu-run:x:begin -->\nold\n<!-- gpu-run:x:end -->\nb', 'x', 'new');
 * // 'a\n<!-- gpu-run:x:begin -->\nnew\n<!-- gpu-run:x:end -->\nb'
 * ```
 */
export function spliceBlock(text: string, name: string, content: string): string {
  const [begin, end] = blockMarkers(name);
  const i = text.indexOf(begin);
  const j = text.indexOf(end);
  if (i < 0 || j < i) throw argumentError('spliceBlock', 'text', `a text with the lines '${begin}' then '${end}'`, `${text.length} characters without them`);
  return `${text.slice(0, i + begin.length)}\n${content.trim()}\n${text.slice(j)}`;
}
