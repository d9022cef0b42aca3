import { chainName, nativeSymbol } from '../chain/chains';
import { count } from '../format/count';
import { text, type Localized } from '../i18n/localized';
import { labelOf } from './labels';
import { formatAmount, nameAddress, shortHex } from './format';
import type { ParsedRequest } from './request';
import type { SigningRequest } from './types';

/** A plain sentence for any request, used when no analyzer gave a more specific one. */
export function describeRequest(parsed: ParsedRequest, request: SigningRequest, labels?: Readonly<Record<string, string>>): Localized {
  const chain = chainName;
  switch (parsed.kind) {
    case 'transaction': {
      const { to, value, data } = parsed.tx;
      const amount = `${formatAmount(value, 18)} ${nativeSymbol(request.chainId)}`;
      if (!to) return text('Deploy a new contract', '新しいコントラクトをデプロイ');
      const who = nameAddress(to, labelOf(to, labels));
      if (data === '0x') return text(`Send ${amount} to ${who}`, `${who} に ${amount} を送金`);
      const selector = data.slice(0, 10);
      return value > 0n
        ? text(`Call ${who} (function ${selector}) and send ${amount}`, `${who} を呼び出し（関数 ${selector}）、${amount} を送金`)
        : text(`Call ${who} (function ${selector})`, `${who} を呼び出し（関数 ${selector}）`);
    }
    case 'calls':
      return text(`Send a batch of ${count(parsed.calls.length, 'call').en}`, `${parsed.calls.length} 件の呼び出しをまとめて送信`);
    case 'typed-data': {
      const what = parsed.data?.primaryType ?? 'typed data';
      const where = parsed.data?.domain.name ?? (parsed.data?.domain.verifyingContract ? shortHex(parsed.data.domain.verifyingContract) : request.origin);
      return text(`Sign "${what}" for ${where}`, `${where} の「${what}」に署名`);
    }
    case 'message':
      return text('Sign a message', 'メッセージに署名');
    case 'hash':
      return text(`Sign the raw hash ${shortHex(parsed.hash)}`, `生のハッシュ ${shortHex(parsed.hash)} に署名`);
    case 'switch-chain':
      return text(`Switch the wallet to ${chain(parsed.chainId)}`, `ウォレットを ${chain(parsed.chainId)} に切り替え`);
    case 'add-chain':
      return text(`Add network ${parsed.chainName ?? chain(parsed.chainId)} (id ${parsed.chainId})`, `ネットワーク ${parsed.chainName ?? chain(parsed.chainId)}（ID ${parsed.chainId}）を追加`);
    case 'watch-asset':
      return text(`Add token ${parsed.symbol ?? ''} ${parsed.address ? shortHex(parsed.address) : ''} to the wallet`.replace(/\s+/g, ' '), `トークン ${parsed.symbol ?? ''} ${parsed.address ? shortHex(parsed.address) : ''} をウォレットに追加`.replace(/\s+/g, ' '));
  }
}
