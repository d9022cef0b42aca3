/** ETH/USD and JPY/USD from Chainlink aggregators on Ethereum mainnet (latestRoundData). */
import { decodeFunctionResult, encodeFunctionData, type Address, type Hex } from 'viem';
import { StalePriceError } from './errors';
import type { EthCall } from './l2';

export const CHAINLINK_ETH_USD: Address = '0x5f4eC3Df9cbd43714FE2740f5E3616155c5b8419';
export const CHAINLINK_JPY_USD: Address = '0xBcE206caE7f0ec07b545EddE332A47C2F75bbeb3';

const aggregatorAbi = [
  {
    type: 'function',
    name: 'latestRoundData',
    stateMutability: 'view',
    inputs: [],
    outputs: [
      { name: 'roundId', type: 'uint80' },
      { name: 'answer', type: 'int256' },
      { name: 'startedAt', type: 'uint256' },
      { name: 'updatedAt', type: 'uint256' },
      { name: 'answeredInRound', type: 'uint80' },
    ],
  },
  { type: 'function', name: 'decimals', stateMutability: 'view', inputs: [], outputs: [{ name: '', type: 'uint8' }] },
] as const;

export interface FeedPrice {
  /** Price scaled by 10^decimals. */
  answer: bigint;
  decimals: number;
  updatedAt: number;
  /** answer / 10^decimals as a number, for display. */
  value: number;
}

/** Read one feed; stale when older than `maxAgeSeconds` (ETH/USD heartbeat 1 h, JPY/USD 24 h). */
export async function readFeed(call: EthCall, feed: Address, now: number, maxAgeSeconds: number): Promise<FeedPrice> {
  const raw = async (functionName: 'latestRoundData' | 'decimals'): Promise<Hex> => {
    const res = await call({ to: feed, data: encodeFunctionData({ abi: aggregatorAbi, functionName }) });
    if (!res.data || res.data === '0x') throw new StalePriceError(`price feed ${feed} returned nothing; is the RPC on Ethereum mainnet?`);
    return res.data;
  };
  const [roundData, decimalsData] = await Promise.all([raw('latestRoundData'), raw('decimals')]);
  const [, answer, , updatedAt] = decodeFunctionResult({ abi: aggregatorAbi, functionName: 'latestRoundData', data: roundData });
  const decimals = decodeFunctionResult({ abi: aggregatorAbi, functionName: 'decimals', data: decimalsData });
  const dec = Number(decimals);
  if (answer <= 0n) throw new StalePriceError(`price feed ${feed} reported a non-positive price`);
  const age = now - Number(updatedAt);
  if (age > maxAgeSeconds) throw new StalePriceError(`price feed ${feed} was last updated ${Math.round(age / 60)} min ago`);
  if (age < -300) throw new StalePriceError(`price feed ${feed} is dated in the future; check the system clock`);
  return { answer, decimals: dec, updatedAt: Number(updatedAt), value: Number(answer) / 10 ** dec };
}

export interface FiatRates {
  ethUsd: number;
  /** Yen per ETH, from ETH/USD ÷ JPY/USD. */
  ethJpy: number;
  jpyUsd: number;
  updatedAt: number;
}

export async function readFiatRates(call: EthCall, now: number): Promise<FiatRates> {
  const [eth, jpy] = await Promise.all([readFeed(call, CHAINLINK_ETH_USD, now, 3600 + 600), readFeed(call, CHAINLINK_JPY_USD, now, 86400 + 3600)]);
  return { ethUsd: eth.value, jpyUsd: jpy.value, ethJpy: eth.value / jpy.value, updatedAt: Math.min(eth.updatedAt, jpy.updatedAt) };
}

/** Fiat value of a wei amount. */
export function weiToFiat(wei: bigint, pricePerEth: number): number {
  return (Number(wei) / 1e18) * pricePerEth;
}
