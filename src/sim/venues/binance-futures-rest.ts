/**
 * The REST half of a simulated Binance-USDⓈ-M-style futures venue: "Order Book" (the depth
 * snapshot a client bridges the diff stream onto) and "Exchange Information" (every contract with
 * its PRICE_FILTER and LOT_SIZE), at the venue's own paths. Answers are made from the venue's
 * authoritative books; update ids are spread as the stream spreads them (ID_STRIDE).
 */
import { SIM_INSTRUMENTS } from '../market-model.js';
import type { SimHttpAnswer, SimVenueContext } from '../venue-server.js';
import { ID_STRIDE, futuresSpec, type FuturesSimFacts } from './binance-futures-facts.js';

/** "Order Book" Parameters: "Default 500; Valid limits:[5, 10, 20, 50, 100, 500, 1000]". */
const VALID_LIMITS = [5, 10, 20, 50, 100, 500, 1000];

function error(code: number, msg: string): SimHttpAnswer {
  return { status: 400, body: JSON.stringify({ code, msg }) };
}

/**
 * GET <depthPath>?symbol=BTCUSDT&limit=1000 ->
 * {"lastUpdateId":1027024,"E":1589436922972,"T":1589436922959,"bids":[["4.00000000","431.00000000"]],"asks":[...]};
 * an unknown symbol -> HTTP 400 {"code":-1121,"msg":"Invalid symbol."} (Error Codes, -1121 BAD_SYMBOL).
 */
function depth(url: URL, context: SimVenueContext): SimHttpAnswer {
  const name = url.searchParams.get('symbol');
  if (!name) return error(-1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
  const limit = Number(url.searchParams.get('limit') ?? '500');
  if (!VALID_LIMITS.includes(limit)) return error(-1100, "Illegal characters found in parameter 'limit'.");
  const base = /^([A-Z0-9]+)USDT$/.exec(name)?.[1];
  const state = base === undefined ? undefined : context.symbol(base);
  if (!state) return error(-1121, 'Invalid symbol.');
  const now = Date.now();
  const body = {
    lastUpdateId: state.seq * ID_STRIDE,
    E: now,
    T: now,
    bids: state.book.levels('bid', limit),
    asks: state.book.levels('ask', limit),
  };
  return { status: 200, body: JSON.stringify(body) };
}

/** A filter's step as the venue prints it ("0.10", "1"): the tick of `decimals` places times `multiple`. */
function step(decimals: number, multiple = 1): string {
  return (10 ** -decimals * multiple).toFixed(decimals);
}

/**
 * GET <exchangeInfoPath> (no parameters: every symbol), trimmed to what a book needs:
 * {"symbols":[{"symbol":"DOGEUSDT","pair":"DOGEUSDT","contractType":"PERPETUAL","status":"TRADING",
 *   "baseAsset":..,"quoteAsset":"USDT","pricePrecision":5,"quantityPrecision":0,
 *   "filters":[{"filterType":"PRICE_FILTER","maxPrice":"300","minPrice":"0.0001","tickSize":"0.0001"},
 *              {"filterType":"LOT_SIZE","maxQty":"10000000","minQty":"1","stepSize":"1"}]}],"timezone":"UTC"}
 */
function exchangeInfo(facts: FuturesSimFacts): SimHttpAnswer {
  const symbols = SIM_INSTRUMENTS.filter(({ base }) => !facts.unlisted.includes(base)).map(({ base }) => {
    const spec = futuresSpec(facts, base);
    const tick = step(spec.priceDecimals, spec.tickMultiple);
    const lot = step(spec.sizeDecimals);
    return {
      symbol: `${base}USDT`, pair: `${base}USDT`, contractType: 'PERPETUAL', status: 'TRADING',
      baseAsset: base, quoteAsset: 'USDT', marginAsset: 'USDT',
      pricePrecision: spec.priceDecimals, quantityPrecision: spec.sizeDecimals,
      filters: [
        { filterType: 'PRICE_FILTER', maxPrice: '1000000', minPrice: tick, tickSize: tick },
        { filterType: 'LOT_SIZE', maxQty: '1000000', minQty: lot, stepSize: lot },
      ],
    };
  });
  const body = { exchangeFilters: [], rateLimits: [], serverTime: Date.now(), assets: [], symbols, timezone: 'UTC' };
  return { status: 200, body: JSON.stringify(body) };
}

export function futuresHttp(url: URL, facts: FuturesSimFacts, context: SimVenueContext): SimHttpAnswer {
  switch (url.pathname) {
    case facts.depthPath:
      return depth(url, context);
    case facts.exchangeInfoPath:
      return exchangeInfo(facts);
    default:
      return { status: 404, body: '' };
  }
}
