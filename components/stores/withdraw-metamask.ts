/**
 * MetaMask as an external extension, spoken to the way @metamask/providers' createExternalExtensionProvider
 * does: runtime.connect(MetaMask's id), object-multiplex frames { name: 'metamask-provider', data: JSON-RPC }.
 * @metamask/providers itself needs Node's `events` and `buffer` in the bundle (Vite externalises them and the
 * build fails), so this is the same wire protocol without the stream stack. The Chromium id is the one in the
 * package's external-extension-config.json (its `exports` do not expose the file); Firefox is not wired.
 */
export const METAMASK_CHROME_ID = 'nkbihfbeogaeaoehlefnkodbefgpgknn';
import { browser } from 'wxt/browser';
import type { Eip1193 } from './withdraw-wallet';

export const METAMASK_STREAM = 'metamask-provider';

export class MetaMaskRpcError extends Error {
  override name = 'MetaMaskRpcError';
  constructor(message: string, readonly code?: number) {
    super(message);
  }
}

interface Frame {
  name?: string;
  data?: { id?: number; result?: unknown; error?: { code?: number; message?: string } };
}

/** A provider over a port to MetaMask; requests reject when the port disconnects (MetaMask absent or closed). */
export function connectMetaMask(extensionId: string = METAMASK_CHROME_ID): Eip1193 {
  const port = browser.runtime.connect(extensionId);
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let closed: Error | undefined;
  let nextId = Math.floor(Math.random() * 1e9);
  port.onMessage.addListener((raw: unknown) => {
    const frame = raw as Frame;
    if (frame?.name !== METAMASK_STREAM || typeof frame.data?.id !== 'number') return;
    const waiter = pending.get(frame.data.id);
    if (!waiter) return;
    pending.delete(frame.data.id);
    if (frame.data.error) waiter.reject(new MetaMaskRpcError(frame.data.error.message ?? 'MetaMask refused the request', frame.data.error.code));
    else waiter.resolve(frame.data.result);
  });
  port.onDisconnect.addListener(() => {
    closed = new MetaMaskRpcError('MetaMask is not installed or closed the connection.');
    for (const w of pending.values()) w.reject(closed);
    pending.clear();
  });
  return {
    request({ method, params }) {
      if (closed) return Promise.reject(closed);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        try {
          port.postMessage({ name: METAMASK_STREAM, data: { jsonrpc: '2.0', id, method, params: params ?? [] } });
        } catch (e) {
          pending.delete(id);
          reject(e instanceof Error ? e : new MetaMaskRpcError(String(e)));
        }
      });
    },
  };
}
