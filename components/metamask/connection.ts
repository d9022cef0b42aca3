/**
 * One connection to an installed MetaMask, as @metamask/providers' createExternalExtensionProvider builds it:
 * runtime.connect(MetaMask's id) → extension-port-stream → object-multiplex → the `metamask-provider` substream
 * → StreamProvider (EIP-1193, with the package's id-remap middleware). Built from the same classes rather than
 * by calling createExternalExtensionProvider so that (1) the id is the one found, not a fixed "stable" one,
 * (2) a port to a missing extension is noticed at once (its lastError read, pending requests rejected; the
 * package leaves them pending forever), and (3) probing ids that are not installed logs nothing at error level.
 * No DOM: it runs in the popup and in the background service worker alike.
 */
import { browser } from 'wxt/browser';
import { MetaMaskInpageProviderStreamName, StreamProvider } from '@metamask/providers';
import { createIdRemapMiddleware } from '@metamask/json-rpc-engine';
import ObjectMultiplex from '@metamask/object-multiplex';
import PortDuplexStream from 'extension-port-stream';
import { pipeline } from 'readable-stream';
import { MetaMaskDisconnectedError, MetaMaskRpcError, MetaMaskTimeoutError } from './errors';

export interface MetaMaskRequestArgs {
  method: string;
  params?: readonly unknown[] | Record<string, unknown>;
}

export interface MetaMaskRequestOptions {
  /** Give up after this long (MetaMaskTimeoutError). Default: 15 s for reads; none for requests that wait for the user. */
  timeoutMs?: number;
}

/** Requests that open a MetaMask window and wait for the user: no default time limit. */
export const INTERACTIVE_METHODS: ReadonlySet<string> = new Set([
  'eth_requestAccounts', 'wallet_requestPermissions', 'eth_sendTransaction', 'wallet_sendCalls', 'eth_sign', 'personal_sign',
  'eth_signTypedData', 'eth_signTypedData_v1', 'eth_signTypedData_v3', 'eth_signTypedData_v4',
  'wallet_switchEthereumChain', 'wallet_addEthereumChain', 'wallet_watchAsset',
]);
export const DEFAULT_READ_TIMEOUT_MS = 15_000;
/**
 * While a request waits for the user, an extension API call this often keeps Chrome from stopping an idle
 * service worker (its 30 s idle timer is reset by extension API calls), so MetaMask's answer finds the worker.
 */
const KEEP_AWAKE_MS = 20_000;

/** The package's logger, one level down: a probe of an id that is not installed is expected, not an error. */
const debug = (...args: unknown[]) => console.debug(...args);
const quietLogger = { debug, info: debug, log: debug, warn: debug, error: debug, trace: debug };

/** A port as runtime.connect returns it (the slice used here; injectable for tests). */
export interface PortLike {
  onMessage: { addListener(cb: (message: unknown) => void): void };
  onDisconnect: { addListener(cb: () => void): void };
  postMessage(message: unknown): void;
  disconnect(): void;
}

export type Connect = (extensionId: string) => PortLike;

const connectRuntime: Connect = (extensionId) => browser.runtime.connect(extensionId) as unknown as PortLike;

function rpcErrorOf(e: unknown): Error {
  if (e instanceof Error && 'code' in e && typeof (e as { code: unknown }).code === 'number') {
    return new MetaMaskRpcError(e.message, (e as { code: number }).code, (e as { data?: unknown }).data);
  }
  if (typeof e === 'object' && e !== null && 'message' in e) {
    const o = e as { message: unknown; code?: unknown; data?: unknown };
    return new MetaMaskRpcError(String(o.message), typeof o.code === 'number' ? o.code : undefined, o.data);
  }
  return e instanceof Error ? e : new MetaMaskRpcError(String(e), undefined);
}

export class MetaMaskConnection {
  readonly extensionId: string;
  readonly #port: PortLike;
  readonly #provider: StreamProvider;
  #closed: MetaMaskDisconnectedError | undefined;
  readonly #onClose = new Set<(e: MetaMaskDisconnectedError) => void>();
  #interactive = 0;
  #keepAwake: ReturnType<typeof setInterval> | undefined;

  constructor(extensionId: string, connect: Connect = connectRuntime) {
    this.extensionId = extensionId;
    this.#port = connect(extensionId);
    // Listening here, before the stream does, reads lastError ("Could not establish connection…") so the
    // browser does not report it as unchecked, and rejects what is pending.
    this.#port.onDisconnect.addListener(() => {
      const detail = (browser?.runtime as { lastError?: { message?: string } } | undefined)?.lastError?.message;
      this.#fail(new MetaMaskDisconnectedError(extensionId, detail));
    });
    const portStream = new PortDuplexStream(this.#port as never);
    const mux = new ObjectMultiplex();
    pipeline(portStream, mux, portStream, (error?: Error | null) => this.#fail(new MetaMaskDisconnectedError(extensionId, error?.message)));
    this.#provider = new StreamProvider(mux.createStream(MetaMaskInpageProviderStreamName), {
      logger: quietLogger,
      rpcMiddleware: [createIdRemapMiddleware()],
    });
    this.#provider.on('disconnect', (error: unknown) => this.#fail(new MetaMaskDisconnectedError(extensionId, error instanceof Error ? error.message : undefined)));
    // The package's contract: initialize after construction (reads metamask_getProviderState; failures are logged, quietly).
    void this.#provider.initialize().catch(() => undefined);
  }

  /** True once the port closed; a closed connection answers every request with MetaMaskDisconnectedError. */
  get closed(): boolean {
    return this.#closed !== undefined;
  }

  /** Called once when the connection closes (at once if it already has). */
  onClose(cb: (e: MetaMaskDisconnectedError) => void): void {
    if (this.#closed) cb(this.#closed);
    else this.#onClose.add(cb);
  }

  /** EIP-1193 request. Rejects with MetaMaskRpcError (MetaMask's answer), MetaMaskDisconnectedError or MetaMaskTimeoutError. */
  request<T = unknown>(args: MetaMaskRequestArgs, opts: MetaMaskRequestOptions = {}): Promise<T> {
    if (this.#closed) return Promise.reject(this.#closed);
    const interactive = INTERACTIVE_METHODS.has(args.method);
    const timeoutMs = opts.timeoutMs ?? (interactive ? undefined : DEFAULT_READ_TIMEOUT_MS);
    return new Promise<T>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      let done = false;
      const settle = (fn: () => void) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        this.#onClose.delete(onClose);
        if (interactive) this.#awake(-1);
        fn();
      };
      const onClose = (e: MetaMaskDisconnectedError) => settle(() => reject(e));
      this.#onClose.add(onClose);
      if (interactive) this.#awake(1);
      if (timeoutMs !== undefined) timer = setTimeout(() => settle(() => reject(new MetaMaskTimeoutError(args.method, timeoutMs))), timeoutMs);
      this.#provider.request({ method: args.method, ...(args.params !== undefined ? { params: args.params as never } : {}) }).then(
        (result) => settle(() => resolve(result as T)),
        (e: unknown) => settle(() => reject(rpcErrorOf(e))),
      );
    });
  }

  /** Closes the port (pending requests reject with MetaMaskDisconnectedError). */
  close(): void {
    if (this.#closed) return;
    this.#fail(new MetaMaskDisconnectedError(this.extensionId, 'closed by Preflight'));
    try {
      this.#port.disconnect();
    } catch {
      // already gone
    }
  }

  #fail(error: MetaMaskDisconnectedError): void {
    if (this.#closed) return;
    this.#closed = error;
    const waiting = [...this.#onClose];
    this.#onClose.clear();
    for (const cb of waiting) cb(error);
  }

  #awake(delta: number): void {
    this.#interactive += delta;
    if (this.#interactive > 0 && this.#keepAwake === undefined) {
      this.#keepAwake = setInterval(() => void browser?.runtime?.getPlatformInfo().catch(() => undefined), KEEP_AWAKE_MS);
    } else if (this.#interactive <= 0 && this.#keepAwake !== undefined) {
      clearInterval(this.#keepAwake);
      this.#keepAwake = undefined;
    }
  }
}
