/**
 * MetaMask, spoken to from Preflight's own pages and from its background service worker through MetaMask's
 * external extension connection (@metamask/providers' StreamProvider over runtime.connect; see connection.ts).
 * No DOM: the same code runs in the popup and in the worker. Only what is exported here is the API.
 *
 *   import { metaMask } from '@/components/metamask';
 *
 *   await metaMask.request({ method: 'eth_chainId' })                  // '0x7a69': MetaMask's selected network
 *   await metaMask.request({ method: 'eth_call', params: [{ to, data }, 'latest'] })
 *   await metaMask.request({ method: 'eth_getCode', params: [address, 'latest'] })
 *   await metaMask.request({ method: 'eth_feeHistory', params: ['0x14', 'latest', [10, 50, 90]] })
 *   await metaMask.request({ method: 'eth_accounts' })                 // [] until the user connected Preflight
 *   await metaMask.request({ method: 'eth_requestAccounts' })          // opens MetaMask's connect window
 *   await metaMask.request({ method: 'eth_sendTransaction', params: [tx] })  // MetaMask's confirmation → hash
 *   await metaMask.request({ method: 'eth_blockNumber' }, { timeoutMs: 3_000 })
 *
 *   metaMask.request(args, { timeoutMs? }): Promise<T>
 *     Finds MetaMask on first use (below) and keeps the connection while its port stays open. Reads answer from
 *     MetaMask's selected network without asking the user to connect (checked on the vendored 13.5.0);
 *     eth_simulateV1 is refused there (-32601). Default time limit 15 s for reads, none for requests that wait
 *     for the user (INTERACTIVE_METHODS); while those wait, the worker is kept awake. A read whose port had
 *     closed is repeated once on a fresh connection. Rejects with:
 *       MetaMaskNotFoundError (.tried: ids)   no MetaMask answered
 *       MetaMaskRpcError (.code, .data)        MetaMask's own answer: 4001 user rejected, 4100 not connected, -32601 …
 *       MetaMaskDisconnectedError              the port closed while waiting
 *       MetaMaskTimeoutError                   no answer in time
 *   metaMask.find(): Promise<FoundMetaMask>       { extensionId, name?, chainId, connection }
 *   metaMask.discover(): Promise<Discovery>       probes again now: { found?, probes: [{ extensionId, outcome, ms }] }
 *   metaMask.reset()                              forgets the connection (the next call probes again)
 *   probeMetaMask(id, { budgetMs })               one id, one eth_chainId within the budget (Settings uses it)
 *   new MetaMaskConnection(id)                    a connection to one id, without discovery
 *
 * Which MetaMask: the id given in Settings (metaMaskIdItem), the id that answered last time, then the known builds
 * (Chrome Web Store, Edge, Flask, Beta, the test build; Firefox's gecko ids), each probed with eth_chainId within
 * PROBE_BUDGET_MS. A port to an id that is not installed closes within milliseconds.
 */
import { metaMaskIdItem, lastFoundMetaMaskItem } from './extension-id-setting';
import { MetaMask } from './metamask';

export { MetaMask, type MetaMaskOptions } from './metamask';
export { MetaMaskConnection, INTERACTIVE_METHODS, DEFAULT_READ_TIMEOUT_MS, type MetaMaskRequestArgs, type MetaMaskRequestOptions } from './connection';
export { probeMetaMask, discoverMetaMask, PROBE_BUDGET_MS, type FoundMetaMask, type Discovery, type Probe } from './discover';
export { MetaMaskNotFoundError, MetaMaskDisconnectedError, MetaMaskTimeoutError, MetaMaskRpcError } from './errors';
export { metaMaskIdItem, lastFoundMetaMaskItem } from './extension-id-setting';

/** This context's MetaMask (one per popup, one per worker lifetime). */
export const metaMask = new MetaMask({
  browser: import.meta.env.FIREFOX ? 'firefox' : 'chromium',
  customId: async () => (await metaMaskIdItem.getValue()) ?? undefined,
  watchCustomId: (onChange) => void metaMaskIdItem.watch(onChange),
  lastFound: {
    get: async () => (await lastFoundMetaMaskItem.getValue()) ?? undefined,
    set: (id) => lastFoundMetaMaskItem.setValue(id),
  },
});
