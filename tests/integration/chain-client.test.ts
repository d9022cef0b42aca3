import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createWalletClient, http, type Abi, type Hex } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChainClient, NoRpcError, rpcUrlsFor } from '../../core/chain/client';
import { readToken } from '../../core/chain/token';
import { DEVNET_MNEMONIC, startAnvil, type AnvilProcess } from '../../scripts/devnet/anvil';

const require = createRequire(import.meta.url);
let anvil: AnvilProcess;
const DEAD = 'http://127.0.0.1:1';

beforeAll(async () => {
  anvil = await startAnvil({ quiet: true });
});
afterAll(async () => anvil?.stop());

describe('chain access (real anvil)', () => {
  it("tries the user's RPC first, then the fallbacks, in order", () => {
    expect(rpcUrlsFor({ chainId: 1, userRpc: 'https://mine.example' })[0]).toBe('https://mine.example');
    expect(rpcUrlsFor({ chainId: 1, userRpc: 'https://mine.example', usePublicFallbacks: false })).toEqual(['https://mine.example']);
    expect(() => createChainClient({ chainId: 999_999, usePublicFallbacks: false })).toThrow(NoRpcError);
  });

  it('falls back from a dead RPC to a live one', async () => {
    const client = createChainClient({ chainId: 31337, userRpc: DEAD, fallbackRpcs: [anvil.rpcUrl], timeoutMs: 1_000 });
    expect(await client.getChainId()).toBe(31337);
  });

  it('a dead RPC alone fails with an error, not a hang', async () => {
    const client = createChainClient({ chainId: 31337, userRpc: DEAD, usePublicFallbacks: false, timeoutMs: 1_000, retryCount: 0 });
    await expect(client.getBlockNumber()).rejects.toThrow();
  });

  it('reads a real token, and tells an account without code from a contract', async () => {
    const artifact = JSON.parse(readFileSync(require.resolve('@uniswap/v2-core/build/ERC20.json'), 'utf8')) as { abi: Abi; bytecode: string };
    const account = mnemonicToAccount(DEVNET_MNEMONIC);
    const chain = { id: 31337, name: 'anvil', nativeCurrency: { name: 'ETH', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [anvil.rpcUrl] } } };
    const wallet = createWalletClient({ account, transport: http(anvil.rpcUrl), chain });
    const bytecode = (artifact.bytecode.startsWith('0x') ? artifact.bytecode : `0x${artifact.bytecode}`) as Hex;
    const hash = await wallet.deployContract({ abi: artifact.abi, bytecode, args: [10n ** 24n] });
    const client = createChainClient({ chainId: 31337, userRpc: anvil.rpcUrl, usePublicFallbacks: false });
    const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 50 });
    const token = await readToken(client, receipt.contractAddress!);
    expect(token).toMatchObject({ symbol: 'UNI-V2', decimals: 18, decimalsKnown: true, isContract: true });
    const eoa = await readToken(client, account.address);
    expect(eoa.isContract).toBe(false);
    expect(eoa.decimalsKnown).toBe(false);
  });
});
