/**
 * Finding the installed MetaMask without assuming one extension id: each candidate id (core/metamask/extension-ids)
 * is asked eth_chainId over its own connection, one after the other, each within a short budget. A port to an
 * id that is not installed closes at once (a few ms), so a browser without MetaMask is told so quickly; an
 * installed extension that does not answer costs at most the budget.
 */
import { candidateIds, metaMaskName, type BrowserFamily } from '@/core/metamask/extension-ids';
import { MetaMaskConnection, type Connect } from './connection';

/** How long one id may take to answer eth_chainId. MetaMask answers in well under 100 ms when present. */
export const PROBE_BUDGET_MS = 1_500;

export interface FoundMetaMask {
  connection: MetaMaskConnection;
  extensionId: string;
  /** "MetaMask (Chrome Web Store)"…; undefined for an id given in Settings that is no known build. */
  name?: string;
  /** MetaMask's selected network for this origin when found (0x-hex). */
  chainId: string;
}

export interface Probe {
  extensionId: string;
  /** What happened: answered, the port closed (not installed / disabled), timed out, or MetaMask refused. */
  outcome: 'answered' | 'disconnected' | 'timeout' | 'error';
  ms: number;
  detail?: string;
}

export type Discovery = { found: FoundMetaMask; probes: Probe[] } | { found: undefined; probes: Probe[] };

/** Asks one id for eth_chainId within the budget; the connection stays open when it answered, and is closed otherwise. */
export async function probeMetaMask(extensionId: string, opts: { budgetMs?: number; connect?: Connect; now?: () => number } = {}): Promise<{ found?: FoundMetaMask; probe: Probe }> {
  const now = opts.now ?? (() => performance.now());
  const started = now();
  let connection: MetaMaskConnection;
  try {
    connection = new MetaMaskConnection(extensionId, opts.connect);
  } catch (e) {
    // runtime.connect throws at once for a malformed id.
    return { probe: { extensionId, outcome: 'error', ms: now() - started, detail: e instanceof Error ? e.message : String(e) } };
  }
  try {
    const chainId = await connection.request<string>({ method: 'eth_chainId' }, { timeoutMs: opts.budgetMs ?? PROBE_BUDGET_MS });
    if (typeof chainId !== 'string' || !/^0x[0-9a-f]+$/i.test(chainId)) throw new Error(`eth_chainId answered ${JSON.stringify(chainId)}`);
    const name = metaMaskName(extensionId);
    return { found: { connection, extensionId, chainId, ...(name ? { name } : {}) }, probe: { extensionId, outcome: 'answered', ms: now() - started } };
  } catch (e) {
    connection.close();
    const name = e instanceof Error ? e.name : '';
    const outcome = name === 'MetaMaskDisconnectedError' ? 'disconnected' : name === 'MetaMaskTimeoutError' ? 'timeout' : 'error';
    return { probe: { extensionId, outcome, ms: now() - started, detail: e instanceof Error ? e.message : String(e) } };
  }
}

/** The first candidate that answers, in order: the id from Settings, the one found last time, the known builds. */
export async function discoverMetaMask(opts: { browser: BrowserFamily; custom?: string; lastFound?: string; budgetMs?: number; connect?: Connect }): Promise<Discovery> {
  const probes: Probe[] = [];
  for (const id of candidateIds(opts.browser, { custom: opts.custom, lastFound: opts.lastFound })) {
    const { found, probe } = await probeMetaMask(id, opts);
    probes.push(probe);
    if (found) return { found, probes };
  }
  return { found: undefined, probes };
}
