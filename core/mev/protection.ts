import type { Address, Hex } from 'viem';

/** Flashbots Protect answers an eth_call to this address with 1; ordinary nodes return empty. */
export const FLASHBOTS_PROBE_ADDRESS: Address = '0xf1a54b0759b58661cea17cff19dd37940a9b5f1a';

export interface Protection {
  flashbotsProtect: boolean;
  /** The user declared in Settings that this RPC sends transactions privately. */
  declaredPrivate: boolean;
  protected: boolean;
  note: string;
}

export interface ProbeClient {
  call(args: { to: Address; data?: Hex }): Promise<{ data?: Hex }>;
}

/** Detects Flashbots Protect on the user's RPC, combined with the user's own declaration. Never throws. */
export async function detectProtection(client: ProbeClient, declaredPrivate = false): Promise<Protection> {
  let flashbotsProtect = false;
  try {
    const res = await client.call({ to: FLASHBOTS_PROBE_ADDRESS, data: '0x' });
    flashbotsProtect = res.data !== undefined && res.data !== '0x' && BigInt(res.data) === 1n;
  } catch {
    flashbotsProtect = false;
  }
  return protectionOf(flashbotsProtect, declaredPrivate);
}

export function protectionOf(flashbotsProtect: boolean, declaredPrivate: boolean): Protection {
  const isProtected = flashbotsProtect || declaredPrivate;
  const note = flashbotsProtect
    ? 'Your RPC is Flashbots Protect: the swap goes to builders privately, so public-mempool sandwich bots do not see it. The risk shown assumes it stays private.'
    : declaredPrivate
      ? 'You declared this RPC private. Preflight cannot verify that; if it leaks to the public mempool the full risk applies.'
      : 'Your RPC broadcasts to the public mempool, where sandwich bots watch.';
  return { flashbotsProtect, declaredPrivate, protected: isProtected, note };
}
