/**
 * Safe reading of wire text, for the venue codecs and the Hyperliquid clients alike: frame ->
 * text -> unknown, then narrow with guards. Nothing here throws; a caller turns a failed read
 * into its own error value.
 */

export type JsonRead = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A frame as text; bytes are decoded as UTF-8 (undefined if they are not valid UTF-8). */
export function frameText(frame: string | Uint8Array): string | undefined {
  if (typeof frame === 'string') return frame;
  try {
    return utf8.decode(frame);
  } catch {
    return undefined;
  }
}

export function parseJson(text: string): JsonRead {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, error: errorMessage(err) };
  }
}

export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-negative integer id or timestamp that a JS number holds exactly. */
export function isSeq(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/**
 * A price or size as venues write it: a plain non-negative decimal ("0.35130000", "68674.0").
 * Checked here because `Book` throws on a level it cannot parse, and decode must not let a bad
 * frame reach it. One pass over the characters, no regex and no number parse (the book parses
 * each price once): with 308 integer digits or fewer the value is below 1e308 and so finite;
 * only a longer one (never sent by a venue) is parsed to see whether it overflows to Infinity.
 */
export function isDecimalString(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const length = value.length;
  let i = 0;
  while (i < length && isDigit(value.charCodeAt(i))) i++;
  const integerDigits = i;
  if (integerDigits === 0) return false;
  if (i < length) {
    if (value.charCodeAt(i) !== 0x2e) return false;
    const dot = i++;
    while (i < length && isDigit(value.charCodeAt(i))) i++;
    if (i !== length || i === dot + 1) return false;
  }
  return integerDigits <= MAX_FINITE_INTEGER_DIGITS || Number.isFinite(Number(value));
}

/** A decimal with this many integer digits or fewer is below 1e308, so a double holds it as a finite value. */
export const MAX_FINITE_INTEGER_DIGITS = 308;

export function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** A short, one-line excerpt of a frame for an error message. */
export function excerpt(text: string, max = 120): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

/**
 * Any parsed value as a short one-line text for a message. Never throws: JSON.stringify throws on
 * a value nested a few thousand deep (a frame anyone can send), and String() on {"toString":1}.
 */
export function describeValue(value: unknown, max = 120): string {
  try {
    return excerpt(typeof value === 'string' ? value : JSON.stringify(value) ?? String(value), max);
  } catch {
    return Array.isArray(value) ? '[…]' : typeof value === 'object' && value !== null ? '{…}' : typeof value;
  }
}

/** What a caught value says went wrong, as one line: an Error's message, else the value as text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : describeValue(error);
}
