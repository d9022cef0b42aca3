/**
 * Built-ins captured at document_start, before any page script can replace them. Everything on the
 * decision path uses these, so a page that later patches JSON, timers, Promise or Object cannot read
 * the channel, fake a decision, or trigger the fail-open timer early.
 */
const w = window;
export const natives = {
  apply: Reflect.apply,
  isArray: Array.isArray,
  defineProperty: Object.defineProperty,
  create: Object.create,
  parse: JSON.parse,
  stringify: JSON.stringify,
  setTimeout: w.setTimeout,
  clearTimeout: w.clearTimeout,
  getRandomValues: crypto.getRandomValues.bind(crypto),
  dispatchEvent: EventTarget.prototype.dispatchEvent,
  addEventListener: EventTarget.prototype.addEventListener,
  CustomEvent: w.CustomEvent,
  Promise: w.Promise,
  WeakSet: w.WeakSet,
  weakHas: WeakSet.prototype.has,
  weakAdd: WeakSet.prototype.add,
  toHex: (bytes: Uint8Array) => {
    let s = '';
    for (let i = 0; i < bytes.length; i++) s += (bytes[i]! < 16 ? '0' : '') + bytes[i]!.toString(16);
    return s;
  },
  window: w,
  document: w.document,
};

export const later = (fn: () => void, ms: number): number => natives.apply(natives.setTimeout, natives.window, [fn, ms]) as unknown as number;
export const cancel = (id: number | undefined): void => void natives.apply(natives.clearTimeout, natives.window, [id]);
