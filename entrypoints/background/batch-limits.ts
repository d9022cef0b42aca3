import { onBatchLimitLearned, restoreBatchLimits } from '@/core/chain/batching-http';
import { batchLimitsItem } from '@/components/storage/batch-limits';

/** What this browser session learned of nodes that refuse batches, kept across worker restarts (read at start). */
export function keepBatchLimits(): void {
  void batchLimitsItem.getValue().then(restoreBatchLimits, () => undefined);
  onBatchLimitLearned((all) => void batchLimitsItem.setValue({ ...all }).catch(() => undefined));
}
