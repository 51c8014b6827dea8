/**
 * A cursor over JSON text that reads one exact spelling of each value and refuses anything else.
 * A venue codec uses it to read its hot frame in one pass instead of JSON.parse and guards: the
 * parse builds a tree of objects that is thrown away at once, and the guards walk it again.
 * Whatever this refuses (whitespace, escapes, signs, exponents, another key
 * order) the codec hands to its general path, so being strict costs speed, never correctness.
 *
 * Each read either consumes its value and returns it, or consumes nothing and says no (-1 for a
 * number, undefined for text). Nothing here throws.
 */
import { isDigit, MAX_FINITE_INTEGER_DIGITS } from './json.js';

/** Character codes of JSON's one-character tokens, for `skipChar`. */
export const COMMA = 0x2c;
export const OPEN_ARRAY = 0x5b;
export const CLOSE_ARRAY = 0x5d;
export const CLOSE_OBJECT = 0x7d;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const DOT = 0x2e;
const MINUS = 0x2d;
const ZERO = 0x30;
/** JSON strings may not hold control characters unescaped (RFC 8259 §7). */
const FIRST_PLAIN = 0x20;
const INT32_MAX = 2 ** 31 - 1;
/** Number.MAX_SAFE_INTEGER has 16 digits. */
const MAX_SEQ_DIGITS = 16;

/**
 * Made once and pointed at each frame with `read`: a fresh scanner per frame would leave none
 * alive at a full GC, its hidden class would die with them, and V8 would throw away the optimized
 * code built on it (seen as "weak objects" deopts under --trace-deopt after each forced GC of the
 * decode bench), compiling it again after every major collection. It holds the last frame's text until the next one.
 */
export class TextScanner {
  private text = '';
  private pos = 0;

  /** Start reading `text` from its first character. */
  read(text: string): this {
    this.text = text;
    this.pos = 0;
    return this;
  }

  /** Every character has been read. */
  get done(): boolean {
    return this.pos === this.text.length;
  }

  /** Step over `literal` if the text goes on with exactly it. */
  skip(literal: string): boolean {
    if (!this.text.startsWith(literal, this.pos)) return false;
    this.pos += literal.length;
    return true;
  }

  /**
   * Match `pattern`, a sticky regular expression (flag `y`), here, and step over what it matched;
   * null, consuming nothing, if it does not match. For a run of fixed spelling with values inside
   * (one Coinbase update, ~110 characters), irregexp's compiled matcher reads the characters about
   * five times faster than `skip` and charCodeAt loops do.
   */
  match(pattern: RegExp): RegExpExecArray | null {
    pattern.lastIndex = this.pos;
    const found = pattern.exec(this.text);
    if (found !== null) this.pos = pattern.lastIndex;
    return found;
  }

  /** Step over the character `code` if it comes next (the one-character `skip`, small enough to inline). */
  skipChar(code: number): boolean {
    if (this.text.charCodeAt(this.pos) !== code) return false;
    this.pos++;
    return true;
  }

  /**
   * A non-negative integer that a JS number holds exactly, written as JSON.stringify writes it:
   * digits only, no leading zero, no sign, fraction or exponent (what follows is the caller's
   * next literal, so "12.5" or "12e3" fails there). -1 if there is none.
   */
  seq(): number {
    const { text } = this;
    const start = this.pos;
    let i = start;
    let value = 0;
    while (i < text.length && isDigit(text.charCodeAt(i))) {
      value = value * 10 + (text.charCodeAt(i) - ZERO);
      i++;
    }
    const digits = i - start;
    if (digits === 0 || digits > MAX_SEQ_DIGITS) return -1;
    if (digits > 1 && text.charCodeAt(start) === ZERO) return -1;
    // Up to 15 digits every step is exact; a 16th can round, but never below 2^53 when the true
    // value is at or above it, so anything unsafe is still caught here.
    if (value > Number.MAX_SAFE_INTEGER) return -1;
    this.pos = i;
    return value;
  }

  /**
   * A quoted plain decimal ("68674.0", "0.35130000"), the text between the quotes: digits, then
   * optionally a dot and at least one digit, as `isDecimalString` accepts, with at most 308
   * integer digits. undefined if the next value is anything else.
   */
  decimalString(): string | undefined {
    const { text } = this;
    if (text.charCodeAt(this.pos) !== QUOTE) return undefined;
    const start = this.pos + 1;
    const end = this.decimalEnd(start);
    if (end < 0 || text.charCodeAt(end) !== QUOTE) return undefined;
    this.pos = end + 1;
    return text.slice(start, end);
  }

  /**
   * A 32-bit signed integer as JSON.stringify writes it (OKX checksums: -345657839): an optional
   * minus, digits, no leading zero and no "-0". undefined if there is none or it is out of range.
   */
  int32(): number | undefined {
    const start = this.pos;
    const negative = this.text.charCodeAt(start) === MINUS;
    if (negative) this.pos++;
    const magnitude = this.seq();
    if (magnitude < 0 || (negative && magnitude === 0) || magnitude > (negative ? INT32_MAX + 1 : INT32_MAX)) {
      this.pos = start;
      return undefined;
    }
    return negative ? -magnitude : magnitude;
  }

  /** Where the plain decimal starting at `start` ends (digits, optionally a dot and digits), or -1. */
  private decimalEnd(start: number): number {
    const { text } = this;
    let i = start;
    // charCodeAt past the end is NaN, which is no digit: the loops stop there.
    while (isDigit(text.charCodeAt(i))) i++;
    const integerDigits = i - start;
    if (integerDigits === 0 || integerDigits > MAX_FINITE_INTEGER_DIGITS) return -1;
    if (text.charCodeAt(i) === DOT) {
      const dot = i++;
      while (isDigit(text.charCodeAt(i))) i++;
      if (i === dot + 1) return -1;
    }
    return i;
  }

  /**
   * A quoted string with no escape and no control character: its text is exactly what JSON.parse
   * would make of it. undefined if the next value is anything else.
   */
  plainString(): string | undefined {
    const end = this.plainStringEnd();
    if (end < 0) return undefined;
    const start = this.pos + 1;
    this.pos = end + 1;
    return this.text.slice(start, end);
  }

  /** Step over a quoted string as `plainString` reads it, without copying it out. */
  skipPlainString(): boolean {
    const end = this.plainStringEnd();
    if (end < 0) return false;
    this.pos = end + 1;
    return true;
  }

  /** Where the closing quote of the plain string starting here is, or -1. */
  private plainStringEnd(): number {
    const { text } = this;
    if (text.charCodeAt(this.pos) !== QUOTE) return -1;
    for (let i = this.pos + 1; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === QUOTE) return i;
      if (code === BACKSLASH || code < FIRST_PLAIN) return -1;
    }
    return -1;
  }
}
