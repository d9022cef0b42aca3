import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import config from 'eth-phishing-detect/src/config.json';
import { jsonModuleSource } from './json-data';

describe('the bundled phishing list as one JSON.parse of a string', () => {
  it('exports exactly the package’s config.json', () => {
    const source = jsonModuleSource(readFileSync(createRequire(import.meta.url).resolve('eth-phishing-detect/src/config.json'), 'utf8'));
    expect(source).toMatch(/^export default JSON\.parse\(".*"\);\n$/s);
    const value = new Function(`return ${source.replace(/^export default /, '')}`)() as unknown;
    expect(value).toEqual(config);
    expect((value as { blacklist: string[] }).blacklist.length).toBeGreaterThan(10_000);
  });
});
