/**
 * How the simulated OKX writes its books and its instruments, for spot and swaps alike (./okx.ts
 * speaks the protocol). Read from OKX's docs, not from src/feeds (DESIGN.md, sim/):
 * https://www.okx.com/docs-v5/en/#order-book-trading-market-data-ws-order-book-channel and
 * #public-data-rest-api-get-instruments (pages as published in July 2026; the "Checksum" section
 * as published 2026-01-15, before the field was fixed to 0).
 */
import { crc32Signed } from '../../book/crc32.js';
import type { BookSpec, LevelChange, SimBook, Side } from '../market-model.js';
import { WIRE_LEVELS_BEST_FIRST } from '../best-first.js';

export type OkxSimInstType = 'SPOT' | 'SWAP';

/** One instrument as "Get instruments" lists it: strings, as the venue sends them. */
export interface OkxInstrument {
  readonly tickSz: string;
  readonly lotSz: string;
  /** Base units per contract ("ctVal=0.01 BTC for BTC-USDT-SWAP"); "" on spot. */
  readonly ctVal: string;
}

/**
 * BTC-USDT's tickSz "0.1" and lotSz "0.00000001" are the doc's Response Example, BTC-USDT-SWAP's
 * ctVal "0.01" its `ctVal` description; the rest are plausible values, not quoted from a doc.
 * Contract values are powers of ten, as OKX's linear USDT swaps use, so contracts convert exactly.
 */
const INSTRUMENTS: Readonly<Record<OkxSimInstType, Readonly<Record<string, OkxInstrument>>>> = {
  SPOT: {
    BTC: { tickSz: '0.1', lotSz: '0.00000001', ctVal: '' },
    ETH: { tickSz: '0.01', lotSz: '0.000001', ctVal: '' },
    SOL: { tickSz: '0.01', lotSz: '0.000001', ctVal: '' },
    XRP: { tickSz: '0.0001', lotSz: '0.000001', ctVal: '' },
    DOGE: { tickSz: '0.00001', lotSz: '0.000001', ctVal: '' },
    AVAX: { tickSz: '0.01', lotSz: '0.000001', ctVal: '' },
    LINK: { tickSz: '0.001', lotSz: '0.000001', ctVal: '' },
    HYPE: { tickSz: '0.001', lotSz: '0.0001', ctVal: '' },
  },
  SWAP: {
    BTC: { tickSz: '0.1', lotSz: '0.01', ctVal: '0.01' },
    ETH: { tickSz: '0.01', lotSz: '0.01', ctVal: '0.1' },
    SOL: { tickSz: '0.01', lotSz: '0.01', ctVal: '1' },
    XRP: { tickSz: '0.0001', lotSz: '0.01', ctVal: '100' },
    DOGE: { tickSz: '0.00001', lotSz: '0.01', ctVal: '1000' },
    AVAX: { tickSz: '0.01', lotSz: '0.01', ctVal: '1' },
    LINK: { tickSz: '0.001', lotSz: '0.01', ctVal: '1' },
    HYPE: { tickSz: '0.001', lotSz: '0.01', ctVal: '0.1' },
  },
};

const FALLBACK: Readonly<Record<OkxSimInstType, OkxInstrument>> = {
  SPOT: { tickSz: '0.01', lotSz: '0.000001', ctVal: '' },
  SWAP: { tickSz: '0.01', lotSz: '0.01', ctVal: '1' },
};

export function instrumentOf(instType: OkxSimInstType, base: string): OkxInstrument {
  return INSTRUMENTS[instType][base] ?? FALLBACK[instType];
}

const decimals = (text: string): number => text.split('.')[1]?.length ?? 0;

/**
 * The sim book in base units on OKX's grid. Spot sizes are lots; a swap's base-unit grid is one
 * contract (ctVal) where ctVal <= 1, so the wire shows whole contracts, and one base unit where
 * a contract is worth more (hundredths of an XRP contract).
 */
export function bookSpecOf(instType: OkxSimInstType, base: string): BookSpec {
  const instrument = instrumentOf(instType, base);
  const sizeDecimals = instType === 'SPOT' ? decimals(instrument.lotSz) : decimals(instrument.ctVal);
  return { priceDecimals: decimals(instrument.tickSz), sizeDecimals };
}

/** OKX prints numbers without trailing zeros: "8477", "8475.3", "0.06523858", "0". */
export function okxNumber(text: string): string {
  if (!text.includes('.')) return text;
  const trimmed = text.replace(/0+$/, '').replace(/\.$/, '');
  return trimmed === '' ? '0' : trimmed;
}

/** `value` × 10^`places`, exactly, on the decimal text: base units <-> contracts of a power-of-ten ctVal. */
export function shiftPoint(value: string, places: number): string {
  const [whole = '0', fraction = ''] = value.split('.');
  const digits = `${whole}${fraction}`;
  const point = whole.length + places;
  const padded = point > digits.length ? digits.padEnd(point, '0') : point < 0 ? `${'0'.repeat(-point)}${digits}` : digits;
  const at = Math.max(point, 0);
  const integer = padded.slice(0, at).replace(/^0+(?=\d)/, '') || '0';
  return okxNumber(`${integer}.${padded.slice(at)}`);
}

/** How a size in base units is written: itself on spot, in contracts on a swap. */
export function wireSize(instType: OkxSimInstType, base: string, size: string): string {
  if (instType === 'SPOT') return okxNumber(size);
  return shiftPoint(size, -Math.round(Math.log10(Number(instrumentOf(instType, base).ctVal))));
}

/** `[price, size, "0" (deprecated), number of orders]`; a removed level shows "0" orders. */
export type OkxLevel = [price: string, size: string, deprecated: '0', orders: string];

function level(instType: OkxSimInstType, base: string, price: string, size: string): OkxLevel {
  const wire = wireSize(instType, base, size);
  return [okxNumber(price), wire, '0', wire === '0' ? '0' : '1'];
}

/** A side of the book, best first, as the venue writes it. */
export function wireSide(instType: OkxSimInstType, book: SimBook, side: Side, limit?: number): OkxLevel[] {
  const wire: OkxLevel[] = [];
  for (const [price, size] of book.levels(side, limit)) wire.push(level(instType, book.base, price, size));
  return wire;
}

/** The changes of one step, one entry per price with its final size, asks ascending and bids descending. */
export function wireChanges(instType: OkxSimInstType, base: string, changes: readonly LevelChange[]): { asks: OkxLevel[]; bids: OkxLevel[] } {
  const latest = { bid: new Map<string, string>(), ask: new Map<string, string>() };
  for (const change of changes) latest[change.side].set(change.price, change.size);
  const wire = { bid: [] as OkxLevel[], ask: [] as OkxLevel[] };
  for (const side of ['bid', 'ask'] as const) {
    for (const [price, size] of [...latest[side]].sort(WIRE_LEVELS_BEST_FIRST[side])) wire[side].push(level(instType, base, price, size));
  }
  return { asks: wire.ask, bids: wire.bid };
}

/**
 * "Calculate Checksum": bid and ask of the first 25 levels a side alternately, `price:size` as
 * sent, a side that runs out skipped; CRC32 as a signed 32-bit integer.
 */
export function bookChecksum(instType: OkxSimInstType, book: SimBook): number {
  const bids = wireSide(instType, book, 'bid', 25);
  const asks = wireSide(instType, book, 'ask', 25);
  const parts: string[] = [];
  for (let i = 0; i < 25; i++) {
    if (bids[i]) parts.push(`${bids[i]![0]}:${bids[i]![1]}`);
    if (asks[i]) parts.push(`${asks[i]![0]}:${asks[i]![1]}`);
  }
  return crc32Signed(parts.join(':'));
}

/** An instrument as the doc's Response Example lists one: every key, in the shape of its type. */
export function instrumentEntry(instType: OkxSimInstType, base: string): Record<string, unknown> {
  const { tickSz, lotSz, ctVal } = instrumentOf(instType, base);
  const spot = instType === 'SPOT';
  const family = spot ? '' : `${base}-USDT`;
  return {
    alias: '', auctionEndTime: '', baseCcy: spot ? base : '', category: '1', ctMult: spot ? '' : '1', ctType: spot ? '' : 'linear',
    ctVal, ctValCcy: spot ? '' : base, contTdSwTime: '', expTime: '', futureSettlement: false, groupId: '1', instFamily: family,
    instId: spot ? `${base}-USDT` : `${base}-USDT-SWAP`, instType, lever: spot ? '10' : '100', listTime: '1606468572000',
    lotSz, maxIcebergSz: '9999999999.0000000000000000', maxLmtAmt: '1000000', maxLmtSz: '9999999999', maxMktAmt: '1000000',
    maxMktSz: '', maxStopSz: '', maxTriggerSz: '9999999999.0000000000000000', maxTwapSz: '9999999999.0000000000000000',
    minSz: lotSz, optType: '', openType: spot ? 'call_auction' : '', preMktSwTime: '', quoteCcy: spot ? 'USDT' : '',
    tradeQuoteCcyList: spot ? ['USDT'] : [], settleCcy: spot ? '' : 'USDT', state: 'live', ruleType: 'normal', stk: '', tickSz,
    uly: family, instIdCode: 1000000000, instCategory: '1', upcChg: [],
  };
}
