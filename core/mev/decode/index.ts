import type { SwapIntent, SwapTx } from '../types';
import { decodeAggregator } from './aggregators';
import { decodeUniversalRouter } from './universal-router';
import { decodeV2Router } from './v2-router';
import { decodeV3Router } from './v3-router';

/**
 * Decodes a transaction into one SwapIntent, whatever router (or fork of one) it targets:
 * recognition is by selector and ABI, never by a list of addresses. Returns null when the call
 * is not a swap Preflight knows. Never throws, whatever the calldata.
 */
export function decodeSwap(tx: SwapTx, chainId: number): SwapIntent | null {
  if (typeof tx.data !== 'string' || !/^0x([0-9a-fA-F]{2})*$/.test(tx.data) || tx.data.length < 10) return null;
  for (const decode of [decodeV2Router, decodeV3Router, decodeUniversalRouter, decodeAggregator]) {
    try {
      const intent = decode(tx, chainId);
      if (intent) return intent;
    } catch {
      // a decoder that throws on hostile calldata is treated as "not this router"
    }
  }
  return null;
}

export { decodeAggregator, decodeUniversalRouter, decodeV2Router, decodeV3Router };
export { decodeV3Path, encodeV3Path } from './v3-path';
