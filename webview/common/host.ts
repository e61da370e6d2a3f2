/**
 * The webview side of the protocol: a typed `post`, a `request` that awaits the host's `Reply`,
 * and `on` for host messages. Panels import this and their own protocol types only. `Replies`
 * maps each message type that wants an answer to the answer's type; `request` numbers the message
 * itself, so callers never invent request ids.
 */
import type { Reply } from '../../src/shared/protocol';

interface VsCodeApi {
  postMessage(msg: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** A message without its request id (the channel adds it), distributed over a union. */
type WithoutId<T> = T extends unknown ? Omit<T, 'requestId'> : never;

export class HostChannel<
  Out extends { type: string },
  In extends { type: string },
  Replies extends Partial<Record<Out['type'], unknown>> = Partial<Record<Out['type'], unknown>>,
> {
  private readonly api = acquireVsCodeApi();
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private readonly listeners: Array<(msg: In) => void> = [];

  constructor() {
    window.addEventListener('message', (ev: MessageEvent) => {
      const msg = ev.data as In | Reply;
      if (!msg || typeof msg !== 'object' || typeof msg.type !== 'string') return;
      if (msg.type === 'reply') {
        const r = msg as Reply;
        const p = this.pending.get(r.requestId);
        if (!p) return;
        this.pending.delete(r.requestId);
        if (r.ok) p.resolve(r.value);
        else p.reject(new Error(r.error));
        return;
      }
      for (const l of this.listeners) l(msg as In);
    });
  }

  post(msg: Out): void {
    this.api.postMessage(msg);
  }

  request<K extends Out['type'] & keyof Replies>(
    msg: WithoutId<Extract<Out, { type: K }>>,
  ): Promise<Replies[K]> {
    const requestId = this.nextId++;
    return new Promise<Replies[K]>((resolve, reject) => {
      this.pending.set(requestId, { resolve: resolve as (v: unknown) => void, reject });
      this.api.postMessage({ ...msg, requestId });
    });
  }

  on(listener: (msg: In) => void): void {
    this.listeners.push(listener);
  }

  get state(): unknown {
    return this.api.getState();
  }

  set state(s: unknown) {
    this.api.setState(s);
  }
}

/** Build an element; text is always set as text, never parsed as HTML. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: Array<Node | string | null | undefined | false>
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return el;
}

/**
 * Text whose `backticked` parts are code (the catalogue writes flag values and formats that way):
 * text nodes and `<code>` elements, never parsed HTML. An unpaired backtick stays as it is.
 */
export function withInlineCode(text: string): Array<Node | string> {
  const parts = text.split('`');
  if (parts.length < 3) return [text];
  const out: Array<Node | string> = [];
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    // Odd pieces sit between a pair of backticks, unless the pair is not closed.
    if (i % 2 === 1 && !(last && parts.length % 2 === 0)) out.push(h('code', {}, part));
    else if (i % 2 === 1) out.push(`\`${part}`);
    else if (part) out.push(part);
  });
  return out;
}
