/**
 * Kraken v2 prints prices and quantities as JSON numbers ("price": 45283.5, "qty": 0.001), yet
 * its checksum is defined on their decimal text. JSON.parse would turn them into binary doubles:
 * a 16-digit quantity may not survive the round trip, and the text is gone. So the codec reads
 * the raw text instead: `quoteNumbers` wraps every number token of a frame in quotes before
 * parsing, and `plainDecimal` turns the token into plain decimal text ("1e-08" -> "0.00000001").
 * The trailing zeros the venue dropped are put back by the checksum, from the pair's precision
 * (kraken-checksum.ts). Pure string work: no floating point.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;

/** Characters that continue a JSON number token once it has started. */
function inNumber(code: number): boolean {
  return (code >= ZERO && code <= NINE) || code === 0x2e || code === 0x65 || code === 0x45 || code === 0x2b || code === MINUS;
}

/**
 * The frame with every number outside a string quoted: `{"qty":0.5}` -> `{"qty":"0.5"}`. Text
 * that is not JSON stays not JSON (only number tokens change), so the parser still rejects it.
 */
export function quoteNumbers(text: string): string {
  const parts: string[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      i++;
      while (i < text.length) {
        const inside = text.charCodeAt(i);
        if (inside === BACKSLASH) i += 2;
        else if (inside === QUOTE) break;
        else i++;
      }
      i++;
      continue;
    }
    if (code === MINUS || (code >= ZERO && code <= NINE)) {
      let end = i + 1;
      while (end < text.length && inNumber(text.charCodeAt(end))) end++;
      parts.push(text.slice(start, i), '"', text.slice(i, end), '"');
      start = end;
      i = end;
      continue;
    }
    i++;
  }
  if (start === 0) return text;
  parts.push(text.slice(start));
  return parts.join('');
}

const NUMBER = /^(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d{1,3}))?$/;

/**
 * A non-negative JSON number token as plain decimal text ("45283.5", "0", "0.00000001"), or
 * undefined when it is not one. An exponent shifts the decimal point in the text itself.
 */
export function plainDecimal(token: string): string | undefined {
  const match = NUMBER.exec(token);
  if (!match) return undefined;
  const [, whole = '', fraction = '', exponent] = match;
  if (exponent === undefined) return token;
  const shift = Number(exponent);
  const digits = whole + fraction;
  // Where the decimal point falls within `digits` after the shift.
  const point = whole.length + shift;
  if (point <= 0) return trimWhole(`0.${'0'.repeat(-point)}${digits}`);
  if (point >= digits.length) return trimWhole(digits + '0'.repeat(point - digits.length));
  return trimWhole(`${digits.slice(0, point)}.${digits.slice(point)}`);
}

/** Leading zeros of the whole part removed, one kept before the point ("007.5" -> "7.5"). */
function trimWhole(text: string): string {
  return text.replace(/^0+(?=\d)/, '');
}
