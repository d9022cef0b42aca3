import { text } from '../../i18n/localized';
import type { Analyzer } from '../analyzer';
import { checkDomain, hostnameOf, isTrustedOrigin } from '../phishing';

/**
 * Every request from a page on a phishing list (MetaMask's configuration, a look-alike of a site on its fuzzylist, or
 * ScamSniffer's domain list) is danger, unless the user trusts the origin. One code, `phishing-domain`, for both
 * lists: it means one thing, "the page is a known phishing site"; the text names the list.
 */
export const phishingAnalyzer: Analyzer = {
  id: 'phishing',
  kinds: ['transaction', 'calls', 'typed-data', 'message', 'hash', 'switch-chain', 'add-chain', 'watch-asset'],
  async analyze(ctx) {
    const host = hostnameOf(ctx.request.origin);
    if (!host || isTrustedOrigin(ctx.request.origin, ctx.trustedOrigins)) return undefined;
    const check = await (ctx.checkDomain ?? checkDomain)(host);
    if (!check.phishing) return undefined;
    const source =
      check.list === 'scamsniffer'
        ? text('ScamSniffer’s phishing-domain list names this site.', 'ScamSniffer のフィッシングドメインリストにこのサイトが載っています。')
        : text('MetaMask’s phishing list flags this site.', 'MetaMask のフィッシングリストがこのサイトを警告しています。');
    return {
      findings: [
        {
          code: 'phishing-domain',
          severity: 'danger',
          title: check.match
            ? text(`${host} imitates ${check.match}`, `${host} は ${check.match} を装っています`)
            : text(`${host} is a known phishing site`, `${host} は既知のフィッシングサイトです`),
          detail: text(
            `${source.en} Sites like this copy a real dApp to make you sign away your assets. Close the tab; if you are sure it is safe, mark it as trusted in Settings.`,
            `${source.ja}このようなサイトは本物の dApp を模倣し、資産を渡す署名をさせようとします。タブを閉じてください。安全だと確信できる場合は、設定で信頼済みにしてください。`,
          ),
        },
      ],
    };
  },
};
