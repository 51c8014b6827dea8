/** `--endpoint` and DEPTHMUX_ENDPOINT_*: every venue reachable elsewhere, every mistake one clear line. */
import { describe, expect, it } from 'vitest';
import { endpointVariable, formatEndpoint, parseEndpoints } from '../../src/cli/endpoints.js';
import { parseConfig } from '../../src/cli/config.js';
import { UsageError } from '../../src/cli/errors.js';
import { VENUE_IDS } from '../../src/venues/ids.js';
import { venue } from '../../src/venues/registry.js';
import { hyperliquidEndpoints } from '../../src/hyperliquid/network.js';

function usageError(run: () => unknown): UsageError {
  try {
    run();
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error('no usage error');
}

describe('--endpoint', () => {
  it('points a venue stream and REST base elsewhere, and the codec connects there', () => {
    const { venues } = parseEndpoints(['binance:ws=ws://127.0.0.1:9001/,rest=http://127.0.0.1:9002'], {});
    expect(venues).toEqual({ binance: { ws: 'ws://127.0.0.1:9001/', rest: 'http://127.0.0.1:9002' } });
    const adapter = venue('binance').codec(venues.binance);
    expect(adapter.url('BTCUSDT')).toMatch(/^ws:\/\/127\.0\.0\.1:9001\//);
  });

  it('takes Hyperliquid book stream, API and user stream apart', () => {
    const parsed = parseEndpoints(['hyperliquid:ws=wss://book.example/ws,api=https://api.example,user-ws=wss://user.example/ws'], {});
    expect(parsed.venues).toEqual({ hyperliquid: { ws: 'wss://book.example/ws' } });
    expect(parsed.hyperliquid).toEqual({ api: 'https://api.example', ws: 'wss://user.example/ws' });
  });

  it('keeps the Hyperliquid URL not given: a user stream on the API host, or the production API', () => {
    expect(hyperliquidEndpoints('mainnet', { api: 'http://h:1/' })).toMatchObject({ api: 'http://h:1', ws: 'ws://h:1/ws', isMainnet: true });
    expect(hyperliquidEndpoints('testnet', { ws: 'ws://u:2/ws' })).toMatchObject({ api: 'https://api.hyperliquid-testnet.xyz', ws: 'ws://u:2/ws', isMainnet: false });
  });

  it('reads one variable per URL, and a flag beats a variable URL by URL', () => {
    const env = {
      [endpointVariable('okx-swap', 'ws')]: 'ws://env:1/ws',
      [endpointVariable('okx-swap', 'rest')]: 'http://env:1',
      [endpointVariable('hyperliquid', 'user-ws')]: 'ws://env:2/ws',
    };
    expect(Object.keys(env)).toEqual(['DEPTHMUX_ENDPOINT_OKX_SWAP_WS', 'DEPTHMUX_ENDPOINT_OKX_SWAP_REST', 'DEPTHMUX_ENDPOINT_HYPERLIQUID_USER_WS']);
    const parsed = parseEndpoints(['okx-swap:rest=http://flag:3'], env);
    expect(parsed.venues['okx-swap']).toEqual({ ws: 'ws://env:1/ws', rest: 'http://flag:3' });
    expect(parsed.hyperliquid).toEqual({ ws: 'ws://env:2/ws' });
  });

  it('prints a value it parses back: what depthmux sim prints pastes', () => {
    for (const id of VENUE_IDS) {
      const urls = id === 'hyperliquid' ? { ws: 'ws://h:1/ws', api: 'http://h:2', 'user-ws': 'ws://h:2/ws' } : { ws: `ws://h:1/${id}`, rest: 'http://h:1' };
      const parsed = parseEndpoints([formatEndpoint(id, urls)], {});
      expect(parsed.venues[id]?.ws).toBe(urls.ws);
    }
  });

  it.each([
    ['mtgox:ws=ws://h:1,rest=http://h:1', 'unknown exchange "mtgox"'],
    ['binance', 'expected VENUE:KEY=URL'],
    ['binance:ws=ws://h:1,rest=http://h:1,api=http://h:2', '"api=http://h:2" is not KEY=URL with KEY one of ws, rest'],
    ['binance:ws=http://h:1,rest=http://h:1', 'ws must be a ws:// or wss:// URL, got "http://h:1"'],
    ['binance:ws=ws://h:1,rest=not a url', '"not a url" is not a URL'],
    ['binance:ws=ws://h:1,ws=ws://h:2,rest=http://h:1', 'ws is given twice'],
    ['binance:ws=ws://h:1', 'binance: rest is missing: give both'],
    ['hyperliquid:user-ws=http://h:1', 'user-ws must be a ws:// or wss:// URL'],
  ])('refuses %s', (value, message) => {
    expect(usageError(() => parseEndpoints([value], {})).message).toContain(message);
  });

  it('refuses a venue given twice and a variable it does not know', () => {
    const twice = ['kraken:ws=ws://h:1,rest=http://h:1', 'kraken:ws=ws://h:2,rest=http://h:2'];
    expect(usageError(() => parseEndpoints(twice, {})).message).toContain('--endpoint kraken is given twice');
    const typo = usageError(() => parseEndpoints([], { DEPTHMUX_ENDPOINT_KRAKN_WS: 'ws://h:1' }));
    expect(typo.message).toContain('unknown variable DEPTHMUX_ENDPOINT_KRAKN_WS');
    expect(usageError(() => parseEndpoints([], { DEPTHMUX_ENDPOINT_KRAKEN_WS: 'wss://h:1' })).message).toContain('rest is missing');
  });

  it('is part of the config, and not with --demo', () => {
    const config = parseConfig({ json: true, endpoint: ['coinbase:ws=ws://h:1,rest=http://h:1'] });
    expect(config.endpoints.venues.coinbase).toEqual({ ws: 'ws://h:1', rest: 'http://h:1' });
    expect(parseConfig({ json: true }).endpoints).toEqual({ venues: {} });
    expect(usageError(() => parseConfig({ demo: true, json: true, endpoint: ['coinbase:ws=ws://h:1,rest=http://h:1'] })).message).toContain('--demo runs its own');
  });

  it('refuses a flag for a book venue not in --exchanges, which would otherwise be ignored', () => {
    const error = usageError(() => parseConfig({ json: true, exchanges: 'binance,okx', endpoint: ['coinbase:ws=ws://h:1,rest=http://h:1'] }));
    expect(error.message).toBe('--endpoint coinbase: coinbase is not in --exchanges (binance,okx): add it there, or leave its --endpoint out');
    expect(parseConfig({ json: true, exchanges: 'coinbase', endpoint: ['coinbase:ws=ws://h:1,rest=http://h:1'] }).endpoints.venues.coinbase).toBeDefined();
    // The positions pane uses Hyperliquid's account URLs whichever books are shown.
    expect(parseConfig({ json: true, exchanges: 'okx', endpoint: ['hyperliquid:api=http://h:2'] }).endpoints.hyperliquid).toEqual({ api: 'http://h:2' });
  });
});
