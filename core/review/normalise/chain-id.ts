import { refuse } from './encoding-notes';

/**
 * wallet_switchEthereumChain / wallet_addEthereumChain chain ids as MetaMask 13.5 checks them (read from its
 * code): a 0x-prefixed hex string without leading zeros ("Expected 0x-prefixed, unpadded, non-zero hexadecimal
 * string") that fits in a safe integer. Anything else is refused.
 */
export function walletChainId(raw: unknown): number {
  const s = typeof raw === 'string' ? raw.toLowerCase() : undefined;
  const shown = typeof raw === 'string' ? `"${raw.slice(0, 24)}"` : String(JSON.stringify(raw) ?? raw).slice(0, 24);
  if (!s || !/^0x[1-9a-f][0-9a-f]*$/.test(s)) {
    refuse(`chainId ${shown} is not a 0x-prefixed hex number without leading zeros`, `chainId ${shown} が、先頭にゼロのない 0x 付きの 16 進数ではありません`);
  }
  const n = Number.parseInt(s, 16);
  if (!Number.isSafeInteger(n)) refuse(`chainId ${shown} is too large`, `chainId ${shown} が大きすぎます`);
  return n;
}
