/**
 * Without a way to read the request's chain (no RPC of the user's, no MetaMask connection serving it, no public RPC
 * in the registry), every check that needs no chain still runs; this says plainly which on-chain ones were skipped.
 */
import { chainName, knownChain } from '../chain/chains';
import { decodeSwap } from '../mev/decode';
import { text, type Localized } from '../i18n/localized';
import { decodeApproval } from './analyzers/approval';
import { parseDelegation } from './delegation/parse';
import type { ParsedRequest, TxFields } from './request';
import { decodeTransfer } from './transfers';
import { parseOrder } from './typed-data/orders';
import { parsePermit } from './typed-data/permit';
import type { Finding, SigningRequest } from './types';

const CHECK = {
  simulation: text('the simulated asset changes and whether the transaction reverts', 'シミュレーションによる資産の変化と、取引が失敗しないか'),
  balance: text('whether you keep enough for the next network fee', '次のネットワーク手数料を払える残高が残るか'),
  gas: text('the network fee and when it is cheaper to send', 'ネットワーク手数料と、安く送れる時間'),
  spender: text('whether the spender is a contract or a personal account, and how new it is', '承認先がコントラクトか個人のアカウントか、またどれだけ新しいか'),
  token: text("the token's name and decimals (amounts are shown in base units)", 'トークンの名前と小数点桁数（金額は最小単位で表示）'),
  recipient: text('whether the recipient is a token contract', '受取人がトークンのコントラクトでないか'),
  sandwich: text('how much a sandwich bot could take from this swap', 'サンドイッチ攻撃で失う可能性のある額'),
  account: text("whether your account already runs someone's code (EIP-7702)", 'あなたのアカウントが既に他者のコードで動いていないか（EIP-7702）'),
} as const;

function txChecks(tx: TxFields, chainId: number): Localized[] {
  const out: Localized[] = [CHECK.simulation];
  const approval = decodeApproval(tx.to, tx.data);
  if (approval) out.push(CHECK.spender, CHECK.token);
  const transfer = decodeTransfer(tx);
  if (transfer) out.push(CHECK.recipient, ...(transfer.token ? [CHECK.token] : []));
  if (tx.to && decodeSwap({ from: tx.from, to: tx.to, data: tx.data, value: tx.value }, chainId)) out.push(CHECK.sandwich);
  if (tx.value > 0n) out.push(CHECK.balance);
  return out;
}

/** The on-chain checks this request's review would have run; empty when it needs no chain (signatures of text, chain switches…). */
export function chainChecksOf(parsed: ParsedRequest, chainId: number): Localized[] {
  let checks: Localized[] = [];
  if (parsed.kind === 'transaction') checks = [...txChecks(parsed.tx, chainId), CHECK.gas, ...(parsed.tx.from ? [CHECK.account] : [])];
  else if (parsed.kind === 'calls') checks = [...parsed.calls.flatMap((c) => txChecks(c, chainId)), CHECK.gas, ...(parsed.from ? [CHECK.account] : [])];
  else if (parsed.kind === 'typed-data' && parsed.data) {
    if (parsePermit(parsed.data)) checks = [CHECK.spender, CHECK.token];
    else if (parseOrder(parsed.data)) checks = [CHECK.token];
    else if (parseDelegation(parsed.data)) checks = [CHECK.token];
    if (checks.length > 0 && parsed.account) checks.push(CHECK.account);
  }
  const seen = new Set<string>();
  return checks.filter((c) => (seen.has(c.en) ? false : (seen.add(c.en), true)));
}

/** The reason when MetaMask is there but serves another network to Preflight (switching would ask the user). */
export function walletElsewhere(chainId: number, serving: number): Localized {
  const name = chainName(chainId);
  return text(
    `no RPC of yours for ${name}, none public, and MetaMask serves ${chainName(serving)} to Preflight (switching it would ask you)`,
    `${name} 用のあなたの RPC も公開 RPC もなく、MetaMask は Preflight に ${chainName(serving)} を提供しています（切り替えには確認が必要です）`,
  );
}

/**
 * The `no-chain-access` finding (info) for a request whose review would have read the chain, or undefined.
 * `why` says what is missing (from the caller, who knows the sources it tried).
 */
export function noChainAccessFinding(request: SigningRequest, parsed: ParsedRequest, why?: Localized): Finding | undefined {
  const checks = chainChecksOf(parsed, request.chainId);
  if (checks.length === 0) return undefined;
  const known = knownChain(request.chainId) !== undefined;
  const name = chainName(request.chainId);
  const reason =
    why ??
    (known
      ? text(`no RPC is available for ${name}`, `${name} に使える RPC がありません`)
      : text(`chain ${request.chainId} is in no registry and has no RPC`, `チェーン ${request.chainId} はどの登録簿にもなく、RPC もありません`));
  return {
    code: 'no-chain-access',
    severity: 'info',
    title: text(`On-chain checks skipped: ${reason.en}`, `オンチェーンの確認を省略しました：${reason.ja}`),
    detail: text(
      `Not checked: ${checks.map((c) => c.en).join('; ')}. What the request itself says was checked. To check the rest, add an RPC for chain ${request.chainId} in Preflight's Settings.`,
      `未確認：${checks.map((c) => c.ja).join('、')}。リクエスト自体の内容は確認済みです。残りを確認するには、Preflight の設定でチェーン ${request.chainId} の RPC を追加してください。`,
    ),
  };
}
