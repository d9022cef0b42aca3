import type { IDBPDatabase } from 'idb';
import type { FeeChunk, FeeHistoryStorage, HistoryMeta } from '../gas/history';
import type { PreflightSchema } from './db';

/** The gas engine's fee-history storage on Preflight's IndexedDB: survives worker and browser restarts. */
export class IdbFeeHistoryStorage implements FeeHistoryStorage {
  constructor(private readonly db: () => Promise<IDBPDatabase<PreflightSchema>>) {}

  async getMeta(chainId: number): Promise<HistoryMeta | undefined> {
    return (await this.db()).get('feeMeta', chainId);
  }
  async putMeta(meta: HistoryMeta): Promise<void> {
    await (await this.db()).put('feeMeta', meta);
  }
  async getChunk(chainId: number, index: number): Promise<FeeChunk | undefined> {
    return (await this.db()).get('feeChunks', [chainId, index]);
  }
  async putChunk(chunk: FeeChunk): Promise<void> {
    await (await this.db()).put('feeChunks', chunk);
  }
  async deleteChunk(chainId: number, index: number): Promise<void> {
    await (await this.db()).delete('feeChunks', [chainId, index]);
  }
  async listChunks(chainId: number): Promise<number[]> {
    const chunks = await (await this.db()).getAllKeysFromIndex('feeChunks', 'chainId', chainId);
    return chunks.map((k) => k[1]).sort((a, b) => a - b);
  }
}
