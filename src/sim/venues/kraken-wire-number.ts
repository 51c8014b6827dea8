/**
 * How Kraken v2 prints a price or quantity: a JSON number that drops trailing zeros but keeps one
 * after the point of a whole number, and switches to an exponent for tiny values — the forms its
 * doc examples show ("price": 45281.0, "price": 0.566, "qty_increment": 1e-08; book and
 * instrument pages, docs.kraken.com/exchange/api-reference/spot-websocket-v2, read 2026-11-29).
 * The client has to put the dropped zeros back for the checksum, so the simulator drops them.
 */

/** A formatted decimal ("0.12300000", "67250.0", "0.00001000") as Kraken's wire number text. */
export function wireNumber(text: string): string {
  const [whole = '0', fraction = ''] = text.split('.');
  const digits = fraction.replace(/0+$/, '');
  if (whole !== '0' || digits === '') return `${whole}.${digits || '0'}`;
  // Below 1e-4 the number goes out with an exponent: 0.00001 -> 1e-05, 0.000031 -> 3.1e-05.
  const zeros = /^0*/.exec(digits)![0].length;
  if (zeros < 4) return `0.${digits}`;
  const significant = digits.slice(zeros);
  const mantissa = significant.length > 1 ? `${significant[0]}.${significant.slice(1)}` : significant;
  return `${mantissa}e-${String(zeros + 1).padStart(2, '0')}`;
}
