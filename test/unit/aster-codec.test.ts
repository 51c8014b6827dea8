/**
 * The futures codec with Aster's facts, on the examples of Aster's own v3 doc: its hosts, v3 REST
 * paths and 5-minute ping, the same payloads, and the instrument facts from exchangeInfo.
 * github.com/asterdex/api-docs "V3(Recommended)/EN/aster-finance-futures-api-v3.md"
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { aster } from '../../src/feeds/venues/aster.js';

function fixture(name: string): string {
  const file = new URL(`../fixtures/aster/${name}.json`, import.meta.url);
  const { frame, body } = JSON.parse(readFileSync(file, 'utf8')) as { frame?: unknown; body?: unknown };
  return JSON.stringify(frame ?? body);
}

const adapter = aster();
const instrument = adapter.instrument!;

/** The doc's exchangeInfo with its one symbol changed by `patch`. */
function exchangeInfo(patch: Record<string, unknown>): string {
  const body = JSON.parse(fixture('exchange-info')) as { symbols: Record<string, unknown>[] };
  body.symbols[0] = { ...body.symbols[0], ...patch };
  return JSON.stringify(body);
}

describe('aster adapter facts', () => {
  it('connects to its own host, with no route split', () => {
    expect([adapter.id, adapter.name, adapter.market, adapter.quote]).toEqual(['aster', 'Aster', 'perp', 'USDT']);
    expect(adapter.symbolFor('ETH')).toBe('ETHUSDT');
    expect(adapter.url('BTCUSDT')).toBe('wss://fstream.asterdex.com/ws/btcusdt@depth@100ms');
  });

  it('uses the v3 REST paths', () => {
    expect(adapter.restSnapshot?.url('BTCUSDT')).toBe('https://fapi.asterdex.com/fapi/v3/depth?symbol=BTCUSDT&limit=1000');
    expect(instrument.url('BTCUSDT')).toBe('https://fapi.asterdex.com/fapi/v3/exchangeInfo');
  });

  it('answers the 5-minute protocol ping', () => {
    expect(adapter.heartbeat).toEqual({ kind: 'server-ping', timeoutMs: 750_000 });
  });
});

describe('aster decode (doc examples)', () => {
  it('decodes the Diff. Book Depth payload and the Order Book answer', () => {
    expect(adapter.decode(fixture('diff-depth-update'))).toEqual([
      { type: 'delta', bids: [['0.0024', '10']], asks: [['0.0026', '100']], firstSeq: 157, lastSeq: 160, prevSeq: 149, exchangeTime: 123456789 },
    ]);
    expect(adapter.restSnapshot?.decode(fixture('rest-depth'))).toMatchObject({ type: 'snapshot', seq: 1027024 });
  });

  it('names itself in errors and reads -1121 as not listed', () => {
    expect(adapter.restSnapshot?.decode(fixture('rest-error-invalid-symbol'))).toEqual({ type: 'error', message: 'Aster: Invalid symbol. (code -1121)', notListed: true });
    expect(adapter.decode(fixture('ws-error-too-many-parameters'))[0]).toMatchObject({ message: 'Aster: Invalid request: too many parameters (code 2)' });
    expect(adapter.decode(fixture('subscribe-response'))).toEqual([{ type: 'subscribed' }]);
  });
});

describe('aster instrument facts (Exchange Information)', () => {
  it('reads tick and lot of the symbol from PRICE_FILTER and LOT_SIZE', () => {
    expect(instrument.decode(fixture('exchange-info'), 'DOGEUSDT')).toEqual({ symbol: 'DOGEUSDT', tickSize: 0.0001, lotSize: 1 });
  });

  it('says not listed for a symbol it does not list, or not as a trading perpetual', () => {
    for (const [body, symbol] of [
      [fixture('exchange-info'), 'NOPEUSDT'],
      [exchangeInfo({ status: 'SETTLING' }), 'DOGEUSDT'],
      [exchangeInfo({ contractType: 'CURRENT_QUARTER' }), 'DOGEUSDT'],
    ] as const) {
      expect(instrument.decode(body, symbol)).toMatchObject({ type: 'error', notListed: true });
    }
  });

  it('leaves out a disabled or missing filter, and reports an unreadable answer as a plain error', () => {
    expect(instrument.decode(exchangeInfo({ filters: [{ filterType: 'PRICE_FILTER', tickSize: '0' }] }), 'DOGEUSDT')).toEqual({ symbol: 'DOGEUSDT' });
    for (const body of ['', '{}', '[]', '{"code":-1000,"msg":"An unknown error occured while processing the request."}']) {
      const answer = instrument.decode(body, 'DOGEUSDT');
      expect(answer).toMatchObject({ type: 'error' });
      expect('notListed' in answer).toBe(false);
    }
  });
});
