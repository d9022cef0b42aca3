import { text } from '../../i18n/localized';
import type { Analyzer } from '../analyzer';

/** eth_sign signs arbitrary bytes: a 32-byte hash can be a transaction or a permit the user cannot see. */
export const ethSignAnalyzer: Analyzer = {
  id: 'eth-sign',
  kinds: ['hash'],
  analyze(ctx) {
    if (ctx.parsed.kind !== 'hash') return undefined;
    const isHash = ctx.parsed.hash.length === 66;
    return {
      findings: [
        {
          code: 'eth-sign',
          severity: 'danger',
          title: text('Blind signature (eth_sign)', 'ブラインド署名（eth_sign）'),
          detail: text(
            isHash
              ? 'You would sign a raw 32-byte hash. It can stand for a transaction or an approval that moves your assets, and nothing can show you which. No honest dApp needs this.'
              : 'eth_sign signs raw bytes that no wallet can show you in a readable form. No honest dApp needs this.',
            isHash
              ? '生の 32 バイトのハッシュに署名しようとしています。資産を動かす取引や承認を表している可能性があり、それが何かを表示する手段はありません。正当な dApp がこれを必要とすることはありません。'
              : 'eth_sign は、どのウォレットでも読める形で表示できない生のバイト列に署名します。正当な dApp がこれを必要とすることはありません。',
          ),
        },
      ],
    };
  },
};
