import {
  HELLO_EVENT,
  WELCOME_EVENT,
  parsePageMessage,
  toContentEvent,
  toPageEvent,
  type ContentMessage,
  type PageMessage,
} from '@/core/intercept/protocol';

/**
 * The content-script side of the secret event channel (see core/intercept/protocol.ts).
 * The channel id is offered at document_start, and answered to at most one hello until the page side
 * confirms with `ready`; both happen before any page script runs.
 */
export function openContentChannel(onMessage: (m: PageMessage) => void): { send(m: ContentMessage): void } {
  const channel = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  let ready = false;
  const welcome = () => document.dispatchEvent(new CustomEvent(WELCOME_EVENT, { detail: channel }));

  document.addEventListener(toContentEvent(channel), (e) => {
    const message = parsePageMessage((e as CustomEvent).detail);
    if (!message) return;
    if (message.t === 'ready') {
      ready = true;
      return;
    }
    onMessage(message);
  });
  const onHello = () => {
    if (ready) return;
    welcome();
    document.removeEventListener(HELLO_EVENT, onHello);
  };
  document.addEventListener(HELLO_EVENT, onHello);
  welcome();

  return {
    send(m) {
      document.dispatchEvent(new CustomEvent(toPageEvent(channel), { detail: JSON.stringify(m) }));
    },
  };
}
