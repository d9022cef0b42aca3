/** A Sign-In with Ethereum message (EIP-4361), as far as it could be read. */
export interface SiweMessage {
  /** RFC 3986 authority the message claims to come from: host[:port]. */
  domain: string;
  scheme?: string;
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
}

const HEADER = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?(\S+) wants you to sign in with your Ethereum account:$/;
const FIELDS: Record<string, keyof SiweMessage> = {
  URI: 'uri',
  Version: 'version',
  'Chain ID': 'chainId',
  Nonce: 'nonce',
  'Issued At': 'issuedAt',
  'Expiration Time': 'expirationTime',
  'Not Before': 'notBefore',
  'Request ID': 'requestId',
};

/** Parses an EIP-4361 message; undefined when the text is not one. Tolerant of CRLF and missing optional fields. */
export function parseSiwe(message: string): SiweMessage | undefined {
  const lines = message.replace(/\r\n/g, '\n').split('\n');
  const header = HEADER.exec(lines[0]?.trim() ?? '');
  const address = lines[1]?.trim() ?? '';
  if (!header || !/^0x[0-9a-fA-F]{40}$/.test(address)) return undefined;
  const siwe: SiweMessage = { domain: header[2]!, scheme: header[1], address, resources: [] };
  let i = 2;
  // Optional statement: a blank line, the statement, a blank line.
  const isField = (line: string | undefined) => line !== undefined && line.indexOf(': ') > 0 && FIELDS[line.slice(0, line.indexOf(': '))] !== undefined;
  if (lines[i] === '' && lines[i + 1] !== undefined && !isField(lines[i + 1])) {
    siwe.statement = lines[i + 1] || undefined;
    i += 2;
  }
  let inResources = false;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (inResources && line.startsWith('- ')) {
      siwe.resources.push(line.slice(2).trim());
      continue;
    }
    inResources = line.trim() === 'Resources:';
    const colon = line.indexOf(': ');
    if (colon < 0) continue;
    const key = FIELDS[line.slice(0, colon)];
    const value = line.slice(colon + 2).trim();
    if (key === 'chainId') {
      const n = Number(value);
      if (Number.isSafeInteger(n) && n > 0) siwe.chainId = n;
    } else if (key && key !== 'resources') {
      (siwe as unknown as Record<string, string>)[key] = value;
    }
  }
  return siwe;
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
export function siweDomainMatches(siwe: SiweMessage, origin: string): boolean {
  const page = originAuthority(origin);
  // An authority may carry userinfo ("user@host"); it is not part of the site's identity.
  return page !== undefined && siwe.domain.toLowerCase().replace(/^[^@]*@/, '') === page;
}
