import type { Address } from 'viem';
import { text } from '../../i18n/localized';
import { readAccountCode } from '../account-code';
import type { Analyzer, ReviewContext } from '../analyzer';
import { DELEGATION_CONTRACTS } from '../delegation/deployment-table';
import { isMetaMaskDelegator, smartAccountName } from '../delegation/smart-accounts';
import { shortHex } from '../format';
import type { AnalyzerResult, Finding } from '../types';

/** MetaMask's EIP7702StatelessDeleGator: what MetaMask upgrades an account to (the newest version the package lists). */
const METAMASK_DELEGATOR = Object.entries(DELEGATION_CONTRACTS).find(([, c]) => c.name === 'EIP7702StatelessDeleGatorImpl')?.[0] ?? '';

/** The account that sends or signs the request, when the request names it. */
function accountOf(ctx: ReviewContext): Address | undefined {
  const p = ctx.parsed;
  switch (p.kind) {
    case 'transaction':
      return p.tx.from;
    case 'calls':
      return p.from;
    case 'typed-data':
    case 'message':
      return p.account;
    default:
      return undefined;
  }
}

/**
 * EIP-7702: reads the sending or signing account's code once (bounded, alongside the other checks). An account that
 * already delegates its code (0xef0100 ‖ address) is named with its delegate on every review: info for MetaMask's own
 * delegator and the implementations ethereum.org lists, danger for any other. A wallet_sendCalls batch from an account
 * without code is one MetaMask carries out only by upgrading the account to its smart account: said so.
 */
export const eip7702Analyzer: Analyzer = {
  id: 'eip7702',
  kinds: ['transaction', 'calls', 'typed-data', 'message'],
  async analyze(ctx) {
    const account = accountOf(ctx);
    if (!account || !ctx.client) return undefined;
    const code = await readAccountCode(ctx, account);
    const batch = ctx.parsed.kind === 'calls' && ctx.parsed.calls.length > 1;
    const who = shortHex(account);
    if (code.status === 'unread') {
      return {
        cards: [{ kind: 'account-code', title: text('Your account (EIP-7702)', 'あなたのアカウント（EIP-7702）'), rows: [{ label: text('Account', 'アカウント'), value: account }], note: text(`Its code could not be read (${code.reason}): whether it delegates to a smart-account contract is unknown.`, `コードを読み取れませんでした（${code.reason}）：スマートアカウントへの委任の有無は不明です。`) }],
      };
    }
    const findings: Finding[] = [];
    if (code.status === 'delegated') {
      const known = smartAccountName(code.delegate);
      const listed = ctx.scamAddresses?.has(code.delegate) ?? false;
      if (known && !listed) {
        findings.push({
          code: 'eip7702-delegated-account',
          severity: 'info',
          title: text(`Your account ${who} is a smart account: its EIP-7702 code is ${known} (${shortHex(code.delegate)})`, `あなたのアカウント ${who} はスマートアカウントです：EIP-7702 のコードは ${known}（${shortHex(code.delegate)}）`),
          detail: text(
            `Your key still signs for this account; calls to it also run ${known}, a published smart-account implementation.${batch && !isMetaMaskDelegator(code.delegate) ? ' MetaMask 13.5 runs batches only through its own delegator and refuses this one ("Account upgraded to unsupported contract").' : ''}`,
            `このアカウントの署名は引き続きあなたの鍵で行います。アカウントへの呼び出しでは公開済みのスマートアカウント実装 ${known} も動きます。${batch && !isMetaMaskDelegator(code.delegate) ? 'MetaMask 13.5 は自身のデリゲーター経由でしかバッチを実行せず、このバッチは拒否します（"Account upgraded to unsupported contract"）。' : ''}`,
          ),
        });
      } else {
        findings.push({
          code: 'eip7702-delegated-account',
          severity: 'danger',
          title: text(
            `Your account ${who} runs the code of ${shortHex(code.delegate)}, neither MetaMask's smart account nor a known smart-account implementation (EIP-7702)`,
            `あなたのアカウント ${who} は ${shortHex(code.delegate)} のコードで動いています（EIP-7702）。MetaMask のスマートアカウントでも既知のスマートアカウント実装でもありません`,
          ),
          detail: text(
            `Everything sent to or done by this account goes through that code. Sweeper contracts are set this way to take every asset that arrives (the 2025 "CrimeEnjoyor" sweepers behind most EIP-7702 delegations, as Wintermute reported).${listed ? " It is on ScamSniffer's scam-address list." : ''} Unless you set it yourself for a wallet you trust, treat the account as compromised: do not send it assets.${batch ? ' MetaMask 13.5 refuses to run a batch from an account upgraded to another contract ("Account upgraded to unsupported contract").' : ''}`,
            `このアカウントへの送金やこのアカウントの操作はすべてそのコードを通ります。スイーパー型コントラクトはこの方法で、届いた資産をすべて持ち去ります（Wintermute が報告した 2025 年の「CrimeEnjoyor」スイーパーが EIP-7702 委任の大半）。${listed ? 'ScamSniffer の詐欺アドレスリストにも載っています。' : ''}信頼するウォレットのために自分で設定したのでなければ、アカウントは乗っ取られたものとして扱い、資産を送らないでください。${batch ? 'MetaMask 13.5 は他のコントラクトにアップグレードされたアカウントからのバッチを拒否します（"Account upgraded to unsupported contract"）。' : ''}`,
          ),
        });
      }
    } else if (code.status === 'no-code' && batch) {
      findings.push({
        code: 'eip7702-batch-upgrade',
        severity: 'info',
        title: text(`If MetaMask carries out this batch, it upgrades ${who} to its smart account (EIP-7702)`, `MetaMask がこのバッチを実行する場合、${who} を MetaMask のスマートアカウントにアップグレードします（EIP-7702）`),
        detail: text(
          `MetaMask 13.5 sends a batch of several calls as one transaction only from a smart account: your account's code is set to point to MetaMask's EIP7702StatelessDeleGator (${shortHex(METAMASK_DELEGATOR)}), which runs only calls you sign. MetaMask decides by chain: where it does not support EIP-7702 it refuses the batch ("EIP-7702 not supported on chain"), and it also refuses for accounts that cannot be upgraded (hardware wallets) or when you declined its smart-account upgrade.`,
          `MetaMask 13.5 は複数の呼び出しのバッチを、スマートアカウントからしか 1 つの取引として送りません：アカウントのコードが MetaMask の EIP7702StatelessDeleGator（${shortHex(METAMASK_DELEGATOR)}）を指すように設定され、あなたが署名した呼び出しだけを実行します。可否はチェーンごとに MetaMask が決めます：EIP-7702 に対応していないチェーンではバッチを拒否し（"EIP-7702 not supported on chain"）、アップグレードできないアカウント（ハードウェアウォレット）や、スマートアカウントへのアップグレードを断った場合も拒否します。`,
        ),
      });
    }
    const result: AnalyzerResult = { findings };
    return result;
  },
};
