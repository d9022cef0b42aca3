import { count } from '../../format/count';
import { text } from '../../i18n/localized';
import type { Analyzer } from '../analyzer';
import { describeCall } from '../call-description';

const MAX_ROWS = 20;

/**
 * wallet_sendCalls: every call in a line, in order (each is also reviewed by the approval, transfer and balance
 * checks, and the whole batch is simulated as one sequence by the simulation check).
 */
export const batchAnalyzer: Analyzer = {
  id: 'batch',
  kinds: ['calls'],
  async analyze(ctx) {
    if (ctx.parsed.kind !== 'calls') return undefined;
    const calls = ctx.parsed.calls;
    const lines = await Promise.all(calls.slice(0, MAX_ROWS).map((c) => describeCall(ctx, c)));
    const n = count(calls.length, 'call');
    const more = calls.length > MAX_ROWS ? text(`and ${calls.length - MAX_ROWS} more`, `ほか ${calls.length - MAX_ROWS} 件`) : undefined;
    return {
      summary: text(`Batch of ${n.en}: ${lines.map((l) => l.en).join('; ')}${more ? `; ${more.en}` : ''}`, `${n.ja}のバッチ：${lines.map((l) => l.ja).join('、')}${more ? `、${more.ja}` : ''}`),
      cards: [
        {
          kind: 'batch',
          title: text(`Batch of ${n.en}, run in this order`, `${n.ja}のバッチ（この順に実行）`),
          rows: lines.map((l, i) => ({ label: text(`${i + 1}`, `${i + 1}`), value: l })),
          note: more,
        },
      ],
    };
  },
};
