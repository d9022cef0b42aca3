import { decodeFunctionData, parseAbi, type Address } from 'viem';
import { text } from '../../i18n/localized';
import type { Analyzer, ReviewContext } from '../analyzer';
import { nameAddress } from '../format';
import { labelOf } from '../labels';
import type { TxFields } from '../request';
import type { AnalyzerResult, Finding } from '../types';

/**
 * Calls that hand a contract's ownership or admin to an address, in OpenZeppelin's contracts (the ones most contracts
 * inherit): Ownable / Ownable2Step transferOwnership, AccessControlDefaultAdminRules beginDefaultAdminTransfer,
 * AccessControl grantRole of DEFAULT_ADMIN_ROLE (0x00), and the admin of a v4 TransparentUpgradeableProxy (changeAdmin).
 */
const OWNERSHIP_ABI = parseAbi([
  'function transferOwnership(address newOwner)',
  'function beginDefaultAdminTransfer(address newAdmin)',
  'function grantRole(bytes32 role, address account)',
  'function changeAdmin(address newAdmin)',
]);
const DEFAULT_ADMIN_ROLE = `0x${'0'.repeat(64)}`;

/** The new owner or admin a call names, if it is such a call. */
function newOwnerOf(data: `0x${string}`): Address | undefined {
  if (data.length < 10) return undefined;
  try {
    const call = decodeFunctionData({ abi: OWNERSHIP_ABI, data });
    const owner = call.functionName === 'grantRole' ? (call.args[0] === DEFAULT_ADMIN_ROLE ? call.args[1] : undefined) : call.args[0];
    return owner?.toLowerCase() as Address | undefined;
  } catch {
    return undefined;
  }
}

function finding(ctx: ReviewContext, c: TxFields & { to: Address }, owner: Address, call?: number): Finding {
  const contract = nameAddress(c.to, labelOf(c.to, ctx.labels));
  const who = nameAddress(owner, labelOf(owner, ctx.labels));
  const where = call !== undefined ? text(` (call ${call + 1} of the batch)`, `（バッチの ${call + 1} 番目の呼び出し）`) : text('', '');
  return {
    code: 'ownership-transfer',
    severity: 'warn',
    title: text(`This hands ownership of ${contract} to ${who}${where.en}`, `${contract} の所有権を ${who} に渡します${where.ja}`),
    detail: text(
      `Whoever owns ${contract} can do what its owner functions allow: upgrade it, change its settings, move what it holds, for every user of it. This is how the October 2024 Radiant Capital theft began (the multisig signed transferOwnership to the attacker's contract). Sign only if you meant to hand it to ${who} and checked that address yourself.`,
      `${contract} の所有者は、所有者用の関数でできること（アップグレード、設定変更、保有資産の移動）を、その利用者全員に対して行えます。2024 年 10 月の Radiant Capital の盗難はこうして始まりました（マルチシグが攻撃者のコントラクトへの transferOwnership に署名）。${who} に渡すつもりで、そのアドレスを自分で確認した場合にのみ署名してください。`,
    ),
  };
}

/** `ownership-transfer`: a call that hands a contract's ownership or admin role to another address (warn). */
export const ownershipAnalyzer: Analyzer = {
  id: 'ownership',
  kinds: ['transaction', 'calls'],
  analyze(ctx): AnalyzerResult | undefined {
    const p = ctx.parsed;
    const calls = p.kind === 'transaction' ? [p.tx] : p.kind === 'calls' ? p.calls : [];
    const findings = calls.flatMap((c, i) => {
      const owner = c.to ? newOwnerOf(c.data) : undefined;
      return owner && c.to ? [finding(ctx, { ...c, to: c.to }, owner, p.kind === 'calls' && calls.length > 1 ? i : undefined)] : [];
    });
    return findings.length ? { findings } : undefined;
  },
};
