/**
 * The local test world: anvil from npm, real Uniswap V2/V3 from the npm artifacts, devnet tokens,
 * pools at several depths, a funded user (account 0) with routers pre-approved, and an optional
 * traffic generator that makes the base fee move. Deterministic for a given seed.
 */
import { maxUint256, parseEther, parseUnits, type Address } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { devNftAbi, mintableErc20Abi, wethAbi } from './abis.ts';
import { DEVNET_CHAIN_ID, DEVNET_MNEMONIC, startAnvil } from './anvil.ts';
import { call, createClients } from './chain.ts';
import { deployUniswap, type UniswapDeployment } from './deploy-uniswap.ts';
import { deployDelegation, type DelegationDeployment } from './deploy-delegation.ts';
import { deploySafe, type SafeDeployment } from './deploy-safe.ts';
import { seedPools, type PoolInfo } from './pools.ts';
import { deployDevTokens, type DevTokens } from './tokens.ts';
import { startTraffic } from './traffic.ts';
import { deployDrainContracts, type DrainContracts } from './deploy-drains.ts';
import { installMulticall3 } from './multicall3.ts';

export { startTraffic } from './traffic.ts';
export { startDapp } from './dapp-server.ts';

export interface Devnet {
  rpcUrl: string;
  chainId: number;
  accounts: Address[];
  /** The deployed contracts: Uniswap's (deploy-uniswap.ts) and the devnet tokens (tokens.ts). */
  contracts: Omit<UniswapDeployment, 'positionDescriptor' | 'v2PairInitCodeHash' | 'v3PoolInitCodeHash'> & DevTokens & DrainContracts;

  pools: PoolInfo;
  /** MetaMask's Delegation Framework at its listed addresses, and account 0's smart account (deploy-delegation.ts). */
  delegation: DelegationDeployment;
  /** Milliseconds from start to ready. */
  startupMs: number;
  /** Safe 1.4.1 at its canonical addresses (deploy-safe.ts) and a Safe owned by accounts 0, 1, 2 (2 of 3), holding ETH and USDC. */
  safe: SafeDeployment;
  /** Milliseconds the Safe deployment took (part of startupMs). */
  safeStartupMs: number;
  stop(): Promise<void>;
}

export interface DevnetOptions {
  port?: number;
  seed?: number;
  traffic?: boolean;
  /** Block time while traffic runs (default 2 s); without traffic, switches automine to interval mining. Whole seconds. */
  blockTimeSec?: number;
  quiet?: boolean;
  /** Default 31337; another id makes the same devnet (same contracts, same addresses) stand in for another chain. */
  chainId?: number;
}

export const LP_ACCOUNT_INDEX = 9;

export async function startDevnet(opts: DevnetOptions = {}): Promise<Devnet> {
  const started = Date.now();
  const log = opts.quiet ? () => undefined : (m: string) => process.stderr.write(`[devnet] ${m}\n`);
  const chainId = opts.chainId ?? DEVNET_CHAIN_ID;
  const anvil = await startAnvil({ port: opts.port ?? 0, quiet: true, chainId });
  try {
    const c = createClients(anvil.rpcUrl, chainId);
    const accounts = Array.from({ length: 10 }, (_, i) => mnemonicToAccount(DEVNET_MNEMONIC, { addressIndex: i }).address);
    const user = accounts[0]!;
    const lp = accounts[LP_ACCOUNT_INDEX]!;
    log('deploying Uniswap and tokens…');
    const u = await deployUniswap(c, lp);
    const t = await deployDevTokens(c, lp, log);
    const pools = await seedPools(c, lp, u, t);
    const delegationStarted = Date.now();
    const delegation = await deployDelegation(c, lp, user);
    log(`Delegation Framework placed in ${Date.now() - delegationStarted} ms`);
    const drains = await deployDrainContracts(c, lp, log);
    const safeStarted = Date.now();
    const safe = await deploySafe(c, lp, [user, accounts[1]!, accounts[2]!], 2);
    await call(c, lp, t.usdc, mintableErc20Abi, 'mint', [safe.address, parseUnits('50000', 6)]);
    const safeStartupMs = Date.now() - safeStarted;
    await installMulticall3(c); // batched reads at Multicall3's canonical address, as on mainnet (no transaction)

    // The user: WETH, USDC, VOL and three NFTs; routers pre-approved so swaps work directly.
    await call(c, user, u.weth, wethAbi, 'deposit', [], parseEther('50'));
    await call(c, user, t.usdc, mintableErc20Abi, 'mint', [user, parseUnits('100000', 6)]);
    await call(c, user, t.vol, mintableErc20Abi, 'mint', [user, parseEther('1000000')]);
    for (let i = 0; i < 3; i++) await call(c, user, t.nft, devNftAbi, 'mint', [user]);
    for (const token of [u.weth, t.usdc, t.vol]) {
      for (const router of [u.v2Router, u.swapRouter, u.swapRouter02].filter((r): r is Address => !!r)) {
        await call(c, user, token, mintableErc20Abi, 'approve', [router, maxUint256]);
      }
    }

    const stopTraffic = opts.traffic
      ? await startTraffic(
          { rpcUrl: anvil.rpcUrl, accounts, contracts: { weth: u.weth, usdc: t.usdc, v2Router: u.v2Router, swapRouter: u.swapRouter, gasBurner: t.gasBurner } },
          { seed: opts.seed ?? 1, blockTimeSec: opts.blockTimeSec },
        )
      : undefined;
    if (!opts.traffic && opts.blockTimeSec !== undefined) {
      await c.testClient.setIntervalMining({ interval: Math.max(1, Math.round(opts.blockTimeSec)) });
    }
    const devnet: Devnet = {
      rpcUrl: anvil.rpcUrl,
      chainId,
      accounts,
      contracts: {
        weth: u.weth,
        usdc: t.usdc,
        vol: t.vol,
        nft: t.nft,
        gasBurner: t.gasBurner,
        v2Factory: u.v2Factory,
        v2Router: u.v2Router,
        v3Factory: u.v3Factory,
        swapRouter: u.swapRouter,
        swapRouter02: u.swapRouter02,
        quoterV2: u.quoterV2,
        positionManager: u.positionManager,
        universalRouter: u.universalRouter,
        permit2: u.permit2,
        claimScam: drains.claimScam,
        airdrop: drains.airdrop,
      },
      pools,
      delegation,
      startupMs: Date.now() - started,
      safe,
      safeStartupMs,
      async stop() {
        await stopTraffic?.();
        await anvil.stop();
      },
    };
    log(`ready in ${devnet.startupMs} ms at ${anvil.rpcUrl}`);
    return devnet;
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}
