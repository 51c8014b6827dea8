/**
 * One JSON POST with a deadline, for /info and /exchange. A request that does not finish in
 * `timeoutMs` is aborted (AbortController; the timer is cleared however the request ends), and
 * the caller learns which way it ended: an answer (any HTTP status, body kept as text), a timeout,
 * or a network failure. Whether a missing answer means "not sent" is the caller's call: for an
 * order it never does.
 */

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export type HttpOutcome =
  /** `serverTime`: the answer's HTTP Date header (ms since epoch, whole seconds), when it has one. */
  | { readonly kind: 'answer'; readonly status: number; readonly text: string; readonly json: unknown; readonly serverTime?: number }
  | { readonly kind: 'timeout'; readonly error: string }
  | { readonly kind: 'network'; readonly error: string };

export interface PostOptions {
  readonly timeoutMs: number;
  readonly fetch?: FetchLike;
  /** Aborts the request early (the owner is closing); reported as a network failure. */
  readonly signal?: AbortSignal;
}

/** Marker for our own deadline, so it is told apart from any other abort. */
class Deadline extends Error {}

export async function postJson(url: string, payload: unknown, options: PostOptions): Promise<HttpOutcome> {
  const controller = new AbortController();
  const deadline = new Deadline(`no answer within ${options.timeoutMs} ms`);
  const timer = setTimeout(() => controller.abort(deadline), options.timeoutMs);
  const onAbort = (): void => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const response = await (options.fetch ?? fetch)(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
      signal: controller.signal,
    });
    const text = await response.text();
    const serverTime = Date.parse(response.headers.get('date') ?? '');
    return { kind: 'answer', status: response.status, text, json: parseOrUndefined(text), ...(Number.isFinite(serverTime) ? { serverTime } : {}) };
  } catch (err) {
    if (controller.signal.reason === deadline) return { kind: 'timeout', error: deadline.message };
    return { kind: 'network', error: describe(err) };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** The body as JSON, or undefined: not JSON, or nested too deep for the parser's stack. */
function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** fetch wraps socket errors as "fetch failed" with the useful part in `cause`. */
function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return `${err.message}${cause}`;
}

/** A one-line summary of a non-answer or an unexpected HTTP status, for messages. */
export function outcomeText(outcome: HttpOutcome): string {
  if (outcome.kind !== 'answer') return outcome.error;
  const body = outcome.text.replace(/\s+/g, ' ').trim();
  return `HTTP ${outcome.status}${body ? `: ${body.length > 160 ? `${body.slice(0, 160)}…` : body}` : ''}`;
}
