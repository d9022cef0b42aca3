import type { Lang } from '@/core/i18n/localized';
import type { PhishingCheckResponse } from '@/core/messages';

interface BannerText {
  title: string;
  body: string;
  dismiss: string;
}

const PHISHING = {
  en: (imitates?: string): BannerText => ({
    title: 'Preflight: this site is on the phishing list',
    body: imitates ? `It imitates ${imitates}. Do not connect your wallet or sign anything here.` : 'MetaMask’s phishing list names this site. Do not connect your wallet or sign anything here.',
    dismiss: 'I understand the risk',
  }),
  ja: (imitates?: string): BannerText => ({
    title: 'Preflight：このサイトはフィッシングリストに載っています',
    body: imitates ? `${imitates} を装っています。ウォレットを接続したり、署名したりしないでください。` : 'MetaMask のフィッシングリストに載っているサイトです。ウォレットを接続したり、署名したりしないでください。',
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

/** A page banner in a closed shadow root: the page can neither read nor restyle it. */
function showBanner(t: BannerText, testId: string, background: string): void {
  const host = document.createElement('preflight-banner');
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
}

export function showPhishingBanner(check: PhishingCheckResponse): void {
  showBanner(PHISHING[check.lang](check.imitates), 'phishing-banner', '#b71c1c');
}

/** The bypass watcher's in-page part: a provider Preflight could not wrap. Shown once per page. */
let unwrappableShown = false;
export function showUnwrappableBanner(lang: Lang): void {
  if (unwrappableShown) return;
  unwrappableShown = true;
  showBanner(UNWRAPPABLE[lang], 'unwrappable-banner', '#8a5a00');
}
