/**
 * Standing approvals on the devnet, for the approvals inventory's tests and benchmark: Permit2's allowance contract at
 * Permit2's address (DevPermit2Allowance: no npm package here ships Permit2's bytecode), an ERC-1155 collection, and
 * an account's approvals across ERC-20 (to routers, contracts, plain accounts, a scam-listed address), NFTs (operators
 * on ERC-721 and ERC-1155, single-token approvals) and Permit2, some revoked or expired again. Every transaction is a
 * real one from the account (anvil's unlocked accounts).
 */
import { encodeFunctionData, maxUint256, parseAbi, parseEther, parseUnits, type Address, type Hex } from 'viem';
import { mintableErc20Abi } from './abis.ts';
import { call, deploy, type DevnetClients } from './chain.ts';
import { compileDevContracts } from './compile.ts';

export const PERMIT2_ADDRESS: Address = '0x000000000022D473030F116dDEE9F6B43aC78BA3';
const MAX_UINT160 = 2n ** 160n - 1n;

const permit2Abi = parseAbi(['function approve(address token, address spender, uint160 amount, uint48 expiration)']);
const nftAbi = parseAbi(['function setApprovalForAll(address operator, bool approved)', 'function approve(address to, uint256 tokenId)', 'function mint(address to) returns (uint256)']);
const multiAbi = parseAbi(['function mint(address to, uint256 id, uint256 amount)', 'function setApprovalForAll(address operator, bool approved)']);

export interface ApprovalContracts {
  permit2: Address;
  multi: Address;
}

/** Permit2's allowance contract at Permit2's address (its runtime code set there) and an ERC-1155 collection. */
export async function installApprovalContracts(c: DevnetClients, deployer: Address): Promise<ApprovalContracts> {
  const compiled = compileDevContracts();
  const p2 = compiled.DevPermit2Allowance;
  const multiArtifact = compiled.DevMulti1155;
  if (!p2 || !multiArtifact) throw new Error('the devnet contracts lack DevPermit2Allowance or DevMulti1155');
  const existing = await c.publicClient.getCode({ address: PERMIT2_ADDRESS });
  if (!existing || existing === '0x') {
    const deployed = await deploy(c, deployer, p2, [], 'DevPermit2Allowance');
    const code = await c.publicClient.getCode({ address: deployed });
    if (!code) throw new Error('DevPermit2Allowance has no code');
    await c.testClient.setCode({ address: PERMIT2_ADDRESS, bytecode: code });
  }
  const multi = await deploy(c, deployer, multiArtifact, [], 'DevMulti1155');
  return { permit2: PERMIT2_ADDRESS, multi };
}

export type PlannedKind = 'erc20' | 'nft-all' | 'nft-one' | 'permit2';

/** One permission the world set up, and whether it should still stand. */
export interface PlannedApproval {
  kind: PlannedKind;
  token: Address;
  spender: Address;
  tokenId?: string;
  standing: boolean;
  note: string;
}

export interface WorldTokens {
  weth: Address;
  usdc: Address;
  vol: Address;
  nft: Address;
  multi: Address;
}

export interface WorldSpenders {
  /** Contracts (routers and others). */
  contracts: { v2Router: Address; swapRouter: Address; swapRouter02?: Address; universalRouter?: Address; positionManager: Address; quoterV2?: Address; v2Factory: Address; gasBurner: Address };
  /** At least 8 plain accounts. */
  eoas: Address[];
  /** An address on the shared scam-address list. */
  scam: Address;
}

/**
 * The e2e world's approvals of `owner` (27 standing, 3 given and taken back again or expired). The owner needs WETH,
 * USDC, VOL and the DevNFT ids in `nftIds` (the devnet's user has 50 WETH, 100,000 USDC, 1,000,000 VOL, ids 1–3).
 */
export async function createStandingApprovals(c: DevnetClients, owner: Address, t: WorldTokens, s: WorldSpenders, nftIds: readonly bigint[], nowSec: number): Promise<PlannedApproval[]> {
  const out: PlannedApproval[] = [];
  const e = s.eoas;
  const k = s.contracts;
  const erc20 = async (token: Address, spender: Address, amount: bigint, note: string, standing = amount > 0n) => {
    await call(c, owner, token, mintableErc20Abi, 'approve', [spender, amount]);
    out.push({ kind: 'erc20', token: token.toLowerCase() as Address, spender: spender.toLowerCase() as Address, standing, note });
  };
  const permit2 = async (token: Address, spender: Address, amount: bigint, expiration: number, note: string) => {
    await call(c, owner, PERMIT2_ADDRESS, permit2Abi, 'approve', [token, spender, amount, expiration]);
    out.push({ kind: 'permit2', token: token.toLowerCase() as Address, spender: spender.toLowerCase() as Address, standing: amount > 0n && expiration >= nowSec, note });
  };
  const operator = async (collection: Address, op: Address, approved: boolean, note: string) => {
    await call(c, owner, collection, nftAbi, 'setApprovalForAll', [op, approved]);
    const key = { kind: 'nft-all' as const, token: collection.toLowerCase() as Address, spender: op.toLowerCase() as Address };
    const i = out.findIndex((x) => x.kind === key.kind && x.token === key.token && x.spender === key.spender);
    if (i >= 0) out.splice(i, 1);
    out.push({ ...key, standing: approved, note });
  };
  const one = async (id: bigint, to: Address, note: string) => {
    await call(c, owner, t.nft, nftAbi, 'approve', [to, id]);
    out.push({ kind: 'nft-one', token: t.nft.toLowerCase() as Address, spender: to.toLowerCase() as Address, tokenId: id.toString(), standing: true, note });
  };

  // ERC-20: plain accounts, a scam-listed address, contracts, Permit2.
  await erc20(t.usdc, e[0]!, parseUnits('1000', 6), 'USDC 1,000 to a plain account');
  await erc20(t.usdc, e[1]!, maxUint256, 'unlimited USDC to a plain account');
  await erc20(t.weth, e[2]!, parseEther('5'), '5 WETH to a plain account');
  await erc20(t.vol, s.scam, maxUint256, 'unlimited VOL to a scam-listed address');
  await erc20(t.weth, k.positionManager, parseEther('2'), '2 WETH to the position manager');
  if (k.quoterV2) await erc20(t.usdc, k.quoterV2, parseUnits('500', 6), 'USDC 500 to QuoterV2');
  if (k.universalRouter) await erc20(t.vol, k.universalRouter, maxUint256, 'unlimited VOL to the Universal Router');
  await erc20(t.usdc, k.v2Factory, parseUnits('10', 6), 'USDC 10 to the V2 factory');
  await erc20(t.weth, k.gasBurner, parseEther('1'), '1 WETH to the gas burner');
  for (const token of [t.weth, t.usdc, t.vol]) await erc20(token, PERMIT2_ADDRESS, maxUint256, 'unlimited to Permit2');
  await erc20(t.usdc, e[3]!, parseUnits('50', 6), 'given…');
  await erc20(t.usdc, e[3]!, 0n, '…and revoked again', false);
  out.splice(out.findIndex((x) => x.note === 'given…'), 1);
  await erc20(t.vol, e[3]!, parseEther('123'), '123 VOL to a plain account');
  await erc20(t.weth, e[6]!, parseEther('0.5'), '0.5 WETH to a plain account');
  await erc20(t.usdc, e[7]!, parseUnits('10000', 6), 'USDC 10,000 to a plain account');
  await erc20(t.vol, e[0]!, parseEther('5000'), '5,000 VOL to a plain account');

  // Permit2 allowances (one already expired).
  const day = 86_400;
  await permit2(t.weth, k.swapRouter02 ?? k.swapRouter, parseEther('10'), nowSec + 30 * day, 'Permit2: 10 WETH to SwapRouter02, 30 days');
  await permit2(t.usdc, k.universalRouter ?? k.v2Router, MAX_UINT160, nowSec + 365 * day, 'Permit2: unlimited USDC to the Universal Router, a year');
  await permit2(t.usdc, e[4]!, parseUnits('2000', 6), nowSec + 7 * day, 'Permit2: USDC 2,000 to a plain account, 7 days');
  await permit2(t.vol, k.v2Router, parseEther('1000'), nowSec + day, 'Permit2: 1,000 VOL to the V2 router, a day');
  await permit2(t.weth, e[5]!, parseEther('1'), nowSec - day, 'Permit2: expired yesterday');

  // NFTs: operators on the ERC-721 and the ERC-1155, single-token approvals, one operator taken back again.
  await operator(t.nft, e[0]!, true, 'all DPUNK to a plain account');
  await operator(t.nft, k.positionManager, true, 'all DPUNK to a contract');
  await operator(t.nft, e[2]!, true, 'all DPUNK…');
  await operator(t.nft, e[2]!, false, '…taken back');
  await one(nftIds[0]!, e[1]!, 'one DPUNK to a plain account');
  await one(nftIds[1]!, k.v2Router, 'one DPUNK to a contract');
  await one(nftIds[2]!, e[3]!, 'one more DPUNK to a plain account');
  await call(c, owner, t.multi, multiAbi, 'mint', [owner, 1n, 5n]);
  await call(c, owner, t.multi, multiAbi, 'mint', [owner, 2n, 1n]);
  await operator(t.multi, e[4]!, true, 'all of the ERC-1155 to a plain account');
  await operator(t.multi, k.swapRouter, true, 'all of the ERC-1155 to a contract');
  return out;
}

/**
 * The benchmark's account: `count` ERC-20 approvals (each to its own spender, over WETH / USDC / VOL) with `gap`
 * empty blocks mined between them (anvil_mine), so they spread over count × gap blocks.
 */
export async function spreadApprovals(c: DevnetClients, owner: Address, tokens: readonly Address[], count: number, gap: number, onProgress?: (i: number) => void): Promise<PlannedApproval[]> {
  const out: PlannedApproval[] = [];
  for (let i = 0; i < count; i++) {
    const spender = `0x${(0x5e0000 + i).toString(16).padStart(40, 'a')}` as Address;
    const token = tokens[i % tokens.length]!;
    const data: Hex = encodeFunctionData({ abi: mintableErc20Abi, functionName: 'approve', args: [spender, BigInt(i + 1) * 10n ** 6n] });
    await c.walletClient.sendTransaction({ account: owner, to: token, data, chain: null });
    out.push({ kind: 'erc20', token: token.toLowerCase() as Address, spender: spender.toLowerCase() as Address, standing: true, note: `#${i}` });
    await c.testClient.mine({ blocks: gap });
    onProgress?.(i);
  }
  return out;
}
