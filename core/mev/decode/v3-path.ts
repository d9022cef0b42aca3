import { getAddress, type Address, type Hex } from 'viem';
import type { SwapHop } from '../types';

/** Decodes a V3 packed path (token, fee:uint24, token, …). Returns null if malformed. */
export function decodeV3Path(path: Hex): { tokens: Address[]; fees: number[] } | null {
  const hex = path.slice(2);
  // 20 bytes token + n × (3 bytes fee + 20 bytes token)
  if (hex.length < 86 || (hex.length - 40) % 46 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return null;
  const tokens: Address[] = [getAddress(`0x${hex.slice(0, 40)}`)];
  const fees: number[] = [];
  for (let i = 40; i < hex.length; i += 46) {
    fees.push(parseInt(hex.slice(i, i + 6), 16));
    tokens.push(getAddress(`0x${hex.slice(i + 6, i + 46)}`));
  }
  return { tokens, fees };
}

/** Encodes tokens and fees as a V3 packed path. */
export function encodeV3Path(tokens: readonly Address[], fees: readonly number[]): Hex {
  let out = tokens[0]?.slice(2).toLowerCase() ?? '';
  fees.forEach((fee, i) => {
    out += fee.toString(16).padStart(6, '0') + (tokens[i + 1]?.slice(2).toLowerCase() ?? '');
  });
  return `0x${out}`;
}

/** Hops in swap order. For exact-output V3 paths the encoded path runs from token out to token in. */
export function v3Hops(tokens: readonly Address[], fees: readonly number[], reversed: boolean): SwapHop[] {
  const t = reversed ? [...tokens].reverse() : [...tokens];
  const f = reversed ? [...fees].reverse() : [...fees];
  return f.map((fee, i) => ({ protocol: 'v3' as const, tokenIn: t[i]!, tokenOut: t[i + 1]!, fee }));
}

export function v2Hops(path: readonly Address[]): SwapHop[] {
  return path.slice(1).map((tokenOut, i) => ({ protocol: 'v2' as const, tokenIn: path[i]!, tokenOut }));
}
