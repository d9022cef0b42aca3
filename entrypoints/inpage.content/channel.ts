import {
  HELLO_EVENT,
  WELCOME_EVENT,
  parseContentMessage,
  toContentEvent,
  toPageEvent,
  type ContentMessage,
  type PageMessage,
} from '@/core/intercept/protocol';

/**
 * The page side of the secret event channel. Built-ins are captured at document_start, before any page
 * script can replace them, so the page can neither spy on the channel id nor tamper with the messages.
 */
export interface PageChannel {
  send(message: PageMessage): boolean;
  onMessage(handler: (message: ContentMessage) => void): void;
  readonly open: boolean;
}

export function openPageChannel(): PageChannel {
  const apply = Reflect.apply;
  const dispatch = EventTarget.prototype.dispatchEvent;
  const listen = EventTarget.prototype.addEventListener;
  const CustomEventCtor = CustomEvent;
  const stringify = JSON.stringify;
  const doc = document;
  let channel: string | undefined;
  const handlers: ((m: ContentMessage) => void)[] = [];

  const send = (message: PageMessage): boolean => {
    if (!channel) return false;
    const detail = apply(stringify, JSON, [message, (_k: string, v: unknown) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v)]) as string;
    apply(dispatch, doc, [new CustomEventCtor(toContentEvent(channel), { detail })]);
    return true;
  };

  apply(listen, doc, [
    WELCOME_EVENT,
    (event: Event) => {
      const detail = (event as CustomEvent).detail;
      if (channel || typeof detail !== 'string' || !/^[a-f0-9]{32}$/.test(detail)) return;
      channel = detail;
      apply(listen, doc, [
        toPageEvent(channel),
        (e: Event) => {
          const message = parseContentMessage((e as CustomEvent).detail);
          if (message) for (const h of handlers) h(message);
        },
      ]);
      send({ t: 'ready' });
    },
  ]);
  apply(dispatch, doc, [new CustomEventCtor(HELLO_EVENT)]);

  return {
    send,
    onMessage: (h) => void handlers.push(h),
    get open() {
      return channel !== undefined;
    },
  };
}
