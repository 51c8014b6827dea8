/**
 * The record format (DESIGN.md, "Record format"): one JSON object per line.
 *   {"t": <receive time, ms since epoch>, "venue": "<id>", "symbol": "<base>", "frame": "<raw text>"}
 *   binary frames as base64 in "frame64"; frames depthmux sent carry "dir": "out";
 *   a REST answer: {"t", "venue", "symbol", "url": "<request>", "body": "<response text>"}
 *     (with "status" when it was not 200);
 *   a new connection: {"t", "venue", "symbol", "connect": "<ws url>"}.
 * Pure: text in, values out. A line that is not a record is an error value, never a throw.
 */
import { isRecord, parseJson } from '../wire/json.js';
import type { Frame } from '../feeds/types.js';

interface Labels {
  /** Receive time, ms since epoch. */
  readonly t: number;
  readonly venue: string;
  /** The base for depthmux's own recordings; the venue's symbol for an imported capture. */
  readonly symbol: string;
}

export type RecordEntry =
  | (Labels & { readonly kind: 'frame'; readonly frame: Frame; readonly out: boolean })
  | (Labels & { readonly kind: 'rest'; readonly url: string; readonly body: string; readonly status: number })
  | (Labels & { readonly kind: 'connect'; readonly url: string });

/** A line that could not be read: reported with where it is, and skipped. */
export interface LineProblem {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  readonly error: string;
}

type LineRead = { readonly ok: true; readonly entry: RecordEntry } | { readonly ok: false; readonly error: string };

export function formatRecord(entry: RecordEntry): string {
  const { t, venue, symbol } = entry;
  switch (entry.kind) {
    case 'frame': {
      const frame = typeof entry.frame === 'string' ? { frame: entry.frame } : { frame64: Buffer.from(entry.frame).toString('base64') };
      return JSON.stringify({ t, venue, symbol, ...frame, ...(entry.out ? { dir: 'out' } : {}) });
    }
    case 'rest':
      return JSON.stringify({ t, venue, symbol, url: entry.url, body: entry.body, ...(entry.status !== 200 ? { status: entry.status } : {}) });
    case 'connect':
      return JSON.stringify({ t, venue, symbol, connect: entry.url });
    default:
      throw new Error(`unknown record ${JSON.stringify(entry satisfies never)}`);
  }
}

export function parseRecord(line: string): LineRead {
  const parsed = parseJson(line);
  if (!parsed.ok) return { ok: false, error: `not JSON (${parsed.error})` };
  const value = parsed.value;
  if (!isRecord(value)) return { ok: false, error: 'not a JSON object' };
  const { t, venue, symbol } = value;
  if (typeof t !== 'number' || !Number.isFinite(t)) return { ok: false, error: '"t" is not a time' };
  if (typeof venue !== 'string' || venue === '') return { ok: false, error: '"venue" is missing' };
  if (typeof symbol !== 'string' || symbol === '') return { ok: false, error: '"symbol" is missing' };
  const labels = { t, venue, symbol };
  const out = value['dir'] === 'out';
  if (typeof value['frame'] === 'string') return { ok: true, entry: { ...labels, kind: 'frame', frame: value['frame'], out } };
  if (typeof value['frame64'] === 'string') {
    return { ok: true, entry: { ...labels, kind: 'frame', frame: new Uint8Array(Buffer.from(value['frame64'], 'base64')), out } };
  }
  if (typeof value['connect'] === 'string') return { ok: true, entry: { ...labels, kind: 'connect', url: value['connect'] } };
  if (typeof value['url'] === 'string' && typeof value['body'] === 'string') {
    const status = typeof value['status'] === 'number' ? value['status'] : 200;
    return { ok: true, entry: { ...labels, kind: 'rest', url: value['url'], body: value['body'], status } };
  }
  return { ok: false, error: 'neither a frame, a REST answer nor a connection' };
}
