/**
 * The demo's Hyperliquid account: a fresh key made for this run only, and a few open positions
 * near the market so the positions pane and the close key can be tried end to end. The key lives
 * in memory for the life of the process and is never written anywhere.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { addressFromPrivateKey } from '../hyperliquid/signing.js';
import type { HyperliquidExchangeSim } from './hyperliquid-exchange.js';
import type { MarketModel } from './market-model.js';

export interface DemoAccount {
  readonly address: string;
  readonly privateKey: string;
}

/** Sizes and entries chosen so the demo shows a winner, a loser and a short. */
const DEMO_POSITIONS = [
  { coin: 'BTC', size: 0.25, entryOffset: -0.004, leverage: 10 },
  { coin: 'ETH', size: -3, entryOffset: -0.006, leverage: 5 },
  { coin: 'SOL', size: 40, entryOffset: 0.003, leverage: 3 },
] as const;

export function createDemoAccount(exchange: HyperliquidExchangeSim, model: MarketModel): DemoAccount {
  const privateKey = `0x${bytesToHex(secp256k1.utils.randomSecretKey())}`;
  const address = addressFromPrivateKey(privateKey);
  exchange.createAccount(address, {
    usdc: 25_000,
    positions: DEMO_POSITIONS.map(({ coin, size, entryOffset, leverage }) => {
      const mid = model.mid(coin);
      return { coin, szi: size, entryPx: Number((mid * (1 + entryOffset)).toPrecision(5)), leverage };
    }),
  });
  return { address, privateKey };
}
