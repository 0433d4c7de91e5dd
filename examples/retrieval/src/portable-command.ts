/** The command line recorded in results.json, with absolute paths made relative so that the record is portable. */
import { isAbsolute, relative } from 'node:path';

/**
 * `program arg1 arg2 ...` with every absolute path argument (`/x/y` or `--flag=/x/y`) rewritten relative to
 * `base`, the folder the command was typed in (the repository root for `npm start`), and arguments with
 * spaces quoted. A results.json made on one machine then names no folder of that machine.
 *
 * @example portableCommand('croloss-retrieval', ['--out', '/home/ana/p/results/run1'], '/home/ana/p')
 *   // 'croloss-retrieval --out results/run1'
 */
export function portableCommand(program: string, args: readonly string[], base: string): string {
  const portable = (path: string) => (isAbsolute(path) ? relative(base, path) || '.' : path);
  const words = args.map((arg) => {
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const word = eq > 0 ? `${arg.slice(0, eq + 1)}${portable(arg.slice(eq + 1))}` : portable(arg);
    return /\s/.test(word) ? JSON.stringify(word) : word;
  });
  return [program, ...words].join(' ');
}
