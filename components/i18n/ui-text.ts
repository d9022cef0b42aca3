import type { Lang } from '@/core/i18n/localized';

/** Fixed UI strings. Findings and summaries come localized from core/. */
const STRINGS = {
  appName: { en: 'Preflight', ja: 'Preflight' },
  checking: { en: 'Checking this request…', ja: 'このリクエストを確認しています…' },
  verdict_ok: { en: 'Looks normal', ja: '通常の内容です' },
  verdict_caution: { en: 'Take care', ja: '注意してください' },
  verdict_danger: { en: 'Danger: do not sign unless you are sure', ja: '危険：確信がない限り署名しないでください' },
  verdict_error: { en: 'Could not finish the check', ja: '確認を完了できませんでした' },
  errorHint: { en: 'You can still continue. Check the request in MetaMask yourself.', ja: '続行はできます。MetaMask で内容をご自身で確認してください。' },
  continue: { en: 'Continue to MetaMask', ja: 'MetaMask へ進む' },
  reject: { en: 'Reject', ja: '拒否' },
  close: { en: 'Close (rejects the request)', ja: '閉じる（リクエストを拒否）' },
  applyFees: { en: 'Use the recommended fees', ja: '推奨の手数料を使う' },
  youSend: { en: 'You send', ja: '送るもの' },
  youReceive: { en: 'You receive', ja: '受け取るもの' },
  from: { en: 'from', ja: '送信元' },
  findings: { en: 'Findings', ja: '検出事項' },
  noFindings: { en: 'Nothing unusual found.', ja: '特に問題は見つかりませんでした。' },
  companionTitle: { en: 'Now confirm in MetaMask', ja: 'MetaMask で確認してください' },
  companionHint: { en: 'Check that MetaMask shows the same request. This card closes when MetaMask answers.', ja: 'MetaMask に同じ内容が表示されているか確認してください。MetaMask が応答するとこのカードは閉じます。' },
  companionAssets: { en: 'MetaMask should show', ja: 'MetaMask に表示されるべき内容' },
  companionFees: { en: 'Fees to enter under Edit fees → Advanced (max fee / priority fee)', ja: '手数料の編集 → 詳細設定で入力する値（最大手数料／優先手数料）' },
  rejected: { en: 'Rejected. The site was told you declined.', ja: '拒否しました。サイトには拒否したことが伝えられます。' },
  slow: { en: 'Still checking: the node is slow.', ja: 'まだ確認中です：ノードの応答が遅れています。' },
  took: { en: 'checked in', ja: '確認時間' },
  tabGas: { en: 'Gas', ja: 'ガス' },
  tabReviews: { en: 'Reviews', ja: '履歴' },
  tabWithdraw: { en: 'Withdraw', ja: '出金' },
  tabSettings: { en: 'Settings', ja: '設定' },
  noReviews: { en: 'No requests reviewed yet.', ja: 'まだ確認したリクエストはありません。' },
  decision_continue: { en: 'continued', ja: '続行' },
  decision_reject: { en: 'rejected', ja: '拒否' },
  decision_none: { en: 'no decision', ja: '未決定' },
  language: { en: 'Language', ja: '言語' },
  fiat: { en: 'Currency', ja: '通貨' },
  rpcTitle: { en: 'RPC nodes', ja: 'RPC ノード' },
  rpcHint: { en: 'Your node is tried first; public nodes are the fallback. Preflight talks to nothing else.', ja: 'ご自身のノードを最初に使い、公開ノードを予備にします。Preflight はこれ以外と通信しません。' },
  rpcPublic: { en: 'public fallbacks', ja: '公開ノード（予備）' },
  rpcProtected: { en: 'sends privately (MEV-protected)', ja: 'プライベート送信（MEV 保護）' },
  rpcOnlyMine: { en: 'only my RPC (private)', ja: '自分の RPC のみ（プライベート）' },
  save: { en: 'Save', ja: '保存' },
  saved: { en: 'Saved', ja: '保存しました' },
  trustedOrigins: { en: 'Trusted sites (one per line)', ja: '信頼するサイト（1 行に 1 つ）' },
  trustedSpenders: { en: 'Trusted spenders (one address per line)', ja: '信頼する承認先（1 行に 1 アドレス）' },
  loading: { en: 'Loading…', ja: '読み込み中…' },
} as const satisfies Record<string, Record<Lang, string>>;

export type UiKey = keyof typeof STRINGS;

export function t(lang: Lang, key: UiKey): string {
  return STRINGS[key][lang];
}
