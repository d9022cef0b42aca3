import { encodeFunctionData, parseAbi, stringToHex } from 'viem';
import { describe, expect, it } from 'vitest';
import { reviewRequest } from '../engine';
import { EncodingNotes, parseRequest, WalletRefusalError, type ParsedRequest } from '../request';
import type { SigningRequest } from '../types';

/** Each row of ../shared/data/metamask-normalisation.md (MetaMask 13.5.0, observed on anvil), as Preflight reads it. */
const USER = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266';
const SPENDER = '0xe50a0d3b6f3c12d55b8c0b4b3a2d3e1f0a9b39e6';
const req = (method: SigningRequest['method'], params: unknown, chainId = 31337): SigningRequest => ({ method, params, origin: 'http://127.0.0.1:8080', chainId });
const tx = (fields: Record<string, unknown>) => req('eth_sendTransaction', [{ from: USER, to: SPENDER, ...fields }]);

function parse(r: SigningRequest) {
  const notes = new EncodingNotes();
  const parsed = parseRequest(r, notes);
  return { parsed, notes: notes.notes.map((n) => n.field), refusal: notes.refusal?.en };
}
const txOf = (p: ParsedRequest) => (p.kind === 'transaction' ? p.tx : undefined);
const refusalOf = (r: SigningRequest) => {
  try {
    parseRequest(r, new EncodingNotes());
  } catch (e) {
    if (e instanceof WalletRefusalError) return e.reason.en;
    throw e;
  }
  return undefined;
};

const approve = encodeFunctionData({ abi: parseAbi(['function approve(address,uint256)']), functionName: 'approve', args: [SPENDER, 0xffffffffffffffffn] });
const transfer = encodeFunctionData({ abi: parseAbi(['function transfer(address,uint256)']), functionName: 'transfer', args: [SPENDER, 5n] });

describe('eth_sendTransaction as MetaMask 13.5 reads it', () => {
  it('quantity strings are hex, with or without 0x', () => {
    expect(txOf(parse(tx({ value: '100' })).parsed)?.value).toBe(256n);
    expect(txOf(parse(tx({ value: '1000000000000000000' })).parsed)?.value).toBe(2n ** 72n);
    expect(txOf(parse(tx({ value: 'ffffffffffffff' })).parsed)?.value).toBe(0xffffffffffffffn);
    const fees = parse(tx({ gas: '21000', maxFeePerGas: '2000000000', maxPriorityFeePerGas: '0x3b9aca00' }));
    expect(txOf(fees.parsed)).toMatchObject({ gas: 135_168n, maxFeePerGas: 137_438_953_472n });
    expect(fees.notes).toEqual(['maxFeePerGas', 'gas']);
    expect(parse(tx({ value: '0x100' })).notes).toEqual([]);
  });

  it('a JSON-number value is refused', () => {
    expect(refusalOf(tx({ value: 100 }))).toMatch(/"value" is a JSON number/);
    // Falsy fields are skipped by MetaMask's normaliser: a JSON 0 is as good as absent.
    expect(txOf(parse(tx({ value: 0 })).parsed)?.value).toBe(0n);
  });

  it('odd-length data is left-padded; missing 0x is added', () => {
    expect(txOf(parse(tx({ data: '0x1', value: '0x9184e72a000' })).parsed)?.data).toBe('0x01');
    const odd = parse(tx({ data: `0x${approve.slice(3)}` }));
    expect(txOf(odd.parsed)?.data).toBe(approve);
    expect(odd.notes).toEqual(['data']);
    const bare = parse(tx({ data: transfer.slice(2) }));
    expect(txOf(bare.parsed)?.data).toBe(transfer);
    expect(bare.notes).toEqual(['data']);
  });

  it('addresses are lower-cased; a wrong EIP-55 checksum is accepted and noted, all-lowercase is not', () => {
    const good = '0xE50a0D3b6F3C12d55b8c0B4b3A2D3e1F0A9B39e6';
    const lower = parse(tx({ to: SPENDER }));
    expect(txOf(lower.parsed)?.to).toBe(SPENDER);
    expect(lower.notes).toEqual([]);
    const wrong = parse(tx({ to: good }));
    expect(txOf(wrong.parsed)?.to).toBe(SPENDER);
    expect(wrong.notes).toEqual(['to']);
  });

  it('maxFeePerGas without maxPriorityFeePerGas: the priority fee is the whole max fee', () => {
    expect(txOf(parse(tx({ maxFeePerGas: '0x77359400' })).parsed)).toMatchObject({ maxFeePerGas: 2_000_000_000n, maxPriorityFeePerGas: 2_000_000_000n, priorityFromMaxFee: true });
  });

  it('fields MetaMask does not know are dropped: call data in "input" is not sent', () => {
    const r = parse(tx({ input: approve }));
    expect(txOf(r.parsed)?.data).toBe('0x');
    expect(r.notes).toEqual(['input']);
  });

  it('gasPrice mixed with EIP-1559 fees is refused', () => {
    expect(refusalOf(tx({ gasPrice: '0x1', maxFeePerGas: '0x2' }))).toMatch(/cannot be mixed/);
  });
});

describe('eth_signTypedData_v4 as MetaMask 13.5 reads it', () => {
  const PERMIT_TYPES = {
    EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }],
    Permit: [{ name: 'owner', type: 'address' }, { name: 'spender', type: 'address' }, { name: 'value', type: 'uint256' }, { name: 'nonce', type: 'uint256' }, { name: 'deadline', type: 'uint256' }],
  };
  const permit = (domain: Record<string, unknown>, value: unknown) =>
    req('eth_signTypedData_v4', [USER, JSON.stringify({ types: PERMIT_TYPES, primaryType: 'Permit', domain: { name: 'USD Coin', verifyingContract: SPENDER, ...domain }, message: { owner: USER, spender: SPENDER, value, nonce: 0, deadline: 1 } })]);
  const chainOf = (r: SigningRequest) => {
    const p = parse(r).parsed;
    return p.kind === 'typed-data' ? p.data?.domain.chainId : undefined;
  };

  it('domain.chainId as a number, a decimal string, a hex string, a zero-padded hex string is 31337; only the padded one is noted', () => {
    for (const chainId of [31337, '31337', '0x7a69']) {
      expect(chainOf(permit({ chainId }, '1000000'))).toBe(31337);
      expect(parse(permit({ chainId }, '1000000')).notes).toEqual([]);
    }
    const padded = permit({ chainId: `0x${'7a69'.padStart(64, '0')}` }, '1000000');
    expect(chainOf(padded)).toBe(31337);
    expect(parse(padded).notes).toEqual(['domain.chainId']);
  });

  it('a domain for another chain than the wallet is readable but refused', () => {
    expect(parse(permit({ chainId: 1 }, '1')).refusal).toMatch(/only for the chain the wallet is on/);
  });

  it('a decimal-integer verifyingContract is refused', () => {
    expect(refusalOf(permit({ chainId: 31337, verifyingContract: String(BigInt(SPENDER)) }, '1000000'))).toMatch(/verifyingContract/);
  });

  it('message values as decimal string, hex string and JSON number are accepted; above 2^53 is noted; hex without 0x is refused', () => {
    for (const v of ['1000000', '0xf4240', 1_000_000]) expect(parse(permit({ chainId: 31337 }, v)).notes).toEqual([]);
    expect(parse(permit({ chainId: 31337 }, 2 ** 64 + 1)).notes).toEqual(['value']);
    expect(refusalOf(permit({ chainId: 31337 }, 'f4240'))).toMatch(/hex without 0x/);
  });
});

describe('personal_sign and eth_sign as MetaMask 13.5 reads them', () => {
  const bytesOf = (params: unknown[]) => {
    const p = parse(req('personal_sign', params));
    return { raw: p.parsed.kind === 'message' ? p.parsed.raw : undefined, notes: p.notes };
  };

  it('0x-hex of UTF-8 text and plain text sign the same bytes; swapped parameters too', () => {
    const hex = stringToHex('Sign in');
    expect(bytesOf([hex, USER])).toEqual({ raw: hex, notes: [] });
    expect(bytesOf(['Sign in', USER])).toEqual({ raw: hex, notes: [] });
    expect(bytesOf([USER, 'Sign in'])).toEqual({ raw: hex, notes: [] });
  });

  it('an all-hex word without 0x is signed as bytes; odd-length hex is left-padded', () => {
    expect(bytesOf(['deadbeef', USER])).toEqual({ raw: '0xdeadbeef', notes: ['message'] });
    expect(bytesOf(['cafe', USER])).toEqual({ raw: '0xcafe', notes: ['message'] });
    expect(bytesOf(['0xabc', USER])).toEqual({ raw: '0x0abc', notes: ['message'] });
  });

  it('eth_sign is refused by MetaMask 13.5; the review still calls it a blind signature', async () => {
    const r = await reviewRequest(req('eth_sign', [USER, `0x${'ab'.repeat(32)}`]), { now: Date.now });
    expect(r.refusal?.en).toMatch(/no longer offers eth_sign/);
    expect(r.findings.map((f) => f.code)).toEqual(['eth-sign']);
  });
});

describe('chain ids of wallet_switchEthereumChain', () => {
  it('only 0x-prefixed hex without leading zeros', () => {
    expect(parse(req('wallet_switchEthereumChain', [{ chainId: '0xA' }])).parsed).toEqual({ kind: 'switch-chain', chainId: 10 });
    for (const chainId of ['0x01', '10', 10, '0x']) expect(refusalOf(req('wallet_switchEthereumChain', [{ chainId }]))).toMatch(/chainId/);
  });
});

describe('the review of a re-encoded request', () => {
  it('the approve whose selector lost its leading zero is reviewed as the approve it is, plus non-canonical-encoding', async () => {
    const r = await reviewRequest(tx({ to: SPENDER, data: `0x${approve.slice(3)}` }), { now: Date.now });
    expect(r.summary.en).toMatch(/^Approve 0xe50a…39e6 to spend 18,446,744,073,709,551,615 base units/i);
    expect(r.findings.map((f) => f.code)).toContain('non-canonical-encoding');
    expect(r.verdict).toBe('caution');
  });
});
