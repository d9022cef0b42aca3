import { text } from '../../i18n/localized';
import type { Analyzer } from '../analyzer';
import { counterpartiesOf } from '../counterparties';
import { shortHex } from '../format';
import type { Finding } from '../types';

const ROLE_JA: Record<string, string> = {
  spender: '使用者',
  operator: 'オペレーター',
  recipient: '受取人',
  'contract called': '呼び出すコントラクト',
  verifyingContract: '署名先コントラクト',
  delegate: '委任先',
};

/**
 * Spenders, operators, permit spenders, order takers and receivers, recipients and called contracts matched against
 * the public scam-address list kept on this computer (ReviewDeps.scamAddresses). The match is local: the list is
 * fetched whole, and nothing about the request leaves the machine.
 */
export const scamAddressAnalyzer: Analyzer = {
  id: 'scam-address',
  kinds: ['transaction', 'calls', 'typed-data'],
  analyze(ctx) {
    const list = ctx.scamAddresses;
    if (!list || list.size === 0) return undefined;
    const hits = counterpartiesOf(ctx.parsed).filter((c) => list.has(c.address));
    if (hits.length === 0) return undefined;
    const findings: Finding[] = hits.map((h) => ({
      code: 'known-scam-address',
      severity: 'danger',
      title: text(`The ${h.role} ${shortHex(h.address)} is on ScamSniffer's scam-address list`, `${ROLE_JA[h.role] ?? h.role}（${shortHex(h.address)}）は ScamSniffer の詐欺アドレスリストに載っています`),
      detail: text(
        `${h.address} was reported as a drainer or phishing address (ScamSniffer's public list, kept on this computer). Do not sign: whatever you approve, send or sign to it is likely stolen.`,
        `${h.address} はドレイナーまたはフィッシングのアドレスとして報告されています（ScamSniffer の公開リスト、この端末に保存）。署名しないでください：承認・送金・署名したものは盗まれる可能性が高いです。`,
      ),
    }));
    return { findings };
  },
};
