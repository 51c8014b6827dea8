/**
 * Reads a cryptofeed capture (bmoscon/cryptofeed's `sample_data` format, described in
 * test/fixtures/recorded/README.md "Format") into records, so a user with someone else's capture
 * can replay it:
 *   wss://HOST/PATH <-> 1633998511.159679                     a connection opened
 *   wss://HOST/PATH <- 1652459225.2987883: {"op":...}         a frame the recorder sent
 *   1633998512.0633569: {"stream":...}                        a frame received
 *   https://HOST/PATH?QUERY -> 1633998512.320639: {...}       a REST answer (.rest.txt)
 * Times are float epoch seconds. The venue is inferred from each URL's host. One cryptofeed
 * connection carries many symbols, while depthmux keeps one feed per symbol: every frame is
 * routed to its symbol by the venue's own field for it, and a frame that names none (a
 * heartbeat, a status) goes to every symbol of the venue. Pure: text in, values out.
 */
import { isRecord, parseJson } from '../wire/json.js';
import type { LineProblem, RecordEntry } from './format.js';

/** How one venue's capture names the symbol of a frame and of a REST request. */
interface CaptureRoute {
  readonly venue: string;
  frameSymbol(message: unknown): string | undefined;
  restSymbol(url: URL): string | undefined;
}

/** Binance combined streams: {"stream":"nknusdt@depth@100ms","data":{...,"s":"NKNUSDT"}}; REST ?symbol=. */
const binance = (venue: string): CaptureRoute => ({
  venue,
  frameSymbol(message) {
    if (!isRecord(message)) return undefined;
    if (typeof message['stream'] === 'string') return message['stream'].split('@')[0]?.toUpperCase();
    return typeof message['s'] === 'string' ? message['s'] : undefined;
  },
  restSymbol: (url) => url.searchParams.get('symbol') ?? undefined,
});

/** OKX v5: {"arg":{"channel":"books","instId":"BTC-USDT"},...}; REST ?instId=. */
const okx: CaptureRoute = {
  venue: 'okx',
  frameSymbol: (message) => {
    const arg = isRecord(message) ? message['arg'] : undefined;
    return isRecord(arg) && typeof arg['instId'] === 'string' ? arg['instId'] : undefined;
  },
  restSymbol: (url) => url.searchParams.get('instId') ?? undefined,
};

/** Kraken v1: [channelID, {...}, ("{...}",) "book-1000", "XBT/USD"], events carry "pair". */
const krakenV1: CaptureRoute = {
  venue: 'kraken',
  frameSymbol: (message) => {
    if (Array.isArray(message)) {
      const last: unknown = message[message.length - 1];
      return typeof last === 'string' ? last : undefined;
    }
    return isRecord(message) && typeof message['pair'] === 'string' ? message['pair'] : undefined;
  },
  restSymbol: (url) => url.searchParams.get('pair') ?? undefined,
};

/** Hosts whose captures depthmux can read, checked against the captures in test/fixtures/recorded. */
const ROUTES: Readonly<Record<string, CaptureRoute>> = {
  'stream.binance.com': binance('binance'),
  'api.binance.com': binance('binance'),
  'fstream.binance.com': binance('binance-usdm'),
  'fapi.binance.com': binance('binance-usdm'),
  'ws.okx.com': okx,
  'www.okx.com': okx,
  'ws.kraken.com': krakenV1,
};

/** A capture's lines as depthmux records, with what could not be read. */
interface CaptureRead {
  readonly entries: RecordEntry[];
  readonly malformed: LineProblem[];
  /** Hosts no route knows, with how many lines they had. */
  readonly unknownHosts: ReadonlyMap<string, number>;
}

type CaptureLine =
  | { readonly kind: 'connect'; readonly url: URL; readonly t: number }
  | { readonly kind: 'sent'; readonly url: URL; readonly t: number }
  | { readonly kind: 'frame'; readonly t: number; readonly text: string }
  | { readonly kind: 'rest'; readonly url: URL; readonly t: number; readonly body: string };

/** README: split a received line at the first ": "; sent and REST lines first at " <- " / " -> ". */
function parseLine(line: string): CaptureLine | string {
  const open = line.indexOf(' <-> ');
  if (open > 0) return withUrl(line.slice(0, open), (url) => ({ kind: 'connect', url, t: seconds(line.slice(open + 5)) }));
  for (const [arrow, kind] of [[' <- ', 'sent'], [' -> ', 'rest']] as const) {
    const at = line.indexOf(arrow);
    if (at <= 0 || !/^(wss?|https?):\/\//.test(line)) continue;
    const rest = line.slice(at + arrow.length);
    const colon = rest.indexOf(': ');
    if (colon < 0) return `no ": " after the time`;
    const t = seconds(rest.slice(0, colon));
    const body = rest.slice(colon + 2);
    return withUrl(line.slice(0, at), (url) => (kind === 'sent' ? { kind, url, t } : { kind, url, t, body }));
  }
  const colon = line.indexOf(': ');
  if (colon < 0) return 'neither a frame, a REST answer nor a connection';
  return { kind: 'frame', t: seconds(line.slice(0, colon)), text: line.slice(colon + 2) };
}

function withUrl(text: string, make: (url: URL) => CaptureLine): CaptureLine | string {
  if (!URL.canParse(text)) return `bad URL ${JSON.stringify(text.slice(0, 80))}`;
  return make(new URL(text));
}

/** Float epoch seconds -> ms; NaN when it is not a number. */
function seconds(text: string): number {
  return /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text) * 1000 : Number.NaN;
}

/**
 * Lines of the capture's files (a .ws.txt and its .rest.txt), each already split. The records
 * come out in time order (the REST answers merged in among the frames, as the README says).
 */
export function readCapture(files: readonly { readonly name: string; readonly text: string }[]): CaptureRead {
  type Routed = { readonly t: number; readonly order: number; readonly venue: string; readonly symbol: string | undefined; readonly make: (symbol: string) => RecordEntry };
  const routed: Routed[] = [];
  const malformed: LineProblem[] = [];
  const unknownHosts = new Map<string, number>();
  const symbols = new Map<string, Set<string>>();
  const note = (venue: string, symbol: string | undefined): void => {
    if (symbol === undefined) return;
    const set = symbols.get(venue) ?? new Set<string>();
    symbols.set(venue, set.add(symbol));
  };
  for (const file of files) {
    let route: CaptureRoute | undefined;
    let connection: string | undefined;
    file.text.split('\n').forEach((raw, index) => {
      const line = raw.replace(/\r$/, '');
      if (line === '') return;
      const parsed = parseLine(line);
      if (typeof parsed === 'string' || Number.isNaN(parsed.t)) {
        malformed.push({ file: file.name, line: index + 1, error: typeof parsed === 'string' ? parsed : 'the time is not a number' });
        return;
      }
      const lineRoute = parsed.kind === 'frame' ? route : ROUTES[parsed.url.hostname];
      if (parsed.kind === 'connect' || parsed.kind === 'sent') {
        route = lineRoute;
        connection = parsed.url.href;
      }
      if (!lineRoute) {
        const host = parsed.kind === 'frame' ? (connection ? new URL(connection).hostname : 'an unknown connection') : parsed.url.hostname;
        unknownHosts.set(host, (unknownHosts.get(host) ?? 0) + 1);
        return;
      }
      const { venue } = lineRoute;
      const order = routed.length;
      switch (parsed.kind) {
        case 'connect':
          routed.push({ t: parsed.t, order, venue, symbol: undefined, make: (symbol) => ({ kind: 'connect', t: parsed.t, venue, symbol, url: parsed.url.href }) });
          return;
        case 'sent':
          return;
        case 'rest': {
          const symbol = lineRoute.restSymbol(parsed.url);
          note(venue, symbol);
          routed.push({ t: parsed.t, order, venue, symbol, make: (s) => ({ kind: 'rest', t: parsed.t, venue, symbol: s, url: parsed.url.href, body: parsed.body, status: 200 }) });
          return;
        }
        case 'frame': {
          const message = parseJson(parsed.text);
          const symbol = message.ok ? lineRoute.frameSymbol(message.value) : undefined;
          note(venue, symbol);
          routed.push({ t: parsed.t, order, venue, symbol, make: (s) => ({ kind: 'frame', t: parsed.t, venue, symbol: s, frame: parsed.text, out: false }) });
          return;
        }
        default:
          throw new Error(`unknown capture line ${JSON.stringify(parsed satisfies never)}`);
      }
    });
  }
  routed.sort((a, b) => a.t - b.t || a.order - b.order);
  const entries = routed.flatMap((r) => (r.symbol !== undefined ? [r.make(r.symbol)] : [...(symbols.get(r.venue) ?? [])].map(r.make)));
  return { entries, malformed, unknownHosts };
}
