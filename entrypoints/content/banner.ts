import type { Lang } from '@/core/i18n/localized';
import type { PhishingCheckResponse } from '@/core/messages';

interface BannerText {
  title: string;
  body: string;
  dismiss: string;
}

const PHISHING = {
  en: (imitates?: string, list?: PhishingCheckResponse['list']): BannerText => ({
    title: 'Preflight: this site is on the phishing list',
    body: imitates
      ? `It imitates ${imitates}. Do not connect your wallet or sign anything here.`
      : `${list === 'scamsniffer' ? 'ScamSniffer’s phishing-domain list' : 'MetaMask’s phishing list'} names this site. Do not connect your wallet or sign anything here.`,
    dismiss: 'I understand the risk',
  }),
  ja: (imitates?: string, list?: PhishingCheckResponse['list']): BannerText => ({
    title: 'Preflight：このサイトはフィッシングリストに載っています',
    body: imitates
      ? `${imitates} を装っています。ウォレットを接続したり、署名したりしないでください。`
      : `${list === 'scamsniffer' ? 'ScamSniffer のフィッシングドメインリスト' : 'MetaMask のフィッシングリスト'}に載っているサイトです。ウォレットを接続したり、署名したりしないでください。`,
    dismiss: 'リスクを理解しました',
  }),
};

const UNWRAPPABLE: Record<Lang, BannerText> = {
  en: {
    title: 'Preflight cannot review this page’s wallet requests',
    body: 'The page’s wallet provider could not be wrapped (it is frozen or locked). Requests from this page may reach MetaMask without a Preflight review: check them in MetaMask carefully.',
    dismiss: 'OK',
  },
  ja: {
    title: 'Preflight はこのページのウォレットリクエストを確認できません',
    body: 'このページのウォレットプロバイダーをラップできませんでした（凍結またはロックされています）。このページのリクエストは Preflight の確認なしに MetaMask に届く可能性があります。MetaMask で慎重に確認してください。',
    dismiss: 'OK',
  },
};

const BYPASS = {
  en: (method: string): BannerText => ({
    title: 'This page sent a request to MetaMask without a Preflight review',
    body: `${method} went straight to MetaMask. Reject it in MetaMask unless you started it.`,
    dismiss: 'OK',
  }),
  ja: (method: string): BannerText => ({
    title: 'このページは Preflight の確認なしに MetaMask へリクエストを送りました',
    body: `${method} が直接 MetaMask に送られました。心当たりがなければ MetaMask で拒否してください。`,
    dismiss: 'OK',
  }),
};

export type BannerKind = 'phishing' | 'unwrappable' | 'bypass';

/** A page banner in a closed shadow root: the page can neither read nor restyle it. The host carries `data-kind`. */
function showBanner(t: BannerText, kind: BannerKind, testId: string, background: string): HTMLElement {
  const host = document.createElement('preflight-banner');
  host.setAttribute('data-kind', kind);
  host.setAttribute('style', 'all:initial;position:fixed;top:0;left:0;right:0;z-index:2147483647;display:block;');
  const root = host.attachShadow({ mode: 'closed' });
  const box = document.createElement('div');
  box.setAttribute('role', 'alert');
  box.setAttribute('data-testid', testId);
  box.setAttribute(
    'style',
    `font:14px/1.4 system-ui,sans-serif;background:${background};color:#fff;padding:12px 16px;display:flex;gap:12px;align-items:center;justify-content:space-between;box-shadow:0 2px 12px rgba(0,0,0,.4);`,
  );
  const text = document.createElement('div');
  const strong = document.createElement('strong');
  strong.textContent = t.title;
  const p = document.createElement('div');
  p.textContent = t.body;
  text.append(strong, p);
  const button = document.createElement('button');
  button.textContent = t.dismiss;
  button.setAttribute('style', `font:inherit;background:#fff;color:${background};border:0;border-radius:6px;padding:6px 10px;cursor:pointer;`);
  button.addEventListener('click', () => host.remove());
  box.append(text, button);
  root.append(box);
  const attach = () => (document.body ?? document.documentElement).appendChild(host);
  if (document.body) attach();
  else document.addEventListener('DOMContentLoaded', attach, { once: true });
  return host;
}

export function showPhishingBanner(check: PhishingCheckResponse): void {
  showBanner(PHISHING[check.lang](check.imitates, check.list), 'phishing', 'phishing-banner', '#b71c1c');
}

/** The bypass watcher's in-page part: a provider Preflight could not wrap. Shown once per page. */
let unwrappableShown = false;
export function showUnwrappableBanner(lang: Lang): void {
  if (unwrappableShown) return;
  unwrappableShown = true;
  showBanner(UNWRAPPABLE[lang], 'unwrappable', 'unwrappable-banner', '#8a5a00');
}

/**
 * A request reached MetaMask around Preflight (stream guard, MetaMask's listener first). One banner per page; a
 * later request replaces its text, so the newest method is the one named.
 */
let bypassBanner: HTMLElement | undefined;
export function showBypassBanner(lang: Lang, method: string): void {
  bypassBanner?.remove();
  bypassBanner = showBanner(BYPASS[lang](method), 'bypass', 'bypass-banner', '#b71c1c');
}
