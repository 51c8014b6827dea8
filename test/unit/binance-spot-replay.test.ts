/**
 * Replays real Binance spot traffic (cryptofeed sample_data, see test/fixtures/recorded/README.md)
 * through the codec, the sequence rule and `Book`, following "How to manage a local order book
 * correctly": buffer diffs until the symbol's snapshot arrives, then bridge and chain them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Book } from '../../src/book/book.js';
import type { DeltaEvent } from '../../src/feeds/types.js';
import { binanceSpot } from '../../src/feeds/venues/binance-spot.js';
import { fixturePath } from '../helpers/fixtures.js';

type Recorded =
  | { readonly t: number; readonly kind: 'ws'; readonly frame: string }
  | { readonly t: number; readonly kind: 'rest'; readonly url: string; readonly body: string };

/** README "Format": received `T: frame`, REST `URL -> T: body`; connection/sent lines are skipped. */
function readRecording(name: string): Recorded[] {
  const records: Recorded[] = [];
  for (const line of readFileSync(fixturePath(`recorded/${name}`), 'utf8').split('\n')) {
    if (line === '' || line.includes(' <-> ') || line.includes(' <- ')) continue;
    const arrow = line.indexOf(' -> ');
    if (arrow >= 0) {
      const rest = line.slice(arrow + 4);
      const colon = rest.indexOf(': ');
      records.push({ t: Number(rest.slice(0, colon)), kind: 'rest', url: line.slice(0, arrow), body: rest.slice(colon + 2) });
    } else {
      const colon = line.indexOf(': ');
      records.push({ t: Number(line.slice(0, colon)), kind: 'ws', frame: line.slice(colon + 2) });
    }
  }
  return records;
}

const recording = [
  ...readRecording('binance-spot-cryptofeed.ws.txt'),
  ...readRecording('binance-spot-cryptofeed.rest.txt'),
].sort((a, b) => a.t - b.t);

/** The harness demultiplexes the combined stream by name, as one connection per symbol would. */
function streamOf(frame: string): { symbol: string; stream: string; data: Record<string, unknown> } {
  const { stream, data } = JSON.parse(frame) as { stream: string; data: Record<string, unknown> };
  const [symbol = '', kind = ''] = stream.split('@');
  return { symbol: symbol.toUpperCase(), stream: kind, data };
}

interface SymbolState {
  buffer: DeltaEvent[];
  book: Book | undefined;
  seq: number;
  first: boolean;
  states: number;
  gaps: number;
  /** bookTicker best bid/ask by update id, compared when the book reaches that id. */
  tickers: Map<number, readonly [bid: number, ask: number]>;
  tickerChecks: number;
  tickerMismatches: string[];
}

function replay(records: readonly Recorded[]): Map<string, SymbolState> {
  const adapter = binanceSpot();
  const rule = adapter.sequence;
  const rest = adapter.restSnapshot;
  if (!rule || !rest) throw new Error('binance spot must have a sequence rule and a REST snapshot');
  const symbols = new Map<string, SymbolState>();
  const stateOf = (symbol: string): SymbolState => {
    let state = symbols.get(symbol);
    if (!state) {
      state = { buffer: [], book: undefined, seq: 0, first: true, states: 0, gaps: 0, tickers: new Map(), tickerChecks: 0, tickerMismatches: [] };
      symbols.set(symbol, state);
    }
    return state;
  };
  const applyDelta = (state: SymbolState, delta: DeltaEvent): void => {
    if (!state.book) {
      state.buffer.push(delta);
      return;
    }
    const verdict = rule.classify(state.seq, state.first, delta);
    if (verdict === 'skip') return;
    if (verdict === 'gap') {
      // The feed would fetch a new snapshot; the recording has none, so the symbol stays down.
      state.gaps++;
      state.book = undefined;
      state.buffer = [];
      return;
    }
    state.book.apply(delta.bids, delta.asks);
    state.seq = rule.seqAfter(delta);
    state.first = false;
    state.states++;
    const ticker = state.tickers.get(state.seq);
    if (ticker) {
      state.tickerChecks++;
      const got = [state.book.bestBid, state.book.bestAsk];
      if (got[0] !== ticker[0] || got[1] !== ticker[1]) state.tickerMismatches.push(`u=${state.seq} book ${got} ticker ${ticker}`);
    }
  };

  for (const record of records) {
    if (record.kind === 'rest') {
      const symbol = new URL(record.url).searchParams.get('symbol') ?? '';
      const state = stateOf(symbol);
      const snapshot = rest.decode(record.body);
      if (snapshot.type !== 'snapshot' || snapshot.seq === undefined) throw new Error(`bad snapshot for ${symbol}`);
      state.book = new Book();
      state.book.replace(snapshot.bids, snapshot.asks);
      state.seq = snapshot.seq;
      state.first = true;
      state.states++;
      const buffered = state.buffer;
      state.buffer = [];
      for (const delta of buffered) applyDelta(state, delta);
      continue;
    }
    const { symbol, stream, data } = streamOf(record.frame);
    const state = stateOf(symbol);
    if (stream === 'bookTicker' && typeof data['u'] === 'number') {
      state.tickers.set(data['u'], [Number(data['b']), Number(data['a'])]);
    }
    for (const event of adapter.decode(record.frame)) {
      expect(event.type, `frame ${record.frame.slice(0, 80)}`).not.toBe('error');
      if (event.type === 'delta') applyDelta(state, event);
    }
  }
  return symbols;
}

const total = (symbols: Map<string, SymbolState>, key: 'states' | 'gaps' | 'tickerChecks'): number =>
  [...symbols.values()].reduce((sum, s) => sum + s[key], 0);

describe('binance spot replay (cryptofeed 2021 recording)', () => {
  it('emits 176 book states with zero gaps, as the recording README says', () => {
    const symbols = replay(recording);
    expect([...symbols.keys()].sort()).toEqual(['BLZETH', 'LRCBTC', 'NKNUSDT', 'RUNEEUR']);
    expect(total(symbols, 'gaps')).toBe(0);
    expect(total(symbols, 'states')).toBe(176);
    expect(Object.fromEntries([...symbols].map(([s, st]) => [s, st.states]))).toEqual({
      NKNUSDT: 150,
      BLZETH: 10,
      LRCBTC: 14,
      RUNEEUR: 2,
    });
  });

  it('agrees with bookTicker wherever the book stands at the ticker update id', () => {
    const symbols = replay(recording);
    expect(total(symbols, 'tickerChecks')).toBe(26);
    for (const state of symbols.values()) expect(state.tickerMismatches).toEqual([]);
    const nkn = symbols.get('NKNUSDT');
    expect(nkn?.book?.bestBid).toBe(0.3527);
    expect(nkn?.book?.bestAsk).toBe(0.3531);
  });

  it('detects one diff dropped in memory as a gap', () => {
    const depth = recording.filter((r) => r.kind === 'ws' && r.frame.includes('"stream":"nknusdt@depth@100ms"'));
    const dropped = depth[75];
    expect(dropped).toBeDefined();
    const symbols = replay(recording.filter((r) => r !== dropped));
    expect(symbols.get('NKNUSDT')?.gaps).toBe(1);
    expect(symbols.get('NKNUSDT')?.book).toBeUndefined();
    for (const other of ['BLZETH', 'LRCBTC', 'RUNEEUR']) expect(symbols.get(other)?.gaps).toBe(0);
  });
});
