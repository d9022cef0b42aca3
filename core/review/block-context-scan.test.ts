import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import { readsNamed, scanBlockContext } from './block-context-scan';

const require = createRequire(import.meta.url);
const runtime = (path: string): Hex => {
  const a = JSON.parse(readFileSync(require.resolve(path), 'utf8')) as { evm?: { deployedBytecode: { object: string } }; deployedBytecode?: string };
  const code = a.evm?.deployedBytecode.object ?? a.deployedBytecode ?? '';
  return (code.startsWith('0x') ? code : `0x${code}`) as Hex;
};

describe('scanBlockContext: opcodes outside PUSH data and metadata', () => {
  it('Uniswap V2 Router02 (npm artifact) reads block.timestamp for its deadline, and nothing else of the block', () => {
    const r = scanBlockContext(runtime('@uniswap/v2-periphery/build/UniswapV2Router02.json'));
    expect(readsNamed(r)).toEqual(['block.timestamp']);
    expect(r.delegatecall).toBe(false);
  });

  it('Uniswap V2 Factory: the Pair\'s creation code it carries as data reads block.timestamp (a false positive a scan cannot avoid)', () => {
    expect(readsNamed(scanBlockContext(runtime('@uniswap/v2-core/build/UniswapV2Factory.json')))).toEqual(['block.timestamp']);
  });

  it('revert strings stored after the code ("INSUFFICIENT_A_AMOUNT": A = 0x41 COINBASE, C = 0x43 NUMBER) are not read as opcodes', () => {
    // Before the unreachable-bytes rule the Router02 scan said block.number and block.coinbase too.
    const r = scanBlockContext(runtime('@uniswap/v2-periphery/build/UniswapV2Router02.json'));
    expect(r.number || r.coinbase || r.origin).toBe(false);
    expect(scanBlockContext('0x00424341').timestamp).toBe(false); // after STOP, no JUMPDEST: data
    expect(readsNamed(scanBlockContext('0x005b424341'))).toEqual(['block.timestamp', 'block.number', 'block.coinbase']);
  });

  it('the Safe proxy (npm artifact) delegates: the code that runs is elsewhere', () => {
    const r = scanBlockContext(runtime('@safe-global/safe-contracts/build/artifacts/contracts/proxies/SafeProxy.sol/SafeProxy.json'));
    expect(r.delegatecall).toBe(true);
    expect(readsNamed(r)).toEqual([]);
  });

  it('0x42 pushed as data is not TIMESTAMP; 0x42 as an opcode is', () => {
    expect(scanBlockContext('0x6042604360325f').timestamp).toBe(false); // PUSH1 0x42 PUSH1 0x43 PUSH1 0x32 PUSH0
    expect(readsNamed(scanBlockContext('0x6042604360325f'))).toEqual([]);
    expect(readsNamed(scanBlockContext('0x4243413200'))).toEqual(['block.timestamp', 'block.number', 'block.coinbase', 'tx.origin']);
    // PUSH32 swallows 32 bytes, TIMESTAMP after it counts.
    expect(scanBlockContext(`0x7f${'42'.repeat(32)}42`).timestamp).toBe(true);
    expect(scanBlockContext(`0x7f${'42'.repeat(32)}`).timestamp).toBe(false);
  });

  it('the CBOR metadata trailer is not scanned; bytes that merely end like one are', () => {
    // JUMPDEST, then a 3-byte CBOR map "a1 5b 42" and its length 0x0003: read as code it would be LOG1 JUMPDEST TIMESTAMP.
    expect(scanBlockContext('0x5ba15b420003').timestamp).toBe(false);
    // Not a CBOR map where the length points: scanned as code (STOP, JUMPDEST, TIMESTAMP).
    expect(scanBlockContext('0x5b005b420003').timestamp).toBe(true);
  });

  it('an EIP-7702 delegated account: its code is a pointer, nothing to scan here', () => {
    const r = scanBlockContext(`0xef0100${'ab'.repeat(20)}`);
    expect(r.delegatedTo).toBe(`0x${'ab'.repeat(20)}`);
    expect(readsNamed(r)).toEqual([]);
  });
});
