/**
 * Benchmark 1, the hot path without sockets: each venue's depth frames through (a) bare
 * JSON.parse, the floor any JSON codec pays, (b) the venue codec's decode, (c) decode +
 * Book.apply into the books a feed would hold, and (p) ccxt's order-book handling of the same
 * frames (JSON.parse plus its handler), the peer. How each is timed: ./decode-workloads/workload.ts.
 * Recorded frames where a capture exists in the protocol the codec speaks, else our simulator's.
 *
 * BENCH_DECODE_ROUNDS (default 11) sets the rounds; BENCH_DECODE_VENUES (comma-separated venue
 * ids) runs only those sections, e.g. under `node --cpu-prof`.
 */
import { okx, okxSwap } from '../src/feeds/venues/okx.js';
import type { VenueId } from '../src/venues/ids.js';
import { loadCcxt, type Ccxt } from './ccxt-peer.js';
import { binanceSpotWorkload, binanceUsdmWorkload } from './decode-workloads/binance.js';
import { hyperliquidWorkload } from './decode-workloads/hyperliquid.js';
import { okxWorkload } from './decode-workloads/okx.js';
import { simulatedWorkload } from './decode-workloads/simulated.js';
import { ASTER, BINGX, BYBIT, BYBIT_LINEAR, COINBASE, KRAKEN } from './decode-workloads/venues.js';
import { framesSeen, measure, type Workload } from './decode-workloads/workload.js';
import type { Section } from './result.js';

const ROUNDS = Number(process.env['BENCH_DECODE_ROUNDS'] ?? 11);
const ONLY = process.env['BENCH_DECODE_VENUES']?.split(',').filter((id) => id !== '');

/** Venues in the order traders use them; each section's title and its workload. */
const SECTIONS: ReadonlyArray<{ readonly venue: VenueId; readonly title: string; readonly workload: (ccxt: Ccxt | undefined) => Workload | Promise<Workload> }> = [
  { venue: 'binance', title: 'Binance spot recorded depth diffs', workload: binanceSpotWorkload },
  { venue: 'hyperliquid', title: 'Hyperliquid l2Book pushes', workload: hyperliquidWorkload },
  { venue: 'bybit', title: 'Bybit spot orderbook.50 (simulator)', workload: (ccxt) => simulatedWorkload(BYBIT, ccxt) },
  { venue: 'bybit-linear', title: 'Bybit linear orderbook.50 (simulator)', workload: (ccxt) => simulatedWorkload(BYBIT_LINEAR, ccxt) },
  { venue: 'okx', title: 'OKX spot recorded books', workload: (ccxt) => okxWorkload(okx(), 'BTC-USDT', ccxt) },
  { venue: 'okx-swap', title: 'OKX swap recorded books', workload: (ccxt) => okxWorkload(okxSwap(), 'UNI-USD-SWAP', ccxt) },
  { venue: 'binance-usdm', title: 'Binance USDⓈ-M recorded depth diffs', workload: binanceUsdmWorkload },
  { venue: 'coinbase', title: 'Coinbase level2 (simulator)', workload: (ccxt) => simulatedWorkload(COINBASE, ccxt) },
  { venue: 'kraken', title: 'Kraken v2 book (simulator)', workload: (ccxt) => simulatedWorkload(KRAKEN, ccxt) },
  { venue: 'bingx', title: 'BingX depth100, gzip (simulator)', workload: (ccxt) => simulatedWorkload(BINGX, ccxt) },
  { venue: 'aster', title: 'Aster depth diffs (simulator)', workload: (ccxt) => simulatedWorkload(ASTER, ccxt) },
];

export async function decodeBench(): Promise<Section[]> {
  const loaded = await loadCcxt();
  const ccxt = 'ccxt' in loaded ? loaded.ccxt : undefined;
  const peerMissing = 'missing' in loaded ? `(p) skipped: ${loaded.missing}` : undefined;
  const version = ccxt ? ` vs ccxt ${ccxt.version}` : '';
  const sections: Section[] = [];
  for (const [i, section] of SECTIONS.entries()) {
    if (ONLY && !ONLY.includes(section.venue)) continue;
    const workload = await section.workload(ccxt);
    sections.push(measure(`1${String.fromCharCode(0x61 + i)}. Ingest: ${section.title}${version}`, workload, { rounds: ROUNDS, peerMissing }));
  }
  if (framesSeen() === 0) throw new Error('bench: nothing was decoded');
  return sections;
}
