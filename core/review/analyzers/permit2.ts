import type { Analyzer } from '../analyzer';
import { reviewPermit } from '../typed-data/permit-review';

/** Permit2 PermitSingle / PermitBatch (allowances) and PermitTransferFrom / PermitBatchTransferFrom (one-off transfers). */
export const permit2Analyzer: Analyzer = {
  id: 'permit2',
  kinds: ['typed-data'],
  analyze: (ctx) => reviewPermit(ctx, 'permit2'),
};
