/** Doctests: the ```ts blocks of a source file's @example tags, run with a given scope, their `// value` comments checked. */
/// <reference types="node" />
import * as tf from '@tensorflow/tfjs-core';
import { readdirSync, readFileSync } from 'node:fs';
import { transformSync } from 'esbuild';

/** One @example code block: the line it starts on (1-based) and its code. */
export interface ExampleBlock {
  line: number;
  code: string;
}

/**
 * The fenced ```ts blocks inside the `@example` sections of the JSDoc comments of `source`, with the comment
 * asterisks removed.
 *
 * @example
 * ```ts
 * const fence = '`'.repeat(3);
 * const source = ['/' + '**', ' * @example', ` * ${fence}ts`, ' * f(1); // 2', ` * ${fence}`, ' *' + '/'].join('\n');
 * exampleBlocks(source).length; // 1
 * ```
 */
export function exampleBlocks(source: string): ExampleBlock[] {
  const blocks: ExampleBlock[] = [];
  const lines = source.split('\n');
  let inExample = false;
  let code: string[] | null = null;
  let start = 0;
  lines.forEach((raw, i) => {
    const line = raw.replace(/^\s*\*( |$)/, '');
    if (/^\s*\/\*\*/.test(raw)) inExample = false;
    if (/@example\b/.test(line)) inExample = true;
    else if (/^@\w+/.test(line.trim()) && code === null) inExample = false;
    if (!inExample) return;
    if (code === null && /^```ts\s*$/.test(line.trim())) {
      code = [];
      start = i + 2;
    } else if (code !== null && line.trim() === '```') {
      blocks.push({ line: start, code: code.join('\n') });
      code = null;
    } else if (code !== null) {
      code.push(line);
    }
  });
  return blocks;
}

/** The literal an example's `expr; // literal ...` comment states, or undefined when it states none. */
function expectedValue(comment: string): unknown {
  const text = comment.trim();
  const match = text.match(/^(\[[^\]]*\]|-?\d+(?:\.\d+)?(?:e-?\d+)?|'[^']*'|"[^"]*"|true|false)(?=$|[\s:,;(])/);
  if (!match) return undefined;
  const literal = match[1].startsWith("'") ? JSON.stringify(match[1].slice(1, -1)) : match[1];
  try {
    return JSON.parse(literal);
  } catch {
    return undefined;
  }
}

function close(actual: unknown, expected: unknown): boolean {
  if (typeof expected === 'number') return typeof actual === 'number' && Math.abs(actual - expected) <= 1e-3 * Math.max(1, Math.abs(expected));
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => close(actual[i], e));
  }
  return JSON.stringify(actual) === JSON.stringify(expected);
}

/**
 * Runs one example block (TypeScript, stripped by esbuild) with `scope` (names the block may use; `import` lines are
 * dropped) and checks every line
 * `expr; // literal` whose comment starts with a JSON-like literal (a number, a string, true / false or a flat
 * array): the expression's value (a tensor's values for a tensor, a scalar's value for a scalar) must equal it, numbers to 1e-3 relative; and every
 * line `expr; // throws ...` must throw. Throws naming the line otherwise. Tensors the block creates are disposed. Returns the number of values checked.
 *
 * @example
 * ```ts
 * await runExample({ line: 1, code: 'const x = 1 + 1;\nx * 3; // 6' }, {}); // 1
 * ```
 */
export async function runExample(block: ExampleBlock, scope: Record<string, unknown>): Promise<number> {
  const checks: Array<{ index: number; expected: unknown; line: string }> = [];
  const body = block.code
    .split('\n')
    .filter((line) => !/^\s*import\s/.test(line))
    .map((line) => {
      const m = line.match(/^(\s*)((?:const|let)\s+\w+\s*=\s*)?(.+?);\s*\/\/(.*)$/);
      if (m && !m[2] && /^\s*throws\b/.test(m[4])) return `${m[1]}__throws(${JSON.stringify(line.trim())}, () => ${m[3]});`;
      const expected = m ? expectedValue(m[4]) : undefined;
      if (!m || expected === undefined) return line;
      checks.push({ index: checks.length, expected, line: line.trim() });
      const binding = m[2] ? `${m[2]}` : '';
      return `${m[1]}${binding}__check(${checks.length - 1}, ${m[3]});`;
    })
    .join('\n');
  const actuals = new Map<number, unknown>();
  const check = (index: number, value: unknown) => {
    actuals.set(index, value instanceof tf.Tensor ? (value.rank === 0 ? value.dataSync()[0] : Array.from(value.dataSync())) : value);
    return value;
  };
  const throws = (text: string, call: () => unknown) => {
    try {
      call();
    } catch {
      return;
    }
    throw new Error(`example at line ${block.line}: \`${text}\` did not throw`);
  };
  const names = Object.keys(scope);
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...values: unknown[]) => Promise<unknown>;
  tf.engine().startScope();
  try {
    // TypeScript to JavaScript (type annotations, `as` casts), kept as a function body (top-level await allowed)
    const js = transformSync(body, { loader: 'ts', format: 'esm', target: 'es2022' }).code;
    await new AsyncFunction(...names, '__check', '__throws', js)(...names.map((n) => scope[n]), check, throws);
  } finally {
    tf.engine().endScope();
  }
  for (const { index, expected, line } of checks) {
    const actual = actuals.get(index);
    if (!close(actual, expected)) {
      throw new Error(`example at line ${block.line}: \`${line}\` gave ${JSON.stringify(actual)}, the comment says ${JSON.stringify(expected)}`);
    }
  }
  return checks.length;
}

/**
 * The non-test .ts files of a source folder that hold @example blocks, with their blocks (for a package's doctest).
 *
 * @example
 * ```ts
 * // in a package's doctest.test.ts: exampleFiles(new URL('./', import.meta.url))
 * exampleFiles(new URL('file:///nonexistent-folder/')); // throws: no such folder
 * ```
 */
export function exampleFiles(dir: URL): Array<{ file: string; blocks: ExampleBlock[] }> {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.ts') && !file.includes('.test'))
    .sort()
    .map((file) => ({ file, blocks: exampleBlocks(readFileSync(new URL(file, dir), 'utf8')) }))
    .filter(({ blocks }) => blocks.length > 0);
}
