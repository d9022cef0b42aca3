/**
 * Chain reads through the wallet (MetaMask's external extension connection), for a given chain.
 *
 * What MetaMask 13.5 does for another extension (checked on the vendored build, see README "Networks"): reads answer
 * from the network MetaMask selected for Preflight's origin, never from a network named in the request; that network
 * does not follow the dApp's switches. Switching it (`wallet_switchEthereumChain`) opens a MetaMask window unless
 * Preflight is connected and the chain is among its permitted chains (`endowment:permitted-chains`), in which case
 * it is silent and leaves the dApp's network alone. So: read when the wallet is on the chain; switch first only when
 * that is silent; otherwise this source cannot serve the chain (`WalletOnOtherChainError`) and the next one is used.
 * Reads for one chain may run together; a switch waits until reads for the other chain are done. No switch at all
 * while one of Preflight's own requests waits for the user in MetaMask (`busy`): MetaMask 13.5 then shows even a
 * permitted switch as a prompt that would cancel the waiting confirmation (seen in tests/e2e/metamask-withdraw.e2e.ts:
 * the minute's gas read for Ethereum put "Allow this site to switch the network?" behind a plan's transfer).
 */

export type WalletRequest = (args: { method: string; params?: unknown }) => Promise<unknown>;

/** Only reads go through here: a signature or a transaction never does. */
export const WALLET_READ_METHODS: ReadonlySet<string> = new Set([
  'eth_chainId', 'eth_blockNumber', 'eth_getBalance', 'eth_getCode', 'eth_getStorageAt', 'eth_call', 'eth_estimateGas', 'eth_feeHistory',
  'eth_gasPrice', 'eth_maxPriorityFeePerGas', 'eth_getBlockByNumber', 'eth_getBlockByHash', 'eth_getTransactionByHash', 'eth_getTransactionReceipt',
  'eth_getTransactionCount', 'eth_getLogs', 'eth_simulateV1',
]);

/** The wallet serves another network to Preflight and cannot be switched without asking the user. */
export class WalletOnOtherChainError extends Error {
  override name = 'WalletOnOtherChainError' as const;
  constructor(
    readonly wanted: number,
    readonly serving: number,
  ) {
    super(`MetaMask serves chain ${serving} to Preflight, not ${wanted}, and switching would open a MetaMask window; another source is used.`);
  }
}

export class NotAWalletReadError extends Error {
  override name = 'NotAWalletReadError' as const;
}

const hexId = (n: number) => `0x${n.toString(16)}`;
const idOf = (v: unknown): number | undefined => (typeof v === 'string' && /^0x[0-9a-f]+$/i.test(v) ? Number.parseInt(v, 16) : undefined);

/** Chains the connected origin may switch to without a prompt, from wallet_getPermissions. */
export function permittedChains(permissions: unknown): Set<number> {
  const out = new Set<number>();
  if (!Array.isArray(permissions)) return out;
  for (const p of permissions as { parentCapability?: unknown; caveats?: { type?: unknown; value?: unknown }[] }[]) {
    if (p?.parentCapability !== 'endowment:permitted-chains' || !Array.isArray(p.caveats)) continue;
    for (const c of p.caveats) {
      if (c?.type !== 'restrictNetworkSwitching' || !Array.isArray(c.value)) continue;
      for (const v of c.value) {
        const id = idOf(v);
        if (id !== undefined) out.add(id);
      }
    }
  }
  return out;
}

export interface WalletReadsOptions {
  now?: () => number;
  /** How long the wallet's chain and permissions are trusted before being asked again (default 2 s / 30 s). */
  chainTtlMs?: number;
  permissionsTtlMs?: number;
  /** True while the wallet shows (or is about to show) one of Preflight's own requests: then no switch is tried. */
  busy?: () => boolean;
}

export class WalletReads {
  #chain?: { id: number; at: number };
  #permitted?: { ids: Set<number>; at: number };
  #active?: { chainId: number; count: number };
  #waiting: (() => void)[] = [];
  readonly #now: () => number;

  constructor(
    private readonly request: WalletRequest,
    private readonly opts: WalletReadsOptions = {},
  ) {
    this.#now = opts.now ?? Date.now;
  }

  /** The chain the wallet serves to Preflight now. */
  async servingChain(fresh = false): Promise<number> {
    const ttl = this.opts.chainTtlMs ?? 2_000;
    if (!fresh && this.#chain && this.#now() - this.#chain.at < ttl) return this.#chain.id;
    const id = idOf(await this.request({ method: 'eth_chainId' }));
    if (id === undefined) throw new Error('MetaMask answered eth_chainId with something that is not a chain id');
    this.#chain = { id, at: this.#now() };
    return id;
  }

  /** Chains Preflight may switch its MetaMask network to without a window (empty unless the user connected Preflight). */
  async switchable(): Promise<Set<number>> {
    const ttl = this.opts.permissionsTtlMs ?? 30_000;
    if (this.#permitted && this.#now() - this.#permitted.at < ttl) return this.#permitted.ids;
    const ids = permittedChains(await this.request({ method: 'wallet_getPermissions' }).catch(() => []));
    this.#permitted = { ids, at: this.#now() };
    return ids;
  }

  /** Whether the wallet can serve `chainId` now without asking the user (it is on it, or may switch silently). */
  async canServe(chainId: number): Promise<boolean> {
    if ((await this.servingChain()) === chainId) return true;
    if (this.opts.busy?.()) return false;
    return (await this.switchable()).has(chainId);
  }

  /** One read of `chainId` through the wallet. Throws WalletOnOtherChainError when it cannot serve that chain silently. */
  async read(chainId: number, method: string, params?: unknown): Promise<unknown> {
    if (!WALLET_READ_METHODS.has(method)) throw new NotAWalletReadError(`${method} is not a read; it never goes through the wallet's read path.`);
    await this.#acquire(chainId);
    try {
      await this.#ensure(chainId);
      if (method === 'eth_chainId') return hexId(chainId);
      return await this.request({ method, ...(params !== undefined ? { params } : {}) });
    } finally {
      this.#release();
    }
  }

  async #ensure(chainId: number): Promise<void> {
    const serving = await this.servingChain();
    if (serving === chainId) return;
    if (this.opts.busy?.() || !(await this.switchable()).has(chainId)) throw new WalletOnOtherChainError(chainId, serving);
    // Asked again after the await: one of Preflight's own requests may have gone to the wallet meanwhile.
    if (this.opts.busy?.()) throw new WalletOnOtherChainError(chainId, serving);
    await this.request({ method: 'wallet_switchEthereumChain', params: [{ chainId: hexId(chainId) }] });
    const now = await this.servingChain(true);
    if (now !== chainId) throw new WalletOnOtherChainError(chainId, now);
  }

  /** Reads for the same chain share the wallet; a read for another chain waits until they are done. */
  async #acquire(chainId: number): Promise<void> {
    for (;;) {
      if (!this.#active || this.#active.count === 0) {
        this.#active = { chainId, count: 1 };
        return;
      }
      if (this.#active.chainId === chainId) {
        this.#active.count++;
        return;
      }
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
  }

  #release(): void {
    if (!this.#active) return;
    this.#active.count--;
    if (this.#active.count > 0) return;
    const waiting = this.#waiting;
    this.#waiting = [];
    for (const w of waiting) w();
  }
}
