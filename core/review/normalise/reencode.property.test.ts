import fc from 'fast-check';
import { bytesToHex, hexToString, isHex } from 'viem';
import { describe, expect, it } from 'vitest';
import { reviewRequest, verdictOf } from '../engine';
import { APPROVAL_FIXTURES } from '../fixtures/approvals';
import { C, MAINNET, NOW_MS, T, USER } from '../fixtures/build';
import { CHAIN_FIXTURES } from '../fixtures/chains';
import { MESSAGE_FIXTURES } from '../fixtures/messages';
import { ORDER_FIXTURES } from '../fixtures/orders';
import { PERMIT_FIXTURES } from '../fixtures/permits';
import { recordedClient } from '../fixtures/recorded-chain';
import { TRANSFER_FIXTURES } from '../fixtures/transfers';
import { ENCODING_FIXTURES } from '../fixtures/encodings';
import { ORDER_KIND_FIXTURES } from '../fixtures/order-kinds';
import type { Review, SigningRequest } from '../types';

/**
 * Property: re-encoding a request the ways MetaMask 13.5 accepts (../shared/data/metamask-normalisation.md)
 * never changes the review: the same verdict and findings once `non-canonical-encoding` is set aside.
 */
type Rand = () => number;
function mulberry32(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const coin = (r: Rand) => r() < 0.5;

/** Random letter case: an EIP-55 checksum it almost never is. */
const recase = (s: string, r: Rand) => `0x${[...s.slice(2)].map((ch) => (coin(r) ? ch.toUpperCase() : ch.toLowerCase())).join('')}`;
const isAddressLike = (v: unknown): v is string => typeof v === 'string' && /^0x[0-9a-fA-F]{40}$/.test(v);

function reencodeQuantity(v: unknown, r: Rand): unknown {
  if (typeof v !== 'string' || !/^0x[0-9a-f]+$/i.test(v) || !coin(r)) return v;
  return v.slice(2); // MetaMask: hex with or without 0x
}

function reencodeData(v: unknown, r: Rand, allowBare: boolean): unknown {
  if (typeof v !== 'string' || !/^0x[0-9a-f]*$/i.test(v)) return v;
  let out = v;
  if (/^0x0[0-9a-f]/i.test(out) && out.length % 2 === 0 && coin(r)) out = `0x${out.slice(3)}`; // odd length: MetaMask pads the 0 back
  if (allowBare && out.length > 2 && coin(r)) out = out.slice(2);
  return out;
}

function reencodeTx(t: Record<string, unknown>, r: Rand, call: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { ...t };
  for (const k of ['value', 'gas', 'maxFeePerGas', 'maxPriorityFeePerGas', 'gasPrice']) if (!call && k in out) out[k] = reencodeQuantity(out[k], r);
  if ('data' in out) out.data = reencodeData(out.data, r, !call);
  for (const k of ['to', 'from']) if (isAddressLike(out[k]) && coin(r)) out[k] = recase(out[k], r);
  return out;
}

function reencodeTyped(types: Record<string, { name: string; type: string }[]>, type: string, value: unknown, r: Rand): unknown {
  const array = /^(.*)\[\d*\]$/.exec(type);
  if (array && Array.isArray(value)) return value.map((v) => reencodeTyped(types, array[1]!, v, r));
  const struct = types[type];
  if (struct && typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const f of struct) if (f.name in out) out[f.name] = reencodeTyped(types, f.type, out[f.name], r);
    return out;
  }
  if (/^u?int\d*$/.test(type)) {
    let n: bigint | undefined;
    try {
      n = typeof value === 'number' ? BigInt(value) : typeof value === 'string' && /^(0x[0-9a-f]+|[0-9]+)$/i.test(value) ? BigInt(value) : undefined;
    } catch {
      n = undefined;
    }
    if (n === undefined || n < 0n) return value;
    const pick = r();
    if (pick < 0.33) return n.toString();
    if (pick < 0.66) return `0x${n.toString(16)}`;
    return n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n.toString();
  }
  if (type === 'address' && isAddressLike(value) && coin(r)) return recase(value, r);
  return value;
}

function reencode(req: SigningRequest, seed: number): SigningRequest {
  const r = mulberry32(seed);
  const params = structuredClone(req.params) as unknown[];
  switch (req.method) {
    case 'eth_sendTransaction':
      params[0] = reencodeTx(params[0] as Record<string, unknown>, r, false);
      break;
    case 'wallet_sendCalls': {
      const b = params[0] as { calls: Record<string, unknown>[]; from?: string };
      b.calls = b.calls.map((c) => reencodeTx(c, r, true));
      if (isAddressLike(b.from) && coin(r)) b.from = recase(b.from, r);
      break;
    }
    case 'eth_signTypedData_v3':
    case 'eth_signTypedData_v4': {
      const raw = params[1];
      const d = (typeof raw === 'string' ? JSON.parse(raw) : structuredClone(raw)) as { types: Record<string, { name: string; type: string }[]>; primaryType: string; domain: Record<string, unknown>; message: unknown };
      d.message = reencodeTyped(d.types, d.primaryType, d.message, r);
      const id = d.domain.chainId;
      if (typeof id === 'number' || typeof id === 'string') {
        const n = BigInt(id);
        const forms = [Number(n), n.toString(), `0x${n.toString(16)}`, `0x${n.toString(16).padStart(64, '0')}`];
        d.domain.chainId = forms[Math.floor(r() * forms.length)];
      }
      if (isAddressLike(d.domain.verifyingContract) && coin(r)) d.domain.verifyingContract = recase(d.domain.verifyingContract, r);
      params[1] = coin(r) ? JSON.stringify(d) : d;
      if (isAddressLike(params[0]) && coin(r)) params[0] = recase(params[0], r);
      break;
    }
    case 'personal_sign': {
      let [message, account] = params as [string, string];
      if (isHex(message) && message.length > 2) {
        const text = (() => {
          try {
            return hexToString(message);
          } catch {
            return undefined;
          }
        })();
        // Plain text signs the same UTF-8 bytes, unless the text is itself all hex (then MetaMask signs it as bytes).
        const asText = text !== undefined && bytesToHex(new TextEncoder().encode(text)) === message.toLowerCase() && !/^(0x)?[0-9a-f]+$/i.test(text);
        const pick = r();
        if (asText && pick < 0.4) message = text;
        else if (pick < 0.7) message = message.slice(2);
        else if (/^0x0/i.test(message)) message = `0x${message.slice(3)}`;
      }
      if (isAddressLike(account) && coin(r)) account = recase(account, r);
      params.splice(0, 2, ...(coin(r) ? [message, account] : [account, message]));
      break;
    }
    default:
      break;
  }
  return { ...req, params };
}

const client = recordedClient(MAINNET);
const FIXTURES = [...APPROVAL_FIXTURES, ...PERMIT_FIXTURES, ...ORDER_FIXTURES, ...MESSAGE_FIXTURES, ...TRANSFER_FIXTURES, ...CHAIN_FIXTURES, ...ENCODING_FIXTURES, ...ORDER_KIND_FIXTURES];
const review = (req: SigningRequest, deps: object, withChain: boolean) => reviewRequest(req, { now: () => NOW_MS, client: withChain ? client : undefined, ...deps }, { timeoutMs: 5_000 });

function comparable(r: Review) {
  const findings = r.findings.filter((f) => f.code !== 'non-canonical-encoding');
  return {
    verdict: verdictOf(findings),
    refusal: r.refusal?.en,
    findings: findings.map((f) => `${f.severity} ${f.code}: ${f.title.en}`).sort(),
  };
}

describe('property: MetaMask-accepted re-encodings do not change the review', () => {
  it('every fixture × random re-encodings (600 cases)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FIXTURES), fc.integer(), async (f, seed) => {
        const before = await review(f.request, f.deps ?? {}, !!f.chain);
        const after = await review(reencode(f.request, seed), f.deps ?? {}, !!f.chain);
        expect(comparable(after)).toEqual(comparable(before));
      }),
      { numRuns: 600 },
    );
  });

  it('arbitrary transactions × random re-encodings (600 cases)', async () => {
    const address = fc.oneof(fc.constantFrom<string>(USER, T.USDC, T.WETH, T.BAYC, C.PERMIT2, C.V2_ROUTER), fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => bytesToHex(b)));
    const word = fc.oneof(fc.constant('0'.repeat(64)), fc.constant('f'.repeat(64)), address.map((a) => a.slice(2).padStart(64, '0')), fc.bigInt({ min: 0n, max: 2n ** 128n }).map((v) => v.toString(16).padStart(64, '0')));
    const selector = fc.constantFrom('0x095ea7b3', '0x39509351', '0xa22cb465', '0x87517c45', '0xa9059cbb', '0x23b872dd', '0x42842e0e', '0x0d0e30db');
    const data = fc.oneof(fc.constant('0x'), fc.tuple(selector, fc.array(word, { minLength: 2, maxLength: 4 })).map(([s, w]) => `${s}${w.join('')}`));
    const quantity = fc.option(fc.bigInt({ min: 1n, max: 2n ** 80n }).map((v) => `0x${v.toString(16)}`), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(fc.record({ to: address, data, value: quantity, gas: quantity, maxFeePerGas: quantity, maxPriorityFeePerGas: quantity }), fc.boolean(), fc.integer(), async (t, withChain, seed) => {
        const fields = Object.fromEntries(Object.entries({ from: USER, ...t }).filter(([, v]) => v !== undefined));
        const req: SigningRequest = { method: 'eth_sendTransaction', params: [fields], origin: 'https://app.example', chainId: 1 };
        const before = await review(req, {}, withChain);
        const after = await review(reencode(req, seed), {}, withChain);
        expect(comparable(after)).toEqual(comparable(before));
      }),
      { numRuns: 600 },
    );
  });
});
