// Talking to the Intake API with the key the operator signed in with. The key lives in
// sessionStorage (gone when the tab closes) and travels only in the X-API-Key header: never in a
// URL, so it cannot end up in an access log, a Referer or the browser history.

const KEY = 'intake.apiKey';

export const session = {
  get key() { return sessionStorage.getItem(KEY); },
  set(key) { sessionStorage.setItem(KEY, key); },
  clear() { sessionStorage.removeItem(KEY); },
};

/** A non-2xx answer: status, the API's error body and its per-field details. */
export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
    this.details = (body && body.details) || [];
  }
}

export async function api(path, { method = 'GET', body, signal, key } = {}) {
  const headers = { 'X-API-Key': key || session.key || '', Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, {
    method, headers, signal, cache: 'no-store',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = { message: text }; }
  }
  if (!res.ok) {
    if (res.status === 401 && !key) {
      session.clear();
      window.dispatchEvent(new CustomEvent('intake:signed-out'));
    }
    throw new ApiError(res.status, data);
  }
  return data;
}

/** Query string from an object, leaving out empty values. */
export function qs(params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') p.set(k, v);
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

/**
 * The live feed: Server-Sent Events read with fetch() so the key goes in a header (EventSource
 * cannot send one). Reconnects after a drop; after a reconnect the first message is a gap, which
 * the caller hears as an overflow (reload what you show).
 */
export function liveStream(onBatch, onState) {
  let stopped = false;
  let controller = null;
  let connectedBefore = false;

  function dispatch(frame) {
    let event = 'message';
    const data = [];
    for (const line of frame.split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
    }
    if (!data.length) return;
    const body = JSON.parse(data.join('\n'));
    if (event === 'hello') {
      onState('live');
      if (connectedBefore) onBatch({ overflow: true, events: [], received: 0 });
      connectedBefore = true;
    } else if (event === 'batch') {
      onBatch(body);
    }
  }

  async function run() {
    while (!stopped) {
      controller = new AbortController();
      try {
        const res = await fetch('/console/events', {
          headers: { 'X-API-Key': session.key || '', Accept: 'text/event-stream' },
          signal: controller.signal, cache: 'no-store',
        });
        if (res.status === 401) {
          session.clear();
          window.dispatchEvent(new CustomEvent('intake:signed-out'));
          return;
        }
        if (res.ok && res.body) {
          const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
          let buffer = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buffer += value;
            let end;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              dispatch(buffer.slice(0, end));
              buffer = buffer.slice(end + 2);
            }
          }
        }
      } catch (e) {
        if (stopped) return;
      }
      if (stopped) return;
      onState('reconnecting');
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  run();
  return () => { stopped = true; if (controller) controller.abort(); };
}
