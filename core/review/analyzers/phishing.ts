import { text } from '../../i18n/localized';
import type { Analyzer } from '../analyzer';
import { checkDomain, hostnameOf, isTrustedOrigin } from '../phishing';

/** Every request from a page on MetaMask's phishing list (or imitating a listed site) is danger, unless the user trusts the origin. */
export const phishingAnalyzer: Analyzer = {
  id: 'phishing',
  kinds: ['transaction', 'calls', 'typed-data', 'message', 'hash', 'switch-chain', 'add-chain', 'watch-asset'],
  analyze(ctx) {
    const host = hostnameOf(ctx.request.origin);
    if (!host || isTrustedOrigin(ctx.request.origin, ctx.trustedOrigins)) return undefined;
    const check = checkDomain(host);
    if (!check.phishing) return undefined;
    return {
      findings: [
        {
          code: 'phishing-domain',
          severity: 'danger',
          title: check.match
            ? text(`${host} imitates ${check.match}`, `${host} は ${check.match} を装っています`)
            : text(`${host} is a known phishing site`, `${host} は既知のフィッシングサイトです`),
          detail: text(
            'MetaMask’s phishing list flags this site. Sites like this copy a real dApp to make you sign away your assets. Close the tab; if you are sure it is safe, mark it as trusted in Settings.',
            'MetaMask のフィッシングリストがこのサイトを警告しています。このようなサイトは本物の dApp を模倣し、資産を渡す署名をさせようとします。タブを閉じてください。安全だと確信できる場合は、設定で信頼済みにしてください。',
          ),
        },
      ],
    };
  },
};
