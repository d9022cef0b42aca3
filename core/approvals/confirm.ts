/**
 * Which candidates stand now: the current allowance, operator flag, single-NFT approval or Permit2 allowance of each,
 * read in one batch with the tokens' symbols, decimals and the account's balances. A log says a permission was given
 * once; only this read says whether it still stands (revoked, spent, expired, or the NFT moved away).
 */
import { erc20Abi, parseAbi, type Address } from 'viem';
import { UNLIMITED_THRESHOLD } from '../format/amount';
import { sanitizeSymbol, shortAddress } from '../chain/token';
import { batchRead, type ContractRead, type MulticallMode, type ReadResult } from './reads';
import type { PublicClient } from 'viem';
import { PERMIT2, type ApprovalRow, type Candidate, type TokenFacts, type TokenStandard } from './types';

const NFT_ABI = parseAbi([
  'function isApprovedForAll(address owner, address operator) view returns (bool)',
  'function getApproved(uint256 tokenId) view returns (address)',
  'function ownerOf(uint256 tokenId) view returns (address)',
  'function balanceOf(address owner) view returns (uint256)',
  'function supportsInterface(bytes4 interfaceId) view returns (bool)',
  'function symbol() view returns (string)',
  'function name() view returns (string)',
]);
export const PERMIT2_ABI = parseAbi([
  'function allowance(address owner, address token, address spender) view returns (uint160 amount, uint48 expiration, uint48 nonce)',
  'function approve(address token, address spender, uint160 amount, uint48 expiration)',
  'function lockdown((address token, address spender)[] approvals)',
]);
const ERC721_INTERFACE = '0x80ac58cd';
const ERC1155_INTERFACE = '0xd9b67a26';

export interface ConfirmInput {
  client: PublicClient;
  mode: MulticallMode;
  owner: Address;
  candidates: readonly Candidate[];
  /** Unix seconds (Permit2 expiry). */
  now: number;
  /** The head when the read was asked (recorded on the rows; the read itself asks for 'latest': a load-balanced provider's
   * backend a block behind would refuse a newer number). */
  blockNumber: bigint;
  /** Facts already known (symbols and decimals are not read again; balances are). */
  known?: Readonly<Record<string, TokenFacts>>;
}

export interface ConfirmResult {
  /** The candidates that stand, as read. */
  rows: ApprovalRow[];
  /** Facts of every token the candidates name (balances read now). */
  tokens: Record<string, TokenFacts>;
  /** Keys of candidates read and found not standing (revoked, spent, expired, moved). */
  gone: Candidate[];
}

const lower = (a: string) => a.toLowerCase() as Address;
const big = (v: unknown): bigint | undefined => (typeof v === 'bigint' ? v : typeof v === 'number' ? BigInt(v) : undefined);

/** Reads the current state of every candidate (and its token). */
export async function confirmCandidates(input: ConfirmInput): Promise<ConfirmResult> {
  const { owner } = input;
  const calls: ContractRead[] = [];
  const at = (c: ContractRead) => calls.push(c) - 1;
  // Per candidate: where its reads sit in `calls`.
  const plan = input.candidates.map((c) => {
    switch (c.kind) {
      case 'erc20':
        return { c, i: [at({ address: c.token, abi: erc20Abi, functionName: 'allowance', args: [owner, c.spender] })] };
      case 'nft-all':
        return { c, i: [at({ address: c.token, abi: NFT_ABI, functionName: 'isApprovedForAll', args: [owner, c.spender] })] };
      case 'nft-one':
        return { c, i: [at({ address: c.token, abi: NFT_ABI, functionName: 'getApproved', args: [BigInt(c.tokenId ?? '0')] }), at({ address: c.token, abi: NFT_ABI, functionName: 'ownerOf', args: [BigInt(c.tokenId ?? '0')] })] };
      case 'permit2':
        return { c, i: [at({ address: PERMIT2, abi: PERMIT2_ABI, functionName: 'allowance', args: [owner, c.token, c.spender] }), at({ address: c.token, abi: erc20Abi, functionName: 'allowance', args: [owner, PERMIT2] })] };
    }
  });
  // Per token: fungible (erc20 / permit2 rows) or a collection (NFT rows).
  const fungible = new Set(input.candidates.filter((c) => c.kind === 'erc20' || c.kind === 'permit2').map((c) => lower(c.token)));
  const nfts = new Set(input.candidates.filter((c) => c.kind === 'nft-all' || c.kind === 'nft-one').map((c) => lower(c.token)));
  const tokenReads = new Map<Address, { balance: number; symbol?: number; decimals?: number; is721?: number; is1155?: number }>();
  for (const t of fungible) {
    const known = input.known?.[t];
    tokenReads.set(t, {
      balance: at({ address: t, abi: erc20Abi, functionName: 'balanceOf', args: [owner] }),
      ...(known?.decimals === undefined ? { symbol: at({ address: t, abi: erc20Abi, functionName: 'symbol' }), decimals: at({ address: t, abi: erc20Abi, functionName: 'decimals' }) } : {}),
    });
  }
  for (const t of nfts) {
    if (fungible.has(t)) continue;
    const known = input.known?.[t];
    tokenReads.set(t, {
      balance: at({ address: t, abi: NFT_ABI, functionName: 'balanceOf', args: [owner] }),
      ...(known && known.standard !== 'unknown' ? {} : {
        symbol: at({ address: t, abi: NFT_ABI, functionName: 'symbol' }),
        is721: at({ address: t, abi: NFT_ABI, functionName: 'supportsInterface', args: [ERC721_INTERFACE] }),
        is1155: at({ address: t, abi: NFT_ABI, functionName: 'supportsInterface', args: [ERC1155_INTERFACE] }),
      }),
    });
  }
  const results = await batchRead(input.client, input.mode, calls);
  const val = (i: number | undefined): unknown => (i === undefined ? undefined : (results[i] as ReadResult).ok ? (results[i] as { value: unknown }).value : undefined);

  const tokens: Record<string, TokenFacts> = {};
  for (const [t, r] of tokenReads) {
    const known = input.known?.[t];
    const balance = big(val(r.balance));
    if (fungible.has(t)) {
      const decimals = known?.decimals ?? (typeof val(r.decimals) === 'number' ? (val(r.decimals) as number) : undefined);
      const symbol = known?.symbol ?? sanitizeSymbol(val(r.symbol) as string | undefined) ?? shortAddress(t);
      tokens[t] = { ...known, symbol, ...(decimals !== undefined && decimals <= 255 ? { decimals } : {}), standard: 'erc20', ...(balance !== undefined ? { balance: balance.toString() } : {}) };
    } else {
      const standard: TokenStandard = known && known.standard !== 'unknown' ? known.standard : val(r.is721) === true ? 'erc721' : val(r.is1155) === true ? 'erc1155' : 'unknown';
      const symbol = known?.symbol ?? sanitizeSymbol(val(r.symbol) as string | undefined) ?? shortAddress(t);
      // ERC-1155 has no balanceOf(owner): its count of items is unknown.
      tokens[t] = { ...known, symbol, standard, ...(standard !== 'erc1155' && balance !== undefined ? { balance: balance.toString() } : {}) };
    }
  }

  const rows: ApprovalRow[] = [];
  const gone: Candidate[] = [];
  const readAtBlock = Number(input.blockNumber);
  for (const { c, i } of plan) {
    const base = { kind: c.kind, token: lower(c.token), spender: lower(c.spender), foundBy: c.foundBy, ...(c.tokenId !== undefined ? { tokenId: c.tokenId } : {}), readAtBlock };
    switch (c.kind) {
      case 'erc20': {
        const amount = big(val(i[0]));
        if (amount && amount > 0n) rows.push({ ...base, amount: amount.toString(), unlimited: amount >= UNLIMITED_THRESHOLD });
        else if (amount !== undefined) gone.push(c);
        break;
      }
      case 'nft-all': {
        const approved = val(i[0]);
        if (approved === true) rows.push({ ...base, amount: '1', unlimited: false });
        else if (approved === false) gone.push(c);
        break;
      }
      case 'nft-one': {
        const approved = val(i[0]);
        const holder = val(i[1]);
        if (typeof approved !== 'string') break;
        if (lower(approved) === base.spender && typeof holder === 'string' && lower(holder) === lower(owner)) rows.push({ ...base, amount: '1', unlimited: false });
        else gone.push(c);
        break;
      }
      case 'permit2': {
        const allowance = val(i[0]) as readonly [bigint, number, number] | undefined;
        const viaPermit2 = big(val(i[1]));
        if (!allowance) break;
        const [amount, expiration] = allowance;
        if (amount > 0n && expiration >= input.now) {
          rows.push({ ...base, amount: amount.toString(), unlimited: amount >= UNLIMITED_THRESHOLD, expiration, ...(viaPermit2 !== undefined ? { viaPermit2Allowance: viaPermit2.toString() } : {}) });
        } else gone.push(c);
        break;
      }
    }
  }
  return { rows, tokens, gone };
}
