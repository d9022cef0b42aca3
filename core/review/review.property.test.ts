import fc from 'fast-check';
import { bytesToHex } from 'viem';
import { describe, expect, it } from 'vitest';
import { reviewRequest } from './engine';
import { C, MAINNET, NOW_MS, T, USER } from './fixtures/build';
import { recordedClient } from './fixtures/recorded-chain';
import { REVIEWED_METHODS, type Review, type SigningRequest } from './types';

/**
 * Whatever a page sends, the reviewer answers with a verdict and never throws; an analyzer never
 * crashes on it (the only acceptable analysis-failed is "the request could not be read").
 */
const VERDICTS = ['ok', 'caution', 'danger', 'error'];
const RUNS = { tx: 3_000, typed: 3_000, message: 2_500, other: 2_000 };

function sane(r: Review): void {
  expect(VERDICTS).toContain(r.verdict);
  for (const f of r.findings) {
    if (f.code === 'analysis-failed') expect(f.title.en).toBe('The request could not be read');
    expect(typeof f.title.en).toBe('string');
    expect(typeof f.title.ja).toBe('string');
  }
  expect(typeof r.summary.en).toBe('string');
}

const client = recordedClient(MAINNET);
const review = (req: SigningRequest, withChain: boolean) => reviewRequest(req, { now: () => NOW_MS, client: withChain ? client : undefined, knownRecipients: ['0x4838b106fce9647bdf1e7877bf73ce8b0bad5f97'] }, { timeoutMs: 5_000 });

const SELECTORS = ['0x095ea7b3', '0x39509351', '0xa22cb465', '0x87517c45', '0xa9059cbb', '0x23b872dd', '0x42842e0e', '0xb88d4fde', '0xf242432a', '0xd0e30db0', '0x'];
const address = fc.oneof(fc.constantFrom<string>(USER, T.USDC, T.WETH, T.BAYC, C.PERMIT2, C.SEAPORT_16, '0x4838b106fce9647bdf1e7877bf73ce8b0bad5f97'), fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => bytesToHex(b)));
const word = fc.oneof(fc.constant('0'.repeat(64)), fc.constant('f'.repeat(64)), fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => bytesToHex(b).slice(2)), address.map((a) => a.slice(2).padStart(64, '0')));
const calldata = fc.oneof(
  fc.uint8Array({ maxLength: 200 }).map((b) => bytesToHex(b)),
  fc.tuple(fc.constantFrom(...SELECTORS), fc.array(word, { maxLength: 6 }), fc.uint8Array({ maxLength: 5 })).map(([s, words, tail]) => `${s}${words.join('')}${bytesToHex(tail).slice(2)}`),
);
const quantity = fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }).map((v) => `0x${v.toString(16)}`), fc.constant(undefined), fc.constant('0x0'));

const scalar = fc.oneof(fc.string(), fc.integer(), fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }).map(String), address, fc.boolean(), fc.constant(null), fc.constant(`0x${'ff'.repeat(32)}`));
const tree = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(fc.constantFrom('token', 'amount', 'spender', 'details', 'offer', 'consideration', 'itemType', 'recipient', 'startAmount', 'offerer', 'price', 'side', 'permitted', 'deadline', 'expiration', 'value', 'tree', 'fees', 'rate', 'x'), tie('node'), { maxKeys: 6 })),
})).node;
const origin = fc.oneof(fc.domain().map((d) => `https://${d}`), fc.webUrl(), fc.constantFrom('https://azukishop.live', 'http://localhost:3000', 'null', 'chrome-extension://abc'));
const KNOWN_PRIMARY = ['Permit', 'PermitSingle', 'PermitBatch', 'PermitTransferFrom', 'PermitBatchTransferFrom', 'PermitWitnessTransferFrom', 'OrderComponents', 'BulkOrder', 'Order', 'Root', 'Maker', 'MakerOrder', 'Mail'];
const DOMAIN_NAMES = ['Permit2', 'Seaport', 'Blur Exchange', 'LooksRareProtocol', 'LooksRareExchange', 'USD Coin', 'x'];

describe('property: the reviewer never crashes and always returns a verdict', () => {
  it(`arbitrary calldata and values (${RUNS.tx} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.record({ to: fc.option(address, { nil: undefined }), data: calldata, value: quantity, gas: quantity, maxFeePerGas: quantity }), fc.boolean(), fc.boolean(), async (t, batch, withChain) => {
        const tx = { from: USER, ...t };
        const req: SigningRequest = batch
          ? { method: 'wallet_sendCalls', params: [{ version: '1.0', from: USER, chainId: '0x1', calls: [tx, { to: T.USDC, data: t.data }] }], origin: 'https://app.example', chainId: 1 }
          : { method: 'eth_sendTransaction', params: [tx], origin: 'https://app.example', chainId: 1 };
        sane(await review(req, withChain));
      }),
      { numRuns: RUNS.tx },
    );
  });

  it(`arbitrary typed data, shaped like permits and orders or not (${RUNS.typed} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...KNOWN_PRIMARY),
        fc.record({ name: fc.option(fc.constantFrom(...DOMAIN_NAMES), { nil: undefined }), chainId: fc.option(fc.oneof(fc.integer({ min: 1, max: 200 }), fc.constant('0x1')), { nil: undefined }), verifyingContract: fc.option(address, { nil: undefined }) }),
        fc.dictionary(fc.string({ maxLength: 12 }), tree, { maxKeys: 8 }),
        fc.boolean(),
        fc.boolean(),
        async (primaryType, domain, message, asString, withChain) => {
          const types = { EIP712Domain: [], [primaryType]: Object.keys(message).map((name) => ({ name, type: 'string' })) };
          const payload = { domain, types, primaryType, message };
          sane(await review({ method: 'eth_signTypedData_v4', params: [USER, asString ? JSON.stringify(payload, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) : payload], origin: 'https://opensea.io', chainId: 1 }, withChain));
        },
      ),
      { numRuns: RUNS.typed },
    );
  });

  it(`arbitrary message bytes and SIWE-like text (${RUNS.message} cases)`, async () => {
    const siweish = fc.tuple(fc.domain(), fc.string(), fc.array(fc.constantFrom('URI: https://x.y', 'Version: 1', 'Chain ID: 99999999999999999999', 'Nonce: 1', 'Resources:', '- a', ''), { maxLength: 8 })).map(([d, s, lines]) => `${d} wants you to sign in with your Ethereum account:\n${USER}\n\n${s}\n\n${lines.join('\n')}`);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 300 }).map((b) => bytesToHex(b)), fc.string({ unit: 'binary' }), siweish), origin, async (message, origin) => {
        sane(await review({ method: 'personal_sign', params: [message, USER], origin, chainId: 1 }, false));
      }),
      { numRuns: RUNS.message },
    );
  });

  it(`arbitrary params for every reviewed method (${RUNS.other} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...REVIEWED_METHODS), fc.anything({ maxDepth: 3 }), fc.oneof(origin, fc.string()), async (method, params, origin) => {
        sane(await review({ method, params, origin, chainId: 1 }, false));
      }),
      { numRuns: RUNS.other },
    );
  });
});
