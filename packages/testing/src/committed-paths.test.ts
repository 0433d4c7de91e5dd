/** No committed document or result carries an absolute path of the machine it was made on (recorded commands are relative to the repository root). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './fixtures';

/** Absolute paths a machine leaves behind: home and work folders, temp folders (but the documented `/tmp/xdg-$UID`), Windows drives. */
const MACHINE_PATH = /(?:^|[\s"'`(=:])(\/(?:work|home|root|Users|mnt|private|var\/folders)\/[^\s"'`)]*|\/tmp\/(?!xdg-\$UID)[^\s"'`)]+|[A-Za-z]:\\[^\s"'`)]+)/g;
/** Documents and results (source code may name example paths in its tests; its JSDoc is checked through docs/api). */
const TEXT = /\.(md|json|jsonl|txt|csv|svg|html)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', '.git', '.turbo', '.tsbuild', 'coverage', 'results', 'out', '.gpu']);

/** Every text file under `dir` (build outputs, installs and the untracked results/ folder left out). */
function textFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir)) {
    if (SKIP_DIRS.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...textFiles(path));
    else if (TEXT.test(name) && name !== 'package-lock.json') files.push(path);
  }
  return files;
}

/** `file:line: path` for each machine path in the files. */
function machinePaths(files: string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      for (const match of line.matchAll(MACHINE_PATH)) found.push(`${relative(REPO_ROOT, file)}:${i + 1}: ${match[1]}`);
    });
  }
  return found;
}

describe('committed files carry no absolute path of a machine', () => {
  it('the pattern finds the paths it is meant to find, and leaves relative ones alone', () => {
    const work = `/${'work'}/main/docs/quality/beauty-seed1`; // built, so that this file itself names no such path
    const lines = [
      `--out ${work}`, '"--data=/home/ana/Video.txt"', 'cd /tmp/tmp.Xy12 && ls',
      'C:\\Users\\ana\\p', '--out docs/quality/beauty-seed1', 'export XDG_RUNTIME_DIR=/tmp/xdg-$UID', '../data/x',
    ];
    const found = lines.map((line) => [...line.matchAll(MACHINE_PATH)].map((m) => m[1]));
    expect(found).toEqual([[work], ['/home/ana/Video.txt'], ['/tmp/tmp.Xy12'], ['C:\\Users\\ana\\p'], [], [], []]);
  });

  it('in docs/ (results, quality runs, API reference), every README, the examples\' outputs and the test fixtures', () => {
    const files = [
      ...textFiles(join(REPO_ROOT, 'docs')),
      ...textFiles(join(REPO_ROOT, 'examples')),
      ...textFiles(join(REPO_ROOT, 'packages')),
      ...textFiles(join(REPO_ROOT, 'test-fixtures')),
      join(REPO_ROOT, 'README.md'),
    ];
    expect(files.length).toBeGreaterThan(100);
    expect(machinePaths(files)).toEqual([]);
  });
});
