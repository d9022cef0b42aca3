/**
 * The inventory as the Approvals tab shows it: one line per standing approval with its token, spender (label and
 * Preflight's findings: scam-listed, plain account, new contract), amount ("unlimited" ≥ 2^128), balance, value at risk
 * and Permit2 expiry, sorted worst first, and the whole-wallet totals. Text in English and Japanese. Pure.
 */
import { text, type Localized } from '../i18n/localized';
import { formatTokenAmount } from '../format/amount';
import { nameAddress } from '../review/format';
import { labelOf } from '../review/labels';
import { candidateKey, type ApprovalKind, type FoundBy, type Inventory, type TokenPrice } from './types';
import { rowValueAtRisk, sortRows, walletExposure, type WalletExposure } from './valuation';

export interface ApprovalLine {
  key: string;
  kind: ApprovalKind;
  token: string;
  tokenSymbol: string;
  spender: string;
  /** "0x1234…abcd (Uniswap V2 Router)" */
  spenderName: string;
  flags: { scamListed: boolean; eoa: boolean; newContract: boolean; ageUnknown: boolean; known: boolean };
  /** "unlimited", "1,000 USDC", "all items", "#7". */
  amount: Localized;
  unlimited: boolean;
  /** "1,250 USDC", "3 items"; undefined when unread (or an ERC-1155 collection). */
  balance?: Localized;
  /** USD; undefined: no price (NFTs, tokens without a feed) or no balance read. */
  valueAtRiskUsd?: number;
  priceSource?: TokenPrice['source'];
  /** Permit2: unix seconds. */
  expiration?: number;
  foundBy: FoundBy;
}

export interface InventoryView {
  chainId: number;
  account: string;
  lines: ApprovalLine[];
  totals: WalletExposure;
  method: FoundBy;
  /** How many lines each method found. */
  foundBy: Record<FoundBy, number>;
  completeTo?: number;
  updatedAt: number;
}

export function inventoryView(inv: Inventory, opts: { nowSec: number; scamListed: (a: string) => boolean; labels?: Readonly<Record<string, string>>; trusted?: readonly string[] }): InventoryView {
  const sorted = sortRows(inv.rows, inv.tokens, inv.spenders, opts.scamListed, opts.nowSec);
  const lines = sorted.map((r): ApprovalLine => {
    const token = inv.tokens[r.token];
    const symbol = token?.symbol ?? `${r.token.slice(0, 6)}…${r.token.slice(-4)}`;
    const label = labelOf(r.spender, opts.labels);
    const facts = inv.spenders[r.spender];
    const known = label !== undefined || (opts.trusted?.includes(r.spender) ?? false);
    const fungible = r.kind === 'erc20' || r.kind === 'permit2';
    const amount = fungible
      ? r.unlimited
        ? text('unlimited', '無制限')
        : (() => {
            const f = formatTokenAmount(BigInt(r.amount), token?.decimals, { allowance: true });
            return text(`${f.text.en} ${symbol}`, `${f.text.ja} ${symbol}`);
          })()
      : r.kind === 'nft-all'
        ? text('all items', 'すべてのアイテム')
        : text(`#${r.tokenId}`, `#${r.tokenId}`);
    let balance: Localized | undefined;
    if (token?.balance !== undefined) {
      if (fungible) {
        const f = formatTokenAmount(BigInt(token.balance), token.decimals);
        balance = text(`${f.text.en} ${symbol}`, `${f.text.ja} ${symbol}`);
      } else if (token.standard !== 'erc1155') {
        const n = Number(token.balance);
        balance = text(`${n} item${n === 1 ? '' : 's'}`, `${n} 個`);
      }
    }
    const value = rowValueAtRisk(r, token, opts.nowSec);
    return {
      key: candidateKey(r), kind: r.kind, token: r.token, tokenSymbol: symbol, spender: r.spender, spenderName: nameAddress(r.spender, label),
      flags: { scamListed: opts.scamListed(r.spender), eoa: facts?.isContract === false, newContract: !known && facts?.age === 'new', ageUnknown: !known && facts?.age === 'unknown', known },
      amount, unlimited: r.unlimited, ...(balance ? { balance } : {}), ...(value !== undefined ? { valueAtRiskUsd: value } : {}),
      ...(fungible && token?.price ? { priceSource: token.price.source } : {}), ...(r.expiration !== undefined ? { expiration: r.expiration } : {}), foundBy: r.foundBy,
    };
  });
  return {
    chainId: inv.chainId, account: inv.account, lines, totals: walletExposure(inv.rows, inv.tokens, opts.nowSec), method: inv.method,
    foundBy: { logs: lines.filter((l) => l.foundBy === 'logs').length, fallback: lines.filter((l) => l.foundBy === 'fallback').length },
    ...(inv.completeTo !== undefined ? { completeTo: inv.completeTo } : {}), updatedAt: inv.updatedAt,
  };
}
