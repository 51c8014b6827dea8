/**
 * Kraken's REST `GET /0/public/AssetPairs`, simulated: the pairs the simulated Kraken lists,
 * each with the precision its book is printed in. Shape of an entry as the doc's example
 * (https://docs.kraken.com/api-reference/market-data/get-tradable-asset-pairs, read 2026-11-29);
 * errors in the `error` array of an HTTP 200 answer (https://docs.kraken.com/exchange/guides/general/errors).
 */
import { SIM_INSTRUMENTS, type BookSpec } from '../market-model.js';
import type { SimHttpAnswer, SimVenueContext } from '../venue-server.js';

/**
 * pair_decimals / lot_decimals of each <BASE>/USD pair: BTC/USD as the doc example (1 and 8);
 * the others as Kraken lists them (volumes in 8 decimals throughout).
 */
export const KRAKEN_SPECS: Readonly<Record<string, BookSpec>> = {
  BTC: { priceDecimals: 1, sizeDecimals: 8 },
  ETH: { priceDecimals: 2, sizeDecimals: 8 },
  SOL: { priceDecimals: 2, sizeDecimals: 8 },
  XRP: { priceDecimals: 5, sizeDecimals: 8 },
  DOGE: { priceDecimals: 7, sizeDecimals: 8 },
  AVAX: { priceDecimals: 2, sizeDecimals: 8 },
  LINK: { priceDecimals: 5, sizeDecimals: 8 },
  HYPE: { priceDecimals: 3, sizeDecimals: 8 },
};

/** Kraken's legacy asset codes: "XXBT" (altname "XBT"), "XETH", "XXRP", "XXDG" (altname "XDG"). */
const LEGACY: Readonly<Record<string, { readonly code: string; readonly alt: string }>> = {
  BTC: { code: 'XXBT', alt: 'XBT' },
  ETH: { code: 'XETH', alt: 'ETH' },
  XRP: { code: 'XXRP', alt: 'XRP' },
  DOGE: { code: 'XXDG', alt: 'XDG' },
};

interface PairNames {
  /** The result key: "XXBTZUSD" for legacy assets (but "XDGUSD"), else "SOLUSD". */
  readonly key: string;
  readonly altname: string;
  readonly wsname: string;
  readonly base: string;
}

function namesOf(base: string): PairNames {
  const legacy = LEGACY[base];
  const alt = legacy?.alt ?? base;
  const key = legacy && base !== 'DOGE' ? `${legacy.code}ZUSD` : `${alt}USD`;
  return { key, altname: `${alt}USD`, wsname: `${alt}/USD`, base: legacy?.code ?? base };
}

function entry(names: PairNames, spec: BookSpec): Record<string, unknown> {
  const tick = (10 ** -spec.priceDecimals * (spec.tickMultiple ?? 1)).toFixed(spec.priceDecimals);
  return {
    altname: names.altname,
    wsname: names.wsname,
    aclass_base: 'currency',
    base: names.base,
    aclass_quote: 'currency',
    quote: 'ZUSD',
    lot: 'unit',
    cost_decimals: 5,
    pair_decimals: spec.priceDecimals,
    lot_decimals: spec.sizeDecimals,
    lot_multiplier: 1,
    leverage_buy: [2, 3, 4, 5],
    leverage_sell: [2, 3, 4, 5],
    fees: [[0, 0.26], [50000, 0.24]],
    fees_maker: [[0, 0.16], [50000, 0.14]],
    fee_volume_currency: 'ZUSD',
    margin_call: 80,
    margin_stop: 40,
    ordermin: (10 ** -Math.min(spec.sizeDecimals, 4)).toFixed(Math.min(spec.sizeDecimals, 4)),
    costmin: '0.5',
    tick_size: tick,
    status: 'online',
    long_position_limit: 250,
    short_position_limit: 200,
  };
}

const error = (message: string): SimHttpAnswer => ({ status: 200, body: JSON.stringify({ error: [message] }) });

/** The base whose pair goes by `name`: its result key, altname or wsname ("XXBTZUSD", "XBTUSD", "XBT/USD"). */
function baseNamed(name: string): string | undefined {
  return SIM_INSTRUMENTS.map(({ base }) => base).find((base) => {
    const names = namesOf(base);
    return [names.key, names.altname, names.wsname].includes(name);
  });
}

/** `pair` is a comma-separated list of pair names; without it every pair is listed. */
export function assetPairsAnswer(url: URL, context: SimVenueContext): SimHttpAnswer {
  if (url.pathname !== '/0/public/AssetPairs') return { status: 404, body: '' };
  const asked = url.searchParams.get('pair');
  const bases: string[] = [];
  for (const name of asked === null ? [] : asked.split(',')) {
    const base = baseNamed(name);
    if (base === undefined || !context.symbol(base)) return error('EQuery:Unknown asset pair');
    bases.push(base);
  }
  const listed = asked === null ? SIM_INSTRUMENTS.map(({ base }) => base) : bases;
  const result = Object.fromEntries(listed.map((base) => [namesOf(base).key, entry(namesOf(base), KRAKEN_SPECS[base] ?? { priceDecimals: 2, sizeDecimals: 8 })]));
  return { status: 200, body: JSON.stringify({ error: [], result }) };
}
