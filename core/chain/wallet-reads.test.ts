import { describe, expect, it } from 'vitest';
import { NotAWalletReadError, permittedChains, WalletOnOtherChainError, WalletReads } from './wallet-reads';

/**
 * A wallet behaving as the vendored MetaMask 13.5 did for another extension (README "Networks"): one network per
 * origin; a switch to a permitted chain is silent, any other would open a window (recorded here, and the test fails).
 */
function fakeMetaMask(opts: { chain: number; permitted?: number[] }) {
  const log: string[] = [];
  let chain = opts.chain;
  const request = async ({ method, params }: { method: string; params?: unknown }): Promise<unknown> => {
    log.push(method);
    await new Promise((r) => setTimeout(r, 1));
    switch (method) {
      case 'eth_chainId':
        return `0x${chain.toString(16)}`;
      case 'wallet_getPermissions':
        return opts.permitted ? [{ parentCapability: 'eth_accounts' }, { parentCapability: 'endowment:permitted-chains', caveats: [{ type: 'restrictNetworkSwitching', value: opts.permitted.map((c) => `0x${c.toString(16)}`) }] }] : [];
      case 'wallet_switchEthereumChain': {
        const to = Number.parseInt((params as [{ chainId: string }])[0].chainId, 16);
        if (!opts.permitted?.includes(to)) throw new Error('a MetaMask window would open');
        chain = to;
        return null;
      }
      case 'eth_blockNumber':
        return `0x${(chain * 10).toString(16)}`; // answers about the chain it is on
      default:
        throw Object.assign(new Error(`The method "${method}" does not exist / is not available.`), { code: -32601 });
    }
  };
  return { request, log, chain: () => chain };
}

describe('reads through MetaMask for a given chain', () => {
  it('reads when MetaMask serves that chain to Preflight', async () => {
    const mm = fakeMetaMask({ chain: 59144 });
    const r = new WalletReads(mm.request);
    expect(await r.canServe(59144)).toBe(true);
    expect(await r.read(59144, 'eth_blockNumber')).toBe(`0x${(591440).toString(16)}`);
    expect(await r.read(59144, 'eth_chainId')).toBe('0xe708');
  });
  it('never switches when that would open a window: another source must answer', async () => {
    const mm = fakeMetaMask({ chain: 1 });
    const r = new WalletReads(mm.request);
    expect(await r.canServe(59144)).toBe(false);
    await expect(r.read(59144, 'eth_blockNumber')).rejects.toBeInstanceOf(WalletOnOtherChainError);
    expect(mm.log).not.toContain('wallet_switchEthereumChain');
  });
  it('switches silently to a chain the connected Preflight is permitted, and reads there', async () => {
    const mm = fakeMetaMask({ chain: 1, permitted: [1, 59144] });
    const r = new WalletReads(mm.request);
    expect(await r.canServe(59144)).toBe(true);
    expect(await r.read(59144, 'eth_blockNumber')).toBe(`0x${(591440).toString(16)}`);
    expect(mm.chain()).toBe(59144);
  });
  it('never switches while Preflight’s own request waits in MetaMask (a switch there would be a prompt cancelling it)', async () => {
    const mm = fakeMetaMask({ chain: 31337, permitted: [1, 31337] });
    let busy = true;
    const r = new WalletReads(mm.request, { busy: () => busy, chainTtlMs: 0 });
    expect(await r.canServe(1)).toBe(false);
    await expect(r.read(1, 'eth_blockNumber')).rejects.toBeInstanceOf(WalletOnOtherChainError);
    expect(await r.read(31337, 'eth_chainId')).toBe('0x7a69'); // the chain it serves still reads
    expect(mm.log).not.toContain('wallet_switchEthereumChain');
    busy = false;
    expect(await r.read(1, 'eth_blockNumber')).toBe('0xa');
    expect(mm.chain()).toBe(1);
  });
  it('never switches when Preflight’s own request goes to MetaMask while the read was asking for its permissions', async () => {
    const mm = fakeMetaMask({ chain: 31337, permitted: [1, 31337] });
    let busy = false;
    const request = async (args: { method: string; params?: unknown }) => {
      if (args.method === 'wallet_getPermissions') busy = true; // the Withdraw tab's send starts meanwhile
      return mm.request(args);
    };
    const r = new WalletReads(request, { busy: () => busy, chainTtlMs: 0, permissionsTtlMs: 0 });
    await expect(r.read(1, 'eth_blockNumber')).rejects.toBeInstanceOf(WalletOnOtherChainError);
    expect(mm.log).toContain('wallet_getPermissions');
    expect(mm.log).not.toContain('wallet_switchEthereumChain');
  });
  it('never lets a read for one chain land on another: reads for a second chain wait for the first', async () => {
    const mm = fakeMetaMask({ chain: 1, permitted: [1, 59144] });
    const r = new WalletReads(mm.request, { chainTtlMs: 0 });
    const results = await Promise.all([r.read(1, 'eth_blockNumber'), r.read(59144, 'eth_blockNumber'), r.read(1, 'eth_blockNumber'), r.read(59144, 'eth_blockNumber')]);
    expect(results).toEqual(['0xa', `0x${(591440).toString(16)}`, '0xa', `0x${(591440).toString(16)}`]);
  });
  it('refuses anything that is not a read, and passes MetaMask’s refusals on (eth_simulateV1: -32601)', async () => {
    const r = new WalletReads(fakeMetaMask({ chain: 1 }).request);
    await expect(r.read(1, 'eth_sendTransaction', [{}])).rejects.toBeInstanceOf(NotAWalletReadError);
    await expect(r.read(1, 'personal_sign', [])).rejects.toBeInstanceOf(NotAWalletReadError);
    await expect(r.read(1, 'eth_simulateV1', [])).rejects.toMatchObject({ code: -32601 });
  });
  it('reads permitted chains from wallet_getPermissions', () => {
    expect([...permittedChains([{ parentCapability: 'endowment:permitted-chains', caveats: [{ type: 'restrictNetworkSwitching', value: ['0x1', '0xe708', 'bad'] }] }])]).toEqual([1, 59144]);
    expect(permittedChains(null).size).toBe(0);
  });
});
