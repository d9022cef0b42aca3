import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HtmlSinkPatternError, noHtmlSinks, withoutHtmlSinks } from './no-html-sinks';

const reactDom = readFileSync('node_modules/react-dom/cjs/react-dom-client.production.js', 'utf8');
/** Assignments of a non-constant to innerHTML: what addons-linter (no-unsanitized) reports. */
const sinks = (code: string) => code.match(/\.innerHTML\s*=\s*(?![\s"'])/g) ?? [];

describe('no HTML sinks in the bundled React DOM', () => {
  it('the installed react-dom has exactly its two dangerouslySetInnerHTML sinks', () => {
    expect(sinks(reactDom)).toHaveLength(2);
  });

  it('replaces both with a throw and leaves the constant <script> placeholder', () => {
    const out = withoutHtmlSinks(reactDom);
    expect(sinks(out)).toEqual([]);
    expect(out).toContain('nextResource.innerHTML = "<script>\\x3c/script>"');
    expect(out.match(/dangerouslySetInnerHTML is disabled/g)).toHaveLength(2);
  });

  it('fails the build when React no longer matches, instead of shipping a sink', () => {
    expect(() => withoutHtmlSinks('el.innerHTML = html;')).toThrow(HtmlSinkPatternError);
  });

  it('transforms only react-dom’s production client', () => {
    const transform = noHtmlSinks().transform as (code: string, id: string) => { code: string } | undefined;
    expect(sinks(transform(reactDom, '/x/node_modules/react-dom/cjs/react-dom-client.production.js')!.code)).toEqual([]);
    expect(transform('export * from "x"', '/x/node_modules/react-dom/cjs/react-dom-client.production.js?commonjs-exports')).toBeUndefined();
    expect(transform('(domElement.innerHTML = key)', '/x/node_modules/other/index.js')).toBeUndefined();
  });
});
