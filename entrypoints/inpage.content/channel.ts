import { HELLO_EVENT, WELCOME_EVENT, parseContentMessage, toContentEvent, toPageEvent, type ContentMessage, type PageMessage } from '@/core/intercept/protocol';
import { natives } from './natives';

/**
 * The page side of the secret event channel (core/intercept/protocol.ts). Uses only built-ins captured
 * at document_start, so the page can neither spy on the channel id nor tamper with the messages.
 */
export interface PageChannel {
  send(message: PageMessage): boolean;
  onMessage(handler: (message: ContentMessage) => void): void;
  readonly open: boolean;
}

export function openPageChannel(): PageChannel {
  const { apply, dispatchEvent, addEventListener, CustomEvent, stringify, parse, document: doc } = natives;
  let channel: string | undefined;
  let handler: ((m: ContentMessage) => void) | undefined;
  const parseJson = (text: string): unknown => apply(parse, JSON, [text]);
  const hexBigint = (_k: string, v: unknown) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v);

  const send = (message: PageMessage): boolean => {
    if (!channel) return false;
    const detail = apply(stringify, JSON, [message, hexBigint]) as string;
    apply(dispatchEvent, doc, [new CustomEvent(toContentEvent(channel), { detail })]);
    return true;
  };

  apply(addEventListener, doc, [
    WELCOME_EVENT,
    (event: Event) => {
      const detail = (event as CustomEvent).detail;
      if (channel || typeof detail !== 'string' || detail.length !== 32) return;
      channel = detail;
      apply(addEventListener, doc, [
        toPageEvent(channel),
        (e: Event) => {
          const message = parseContentMessage((e as CustomEvent).detail, parseJson);
          if (message && handler) handler(message);
        },
      ]);
      send({ t: 'ready' });
    },
  ]);
  apply(dispatchEvent, doc, [new CustomEvent(HELLO_EVENT)]);

  return {
    send,
    onMessage: (h) => void (handler = h),
    get open() {
      return channel !== undefined;
    },
  };
}
