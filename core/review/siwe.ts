import { text, type Localized } from '../i18n/localized';

/** A Sign-In with Ethereum message (EIP-4361), as far as it could be read, with what is wrong with it. */
export interface SiweMessage {
  /** RFC 3986 authority the message claims to come from: host[:port]. */
  domain: string;
  scheme?: string;
  /** The account line; '' when it is not an address. */
  address: string;
  statement?: string;
  uri?: string;
  version?: string;
  chainId?: number;
  nonce?: string;
  issuedAt?: string;
  expirationTime?: string;
  notBefore?: string;
  requestId?: string;
  resources: string[];
  /** Where the text departs from EIP-4361 (empty when it is a well-formed message). */
  problems: Localized[];
}

const HEADER = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?(\S+) wants you to sign in with your Ethereum account:$/;
/** The fields in the order EIP-4361 prescribes, and whether they are required. */
const FIELDS: { label: string; key: 'uri' | 'version' | 'chainId' | 'nonce' | 'issuedAt' | 'expirationTime' | 'notBefore' | 'requestId'; required: boolean }[] = [
  { label: 'URI', key: 'uri', required: true },
  { label: 'Version', key: 'version', required: true },
  { label: 'Chain ID', key: 'chainId', required: true },
  { label: 'Nonce', key: 'nonce', required: true },
  { label: 'Issued At', key: 'issuedAt', required: true },
  { label: 'Expiration Time', key: 'expirationTime', required: false },
  { label: 'Not Before', key: 'notBefore', required: false },
  { label: 'Request ID', key: 'requestId', required: false },
];
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

const problem = (en: string, ja: string) => text(en, ja);

function isUri(s: string): boolean {
  try {
    new URL(s);
    return true;
  } catch {
    return false;
  }
}

/**
 * Parses an EIP-4361 message. Undefined when the text does not even claim to be one (its first line is not
 * "<domain> wants you to sign in with your Ethereum account:"); otherwise the fields that could be read, and in
 * `problems` every way it departs from the EIP (a missing or malformed field, a line out of place), so a
 * malformed sign-in is said to be malformed rather than shown as plain text. Tolerant of CRLF.
 */
export function parseSiwe(message: string): SiweMessage | undefined {
  const lines = message.replace(/\r\n/g, '\n').split('\n');
  const header = HEADER.exec(lines[0]?.trim() ?? '');
  if (!header) return undefined;
  const problems: Localized[] = [];
  const addressLine = lines[1]?.trim() ?? '';
  const address = /^0x[0-9a-fA-F]{40}$/.test(addressLine) ? addressLine : '';
  if (!address) problems.push(problem('the second line is not an Ethereum address', '2 行目がイーサリアムのアドレスではありません'));
  const siwe: SiweMessage = { domain: header[2]!, scheme: header[1], address, resources: [], problems };
  let i = 2;
  const fieldOf = (line: string | undefined) => (line === undefined ? undefined : FIELDS.find((f) => line.startsWith(`${f.label}: `)));
  // A blank line, then an optional one-line statement and a blank line.
  if (lines[i] === '') {
    i++;
    if (lines[i] !== undefined && lines[i] !== '' && !fieldOf(lines[i])) {
      siwe.statement = lines[i];
      i++;
      if (lines[i] === '') i++;
      else problems.push(problem('the statement is not followed by a blank line', 'ステートメントの後に空行がありません'));
    } else if (lines[i] === '') i++;
  } else {
    problems.push(problem('the address is not followed by a blank line', 'アドレスの後に空行がありません'));
  }
  let next = 0;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '' && i === lines.length - 1) break;
    if (line === 'Resources:') {
      for (i++; i < lines.length && lines[i]!.startsWith('- '); i++) {
        const r = lines[i]!.slice(2).trim();
        siwe.resources.push(r);
        if (!isUri(r)) problems.push(problem(`resource "${r.slice(0, 60)}" is not a URI`, `リソース "${r.slice(0, 60)}" が URI ではありません`));
      }
      if (i < lines.length && lines[i]!.trim() !== '') problems.push(problem(`unexpected text after the resources: "${lines[i]!.slice(0, 40)}"`, `リソースの後に想定外のテキストがあります："${lines[i]!.slice(0, 40)}"`));
      break;
    }
    const field = fieldOf(line);
    if (!field) {
      problems.push(problem(`unexpected line "${line.slice(0, 40)}"`, `想定外の行 "${line.slice(0, 40)}"`));
      continue;
    }
    const at = FIELDS.indexOf(field);
    if (at < next) problems.push(problem(`"${field.label}" is out of order`, `「${field.label}」の順序が正しくありません`));
    next = at + 1;
    const value = line.slice(field.label.length + 2).trim();
    if (field.key === 'chainId') {
      const n = /^[0-9]+$/.test(value) ? Number(value) : NaN;
      if (Number.isSafeInteger(n) && n > 0) siwe.chainId = n;
      else problems.push(problem(`Chain ID "${value.slice(0, 20)}" is not a number`, `Chain ID "${value.slice(0, 20)}" が数値ではありません`));
    } else {
      siwe[field.key] = value;
    }
  }
  for (const f of FIELDS) if (f.required && siwe[f.key] === undefined && !(f.key === 'chainId' && problems.some((p) => p.en.startsWith('Chain ID')))) problems.push(problem(`"${f.label}" is missing`, `「${f.label}」がありません`));
  if (siwe.version !== undefined && siwe.version !== '1') problems.push(problem(`Version is "${siwe.version}", not 1`, `Version が 1 ではなく "${siwe.version}" です`));
  if (siwe.uri !== undefined && !isUri(siwe.uri)) problems.push(problem(`URI "${siwe.uri.slice(0, 60)}" is not a URI`, `URI "${siwe.uri.slice(0, 60)}" が URI ではありません`));
  if (siwe.nonce !== undefined && !/^[a-zA-Z0-9]{8,}$/.test(siwe.nonce)) problems.push(problem('the nonce is not at least 8 letters and digits', 'ノンスが 8 文字以上の英数字ではありません'));
  for (const [label, v] of [['Issued At', siwe.issuedAt], ['Expiration Time', siwe.expirationTime], ['Not Before', siwe.notBefore]] as const) {
    if (v !== undefined && (!RFC3339.test(v) || Number.isNaN(Date.parse(v)))) problems.push(problem(`${label} "${v.slice(0, 40)}" is not an RFC 3339 time`, `${label} "${v.slice(0, 40)}" が RFC 3339 の日時ではありません`));
  }
  return siwe;
}

/** Expired, or not valid yet, at `nowMs` (undefined when the times are fine or unreadable). */
export function siweTiming(siwe: SiweMessage, nowMs: number): 'expired' | 'not-yet' | undefined {
  const expires = siwe.expirationTime ? Date.parse(siwe.expirationTime) : NaN;
  const from = siwe.notBefore ? Date.parse(siwe.notBefore) : NaN;
  if (!Number.isNaN(expires) && expires <= nowMs) return 'expired';
  if (!Number.isNaN(from) && from > nowMs) return 'not-yet';
  return undefined;
}

/** host[:port] of an origin, lowercase, default ports dropped; undefined when it is not a URL. */
export function originAuthority(origin: string): string | undefined {
  try {
    const u = new URL(origin);
    return u.host.toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}

/** True when the SIWE domain is exactly the page's authority (host, and port when not the default), as EIP-4361 wallets check. */
export function siweDomainMatches(siwe: Pick<SiweMessage, 'domain'>, origin: string): boolean {
  const page = originAuthority(origin);
  // An authority may carry userinfo ("user@host"); it is not part of the site's identity.
  return page !== undefined && siwe.domain.toLowerCase().replace(/^[^@]*@/, '') === page;
}
