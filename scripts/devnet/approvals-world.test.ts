/**
 * The devnet's stand-in for Permit2 (contracts/DevPermit2Allowance.sol) against Permit2's own interface as Uniswap
 * publishes it (IPermit2 in @uniswap/universal-router's typechain, npm): every function and event it has exists in
 * IPermit2 with the same signature, and the allowance part the inventory reads and revokes is all there.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { toEventSelector, toFunctionSelector, type Abi, type AbiEvent, type AbiFunction } from 'viem';
import { describe, expect, it } from 'vitest';
import { compileDevContracts } from './compile';

const require = createRequire(import.meta.url);

function iPermit2Abi(): Abi {
  const file = join(dirname(require.resolve('@uniswap/universal-router/package.json')), 'typechain', 'factories', 'IPermit2__factory.ts');
  const src = readFileSync(file, 'utf8');
  const start = src.indexOf('const _abi = [');
  const end = src.indexOf('\n];', start);
  return new Function(`return ${src.slice(start + 'const _abi = '.length, end + 3)}`)() as Abi;
}

const signatures = (abi: Abi) => ({
  functions: new Set(abi.filter((x): x is AbiFunction => x.type === 'function').map((f) => toFunctionSelector(f))),
  events: new Set(abi.filter((x): x is AbiEvent => x.type === 'event').map((e) => `${toEventSelector(e)}:${e.inputs.map((i) => (i.indexed ? 'i' : '_')).join('')}`)),
});

describe('DevPermit2Allowance has Permit2’s interface', () => {
  it('every function and event is IPermit2’s, with the same indexed topics', () => {
    const mine = signatures(compileDevContracts().DevPermit2Allowance!.abi);
    const theirs = signatures(iPermit2Abi());
    expect([...mine.functions].filter((f) => !theirs.functions.has(f))).toEqual([]);
    expect([...mine.events].filter((e) => !theirs.events.has(e))).toEqual([]);
    // approve, allowance, lockdown, transferFrom(address,address,uint160,address); Approval and Lockdown.
    expect(mine.functions).toEqual(new Set(['0x87517c45', '0x927da105', '0xcc53287f', '0x36c78516']));
    expect(mine.events.size).toBe(2);
  });
});
