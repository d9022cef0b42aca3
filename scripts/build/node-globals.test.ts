import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeGlobalRequires, nodeGlobalsFor } from './node-globals';

const file = (p: string) => readFileSync(`node_modules/${p}`, 'utf8');

describe('node globals for MetaMask’s stream stack', () => {
  it('gives readable-stream its process and extension-port-stream its Buffer, from npm', () => {
    expect(nodeGlobalRequires(file('readable-stream/lib/_stream_readable.js'))).toContain("require('process/browser.js')");
    expect(nodeGlobalRequires(file('readable-stream/lib/internal/streams/destroy.js'))).toBe("var process = require('process/browser.js');");
    expect(nodeGlobalRequires(file('extension-port-stream/dist/index.js'))).toBe("var Buffer = require('buffer/').Buffer;");
  });

  it('leaves ESM and files that use neither alone', () => {
    expect(nodeGlobalRequires(file('@metamask/providers/dist/StreamProvider.mjs'))).toBe('');
    expect(nodeGlobalRequires(file('readable-stream/lib/internal/streams/end-of-stream.js'))).toBe('');
    expect(nodeGlobalRequires('const process = {}; process.nextTick(f);')).toBe('');
  });

  it('touches only the listed packages, on the first line (source maps keep their lines)', () => {
    const plugin = nodeGlobalsFor(['readable-stream']);
    const transform = plugin.transform as (code: string, id: string) => { code: string } | undefined;
    const code = 'process.nextTick(f);\nmodule.exports = 1;';
    expect(transform(code, '/x/node_modules/readable-stream/lib/a.js')!.code).toBe(`var process = require('process/browser.js'); ${code}`);
    expect(transform(code, '/x/node_modules/other/lib/a.js')).toBeUndefined();
    expect(transform(code, '/x/node_modules/readable-stream/lib/a.js?commonjs-proxy')!.code.split('\n')).toHaveLength(2);
  });
});
