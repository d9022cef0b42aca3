/**
 * A Vite plugin for the few CommonJS files of MetaMask's stream stack (@metamask/providers → extension-port-stream,
 * readable-stream 3) that use Node's `process` and `Buffer` as free globals: it gives those files, and only those,
 * a `require` of the npm packages `process` and `buffer`. Nothing is added to `globalThis`, so other code that asks
 * `typeof process` still sees a browser. `events`, `buffer` and `util` are resolved from npm as usual (`events` and
 * `buffer` are dependencies; readable-stream maps `util` away in its `browser` field).
 */
import type { Plugin } from 'vite';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Requires to add for a CommonJS file that uses these globals; empty for ESM or files that need none. */
export function nodeGlobalRequires(code: string): string {
  if (/^\s*(?:import\s[^(]|export\s)/m.test(code)) return ''; // ESM: these packages' ESM files guard with typeof
  const lines: string[] = [];
  if (/\bprocess\.(?:nextTick|env|version|emitWarning|stdout|stderr)\b/.test(code) && !/\b(?:const|let|class)\s+process\b/.test(code)) {
    lines.push("var process = require('process/browser.js');");
  }
  if (/\bBuffer\.(?:isBuffer|from|alloc|allocUnsafe|prototype|concat|byteLength)\b/.test(code) && !/\b(?:const|let|class)\s+Buffer\b/.test(code)) {
    lines.push("var Buffer = require('buffer/').Buffer;");
  }
  return lines.join(' ');
}

export function nodeGlobalsFor(packages: readonly string[]): Plugin {
  const inPackage = new RegExp(`/node_modules/(?:${packages.map(escape).join('|')})/`);
  return {
    name: 'preflight:node-globals',
    enforce: 'pre',
    transform(code, id) {
      const path = id.split('?')[0]!.replace(/\\/g, '/');
      if (!inPackage.test(path) || !/\.c?js$/.test(path)) return undefined;
      const requires = nodeGlobalRequires(code);
      // Same line as the first line of the file, so the source maps' line numbers stay right.
      return requires ? { code: `${requires} ${code}`, map: null } : undefined;
    },
  };
}
