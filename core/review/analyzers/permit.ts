import type { Analyzer } from '../analyzer';
import { reviewPermit } from '../typed-data/permit-review';

/** EIP-2612 and DAI-style permit signatures: spender, amount, deadline; unlimited or long-lived to an unknown spender warns, to an EOA is danger. */
export const permitAnalyzer: Analyzer = {
  id: 'permit',
  kinds: ['typed-data'],
  analyze: (ctx) => reviewPermit(ctx, 'permit'),
};
