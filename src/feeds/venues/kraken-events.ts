/** Event helpers both Kraken protocol readers (kraken-v1.ts, kraken-v2.ts) share. */
import type { ErrorEvent, IgnoredEvent, PongEvent, SubscribedEvent } from '../types.js';

export const IGNORED: IgnoredEvent = { type: 'ignored' };
export const PONG: PongEvent = { type: 'pong' };
export const SUBSCRIBED: SubscribedEvent = { type: 'subscribed' };

export function krakenError(message: string, extra?: Omit<ErrorEvent, 'type' | 'message'>): ErrorEvent {
  return { type: 'error', message: `Kraken: ${message}`, ...extra };
}

/**
 * A checksum as the venue printed it (v1 a quoted string, v2 a number read as its text): an
 * unsigned 32-bit integer, or undefined.
 */
export function readChecksum(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d{1,10}$/.test(value)) return undefined;
  const checksum = Number(value);
  return checksum <= 0xffff_ffff ? checksum : undefined;
}

/**
 * Subscribe errors that mean the pair does not exist under that name: v2 {"error":"Currency pair
 * not supported XBT/EUR",...}, v1 {"errorMessage":"Currency pair not in ISO 4217-A3 format
 * XBT-USDT",...} (texts as the live venue returns them, quoted in nautilus_trader#3509 and
 * cryptofeed#980).
 */
export function meansNotListed(message: string): boolean {
  return /currency pair not (supported|in ISO 4217)/i.test(message);
}

/** A JSON value as short text for an error message (never String(): a parsed {"toString":1} throws). */
export function show(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined').slice(0, 120);
}
