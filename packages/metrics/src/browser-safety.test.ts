/// <reference types="node" />
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The package must run in browsers: no Node built-in may be imported by shipped source files.
const nodeBuiltins = /from\s+['"](node:[^'"]+|fs|path|zlib|os|crypto|url|util|stream|buffer|child_process|worker_threads)['"]|\bprocess\.|\brequire\(/;

describe('browser safety', () => {
  it('no source file (tests aside) imports a Node built-in or touches process/require', () => {
    const dir = new URL('./', import.meta.url);
    const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.includes('.test'));
    expect(sources.length).toBeGreaterThan(5);
    for (const file of sources) {
      expect(nodeBuiltins.test(readFileSync(new URL(file, dir), 'utf8')), file).toBe(false);
    }
  });
});
