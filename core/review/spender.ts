import type { Address } from 'viem';
import { text } from '../i18n/localized';
import type { ReviewContext } from './analyzer';
import { hasCode, isTrustedSpender } from './chain-reads';
import { contractAge, describeAge, type ContractAge } from './contract-age';
import { gasChain } from '../gas/chains';
import { nameAddress } from './format';
import { isKnownContract, labelOf } from './labels';
import type { Finding } from './types';

export interface SpenderCheck {
  address: Address;
  label?: string;
  /** "0x1234…abcd (Uniswap V2 Router)" */
  name: string;
  /** Marked trusted by the user, or a well-known contract. */
  trusted: boolean;
  /** Age / kind from the chain; undefined without chain access or for trusted spenders. */
  age?: ContractAge;
}

/** The age search gives up after this long (slow RPC): the rest of the approval review must still arrive in time. */
const AGE_BUDGET_MS = 1_500;

/** Who a spender is: trusted or known (no chain reads), else an EOA, an old contract or a new one. */
export async function checkSpender(ctx: ReviewContext, address: Address): Promise<SpenderCheck> {
  const label = labelOf(address, ctx.labels);
  const name = nameAddress(address, label);
  const trusted = isTrustedSpender(ctx, address) || isKnownContract(address, ctx.labels);
  if (trusted || !ctx.client) return { address, label, name, trusted };
  const timeout = new Promise<ContractAge>((resolve) => {
    const timer = setTimeout(() => resolve({ status: 'unknown', reason: `no answer within ${AGE_BUDGET_MS} ms` }), AGE_BUDGET_MS);
    ctx.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  });
  // The EOA check is one call of its own, so a slow age search can never hide a personal-account spender.
  // (The age search's first round takes the same read rather than asking the node twice.)
  const codeNow = hasCode(ctx, address);
  const [code, age] = await Promise.all([codeNow.catch(() => undefined), Promise.race([contractAge(ctx.client, address, { hasCodeNow: codeNow, blockTimeSeconds: gasChain(ctx.request.chainId).blockTimeSeconds }), timeout])]);
  return { address, label, name, trusted, age: code === false ? { status: 'eoa' } : age };
}

/** `new-spender-contract`: the spender (operator, permit spender) is a contract deployed in the last 7 days. */
export function newContractFinding(s: SpenderCheck): Finding | undefined {
  if (s.age?.status !== 'new') return undefined;
  const age = describeAge(s.age.ageSeconds);
  return {
    code: 'new-spender-contract',
    severity: 'warn',
    title: text(`${s.name} is a contract deployed only ${age.en} ago`, `${s.name} はわずか ${age.ja}前にデプロイされたコントラクトです`),
    detail: text(
      'Drainers deploy fresh contracts for each campaign. Established dApps rarely ask you to approve a contract this new; check the address on the project’s official site.',
      'ドレイナーはキャンペーンごとに新しいコントラクトをデプロイします。定評ある dApp がこれほど新しいコントラクトへの承認を求めることはまれです。プロジェクトの公式サイトでアドレスを確認してください。',
    ),
  };
}

/** A short line for cards: "contract, deployed 3 days ago" / "age unknown (the RPC serves no history)". */
export function spenderKind(s: SpenderCheck): { en: string; ja: string } {
  if (s.trusted) return { en: 'known contract', ja: '既知のコントラクト' };
  switch (s.age?.status) {
    case undefined:
      return { en: 'not checked (no RPC)', ja: '未確認（RPC なし）' };
    case 'eoa':
      return { en: 'personal account (EOA)', ja: '個人アカウント（EOA）' };
    case 'old':
      return { en: 'contract, deployed more than 7 days ago', ja: '7 日以上前にデプロイされたコントラクト' };
    case 'new': {
      const a = describeAge(s.age.ageSeconds);
      return { en: `contract, deployed ${a.en} ago`, ja: `${a.ja}前にデプロイされたコントラクト` };
    }
    case 'unknown':
      return { en: 'contract age unknown (the RPC serves no historical state)', ja: 'コントラクトの作成時期は不明（RPC が過去の状態を提供していません）' };
  }
}
