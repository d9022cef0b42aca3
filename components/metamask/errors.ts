/** Errors of the MetaMask connection, each with a stable name and a message the user can act on. */

/**
 * No installed MetaMask answered on any id tried. `silent`: ids whose port stayed open without an answer — an
 * extension is installed there but did not answer in time (MetaMask starting after the browser opened, or busy).
 */
export class MetaMaskNotFoundError extends Error {
  override name = 'MetaMaskNotFoundError';
  constructor(readonly tried: readonly string[], readonly silent: readonly string[] = []) {
    super(silent.length > 0
      ? `MetaMask (${silent.join(', ')}) is installed but did not answer yet: it may still be starting. Try again in a moment.`
      : `MetaMask did not answer (tried ${tried.length} extension id${tried.length === 1 ? '' : 's'}). Install or enable MetaMask, or enter its extension id in Settings → MetaMask.`);
  }
}

/** The port to MetaMask closed (MetaMask missing, disabled, reloaded, or its worker restarted). */
export class MetaMaskDisconnectedError extends Error {
  override name = 'MetaMaskDisconnectedError';
  constructor(readonly extensionId: string, detail?: string) {
    super(`The connection to MetaMask (${extensionId}) closed${detail ? `: ${detail}` : ''}. Check that MetaMask is installed and enabled, then try again.`);
  }
}

/** MetaMask did not answer within the time given. */
export class MetaMaskTimeoutError extends Error {
  override name = 'MetaMaskTimeoutError';
  constructor(readonly method: string, readonly ms: number) {
    super(`MetaMask did not answer ${method} within ${(ms / 1000).toFixed(1)} s. Unlock MetaMask or check that it is enabled, then try again.`);
  }
}

/** MetaMask answered with a JSON-RPC error: 4001 the user rejected, 4100 not connected, -32601 not available to extensions, … */
export class MetaMaskRpcError extends Error {
  override name = 'MetaMaskRpcError';
  constructor(message: string, readonly code: number | undefined, readonly data?: unknown) {
    super(message);
  }
  get userRejected(): boolean {
    return this.code === 4001;
  }
}
