import { text, type Localized } from '../../i18n/localized';

/** The request could not be understood at all. Its message says what was wrong with it. */
export class MalformedRequestError extends Error {
  override name = 'MalformedRequestError';
}

/**
 * MetaMask 13.5 refuses this request (../shared/data/metamask-normalisation.md, or its code where the file
 * says so): nothing would be signed. `reason` says why, in words a user can act on.
 */
export class WalletRefusalError extends Error {
  override name = 'WalletRefusalError';
  constructor(readonly reason: Localized) {
    super(`MetaMask will refuse this request: ${reason.en}`);
  }
}

/** One encoding that no honest dApp needs, found while reading the request as MetaMask does. */
export interface EncodingNote {
  /** Where in the request: "value", "data", "domain.chainId", "message". */
  field: string;
  detail: Localized;
}

/**
 * What the normalisers found on the way: encodings MetaMask accepts but no honest dApp needs
 * (non-canonical-encoding), and a refusal that does not stop the review (e.g. a typed-data domain for
 * another chain: readable, reviewed, but MetaMask will not sign it).
 */
export class EncodingNotes {
  readonly notes: EncodingNote[] = [];
  refusal?: Localized;

  add(field: string, en: string, ja: string): void {
    if (this.notes.length < 20 && !this.notes.some((n) => n.field === field && n.detail.en === en)) this.notes.push({ field, detail: text(en, ja) });
  }

  refuse(reason: Localized): void {
    this.refusal ??= reason;
  }
}

export function refuse(en: string, ja: string): never {
  throw new WalletRefusalError(text(en, ja));
}

export function malformed(message: string): never {
  throw new MalformedRequestError(message);
}
