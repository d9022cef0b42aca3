import { encodeAbiParameters, pad, toHex } from 'viem';
import { describe, expect, it } from 'vitest';
import { NATIVE_PSEUDO_TOKEN, netChanges, TOPICS } from './asset-changes';

const ME = '0xd8da6bf26964af9d7eed9e03e53415d37aa96045';
const YOU = '0x4838b106fce9647bdf1e7877bf73ce8b0bad5f97';
const TOKEN = '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48';
const NFT = '0xbc4ca0eda7647a8ab7c2061c2e118a18a936f13d';
const topic = (a: string) => pad(a as `0x${string}`, { size: 32 });
const amount = (v: bigint) => encodeAbiParameters([{ type: 'uint256' }], [v]);

describe('netChanges: asset movements of the user from simulated logs', () => {
  it('native (0xeeee… pseudo-token), ERC-20 in and out, netted per token', () => {
    const changes = netChanges(
      [
        { address: NATIVE_PSEUDO_TOKEN, topics: [TOPICS.transfer, topic(ME), topic(YOU)], data: amount(10n ** 18n) },
        { address: TOKEN, topics: [TOPICS.transfer, topic(YOU), topic(ME)], data: amount(3_000_000n) },
        { address: TOKEN, topics: [TOPICS.transfer, topic(ME), topic(YOU)], data: amount(1_000_000n) },
      ],
      ME,
    );
    expect(changes).toEqual([
      { asset: 'native', standard: 'native', tokenId: undefined, delta: -(10n ** 18n) },
      { asset: TOKEN, standard: 'erc20', tokenId: undefined, delta: 2_000_000n },
    ]);
  });

  it('ERC-721 (token id in the fourth topic) and ERC-1155 single and batch', () => {
    const changes = netChanges(
      [
        { address: NFT, topics: [TOPICS.transfer, topic(ME), topic(YOU), toHex(1234n, { size: 32 })], data: '0x' },
        { address: NFT, topics: [TOPICS.transferSingle, topic(YOU), topic(YOU), topic(ME)], data: encodeAbiParameters([{ type: 'uint256' }, { type: 'uint256' }], [7n, 5n]) },
        { address: NFT, topics: [TOPICS.transferBatch, topic(ME), topic(ME), topic(YOU)], data: encodeAbiParameters([{ type: 'uint256[]' }, { type: 'uint256[]' }], [[8n, 9n], [1n, 2n]]) },
      ],
      ME,
    );
    expect(changes.map((c) => [c.standard, c.tokenId, c.delta])).toEqual([
      ['erc721', 1234n, -1n],
      ['erc1155', 7n, 5n],
      ['erc1155', 8n, -1n],
      ['erc1155', 9n, -2n],
    ]);
  });

  it('WETH deposit mints to the user', () => {
    const weth = '0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2';
    expect(netChanges([{ address: weth, topics: [TOPICS.deposit, topic(ME)], data: amount(5n) }], ME)).toEqual([{ asset: weth, standard: 'erc20', tokenId: undefined, delta: 5n }]);
  });

  it('ignores logs of others, zero amounts and malformed logs', () => {
    expect(
      netChanges(
        [
          { address: TOKEN, topics: [TOPICS.transfer, topic(YOU), topic(YOU)], data: amount(1n) },
          { address: TOKEN, topics: [TOPICS.transfer, topic(ME), topic(YOU)], data: amount(0n) },
          { address: TOKEN, topics: [TOPICS.transfer, topic(ME), topic(YOU)], data: '0x12' },
          { address: NFT, topics: [TOPICS.transferBatch, topic(ME), topic(ME), topic(YOU)], data: '0xdeadbeef' },
        ],
        ME,
      ),
    ).toEqual([]);
  });
});
