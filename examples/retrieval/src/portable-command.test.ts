/** portableCommand: recorded commands name no absolute folder of the machine they ran on. */
import { describe, expect, it } from 'vitest';
import { portableCommand } from './portable-command';

describe('portableCommand', () => {
  it('rewrites absolute paths relative to the folder the command was typed in, inside and outside it', () => {
    expect(portableCommand('croloss-retrieval', ['--data', '/home/ana/data/Video.txt', '--out', '/home/ana/p/docs/run', '--steps', '3000'], '/home/ana/p'))
      .toBe('croloss-retrieval --data ../data/Video.txt --out docs/run --steps 3000');
  });

  it('handles --flag=/path, the base folder itself, relative paths and arguments with spaces', () => {
    expect(portableCommand('x', ['--out=/a/b/c', '/a/b', 'rel/path', '--losses', 'softmax, croloss'], '/a/b'))
      .toBe('x --out=c . rel/path --losses "softmax, croloss"');
  });

  it('leaves a command without paths as it is', () => {
    expect(portableCommand('croloss-retrieval', [], '/a')).toBe('croloss-retrieval');
  });
});
