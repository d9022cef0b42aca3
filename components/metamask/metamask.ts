/**
 * The MetaMask of this browser, found once and kept while its port stays open: `find()` discovers it (or throws
 * MetaMaskNotFoundError listing the ids tried), `request()` sends one EIP-1193 request through it and, for a read
 * whose port had closed meanwhile (MetaMask's worker restarted, the extension was reloaded), finds it again once.
 */
import type { BrowserFamily } from '@/core/metamask/extension-ids';
import type { Connect, MetaMaskRequestArgs, MetaMaskRequestOptions } from './connection';
import { INTERACTIVE_METHODS } from './connection';
import { discoverMetaMask, type Discovery, type FoundMetaMask } from './discover';
import { MetaMaskNotFoundError } from './errors';

export interface MetaMaskOptions {
  browser: BrowserFamily;
  /** The id the user gave in Settings, if any. */
  customId(): Promise<string | undefined>;
  /** Where the id that answered is remembered (tried early next time). */
  lastFound: { get(): Promise<string | undefined>; set(id: string): Promise<void> };
  /** Calls back when the id in Settings changes (the kept connection is then dropped and MetaMask found again). */
  watchCustomId?(onChange: () => void): void;
  budgetMs?: number;
  connect?: Connect;
}

export class MetaMask {
  #found: Promise<FoundMetaMask> | undefined;
  #watching = false;
  #userFlows = 0;

  constructor(private readonly opts: MetaMaskOptions) {}

  /** Probes the candidate ids now (closing any connection kept so far) and keeps the one that answered. */
  async discover(): Promise<Discovery> {
    this.reset();
    if (!this.#watching && this.opts.watchCustomId) {
      this.#watching = true;
      this.opts.watchCustomId(() => this.reset());
    }
    const [custom, lastFound] = await Promise.all([this.opts.customId(), this.opts.lastFound.get()]);
    const discovery = await discoverMetaMask({ browser: this.opts.browser, custom, lastFound, budgetMs: this.opts.budgetMs, connect: this.opts.connect });
    if (discovery.found) {
      const found = discovery.found;
      this.#keep(found);
      if (found.extensionId !== lastFound) await this.opts.lastFound.set(found.extensionId).catch(() => undefined);
    }
    return discovery;
  }

  /** The connected MetaMask (found now if no open connection is kept). Throws MetaMaskNotFoundError. */
  find(): Promise<FoundMetaMask> {
    if (!this.#found) {
      const finding = this.discover().then((d) => {
        if (!d.found) throw new MetaMaskNotFoundError(d.probes.map((p) => p.extensionId), d.probes.filter((p) => p.outcome === 'timeout').map((p) => p.extensionId));
        return d.found;
      });
      this.#found = finding;
      finding.catch(() => {
        if (this.#found === finding) this.#found = undefined;
      });
    }
    return this.#found;
  }

  /** One EIP-1193 request through the found MetaMask; see MetaMaskConnection.request for the errors. */
  async request<T = unknown>(args: MetaMaskRequestArgs, opts?: MetaMaskRequestOptions): Promise<T> {
    if (INTERACTIVE_METHODS.has(args.method)) return this.userFlow(() => this.#request<T>(args, opts));
    return this.#request<T>(args, opts);
  }

  /**
   * Runs `flow` (requests that lead to one of MetaMask's windows, and the checks before them) as one user flow:
   * `waitingForUser` is true until it ends. Chain reads must not switch MetaMask's network meanwhile: MetaMask 13.5
   * turns even a permitted switch into a prompt then ("Switching networks will cancel all pending confirmations"),
   * and a switch between a flow's chain check and its send would move the send to another network.
   */
  async userFlow<T>(flow: () => Promise<T>): Promise<T> {
    this.#userFlows++;
    try {
      return await flow();
    } finally {
      this.#userFlows--;
    }
  }

  /** True while a request of Preflight's own waits for the user in MetaMask (or is about to be sent there). */
  get waitingForUser(): boolean {
    return this.#userFlows > 0;
  }

  async #request<T>(args: MetaMaskRequestArgs, opts?: MetaMaskRequestOptions): Promise<T> {
    const found = await this.find();
    try {
      return await found.connection.request<T>(args, opts);
    } catch (e) {
      // A read on a port that closed under us is safe to repeat once on a fresh connection; a request that waits
      // for the user is not (MetaMask may already show it).
      if (e instanceof Error && e.name === 'MetaMaskDisconnectedError' && !INTERACTIVE_METHODS.has(args.method)) {
        this.reset();
        return (await this.find()).connection.request<T>(args, opts);
      }
      throw e;
    }
  }

  /** Forgets the kept connection (closing it); the next find() probes again. */
  reset(): void {
    const kept = this.#found;
    this.#found = undefined;
    void kept?.then((f) => f.connection.close(), () => undefined);
  }

  #keep(found: FoundMetaMask): void {
    const promise = Promise.resolve(found);
    this.#found = promise;
    found.connection.onClose(() => {
      if (this.#found === promise) this.#found = undefined;
    });
  }
}
