/** How numbers read on screen: fixed widths, so columns stay put while values change. */

export function formatPrice(price: number | undefined, decimals: number): string {
  if (price === undefined || !Number.isFinite(price)) return '—';
  return price.toFixed(decimals);
}

/** Sizes in four significant characters or so: 0.0123, 1.234, 12.35, 1234, 12.3k, 1.23M. */
export function formatSize(size: number): string {
  if (!Number.isFinite(size)) return '—';
  const abs = Math.abs(size);
  if (abs >= 1e9) return `${(size / 1e9).toFixed(2)}B`;
  if (abs >= 1e6) return `${(size / 1e6).toFixed(2)}M`;
  if (abs >= 1e4) return `${(size / 1e3).toFixed(1)}k`;
  if (abs >= 1000) return size.toFixed(0);
  if (abs >= 100) return size.toFixed(1);
  if (abs >= 10) return size.toFixed(2);
  if (abs >= 1) return size.toFixed(3);
  if (abs === 0) return '0';
  return size.toPrecision(3);
}

export function formatAge(seconds: number | undefined): string {
  if (seconds === undefined) return '—';
  if (seconds < 1) return '<1s';
  if (seconds < 100) return `${seconds}s`;
  if (seconds < 6000) return `${Math.floor(seconds / 60)}m`;
  return `${Math.floor(seconds / 3600)}h`;
}

/**
 * Exchange time to receipt in at most six characters, whatever its size: 12ms, 3.6s, 36s, 60m, 5h,
 * 12d. Negative is clock skew, shown as it is: the venue's clock is ahead of this computer's.
 */
export function formatLatency(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  const rounded = Math.round(ms);
  if (Math.abs(rounded) < 1000) return `${rounded}ms`;
  const sign = ms < 0 ? '-' : '';
  // Past the ms range (-999.6 rounds to -1000): at least a whole second.
  const tenths = Math.max(10, Math.floor(Math.abs(ms) / 100));
  const seconds = Math.floor(tenths / 10);
  if (seconds < 10) return `${sign}${(tenths / 10).toFixed(1)}s`;
  if (seconds < 100) return `${sign}${seconds}s`;
  if (seconds < 100 * 60) return `${sign}${Math.floor(seconds / 60)}m`;
  if (seconds < 100 * 3600) return `${sign}${Math.floor(seconds / 3600)}h`;
  const days = Math.floor(seconds / 86_400);
  return days < 1000 ? `${sign}${days}d` : `${sign}999d+`;
}

/**
 * A venue's own price at its own tick's decimals, trailing zeros kept, so one venue's prices
 * always print at one width (67261.90, not 67261.9); without a known tick, every decimal it has.
 */
export function formatVenuePrice(price: number | undefined, decimals: number | undefined): string {
  if (price === undefined || !Number.isFinite(price)) return '—';
  return decimals !== undefined ? price.toFixed(decimals) : String(Number(price.toFixed(8)));
}

/** Basis points with a sign: +0.42 bp under 10, +12.3 bp above. */
export function formatBps(bps: number): string {
  if (!Number.isFinite(bps)) return '—';
  const sign = bps > 0 ? '+' : bps < 0 ? '-' : '';
  const abs = Math.abs(bps);
  return `${sign}${abs.toFixed(abs < 10 ? 2 : 1)}bp`;
}

/** Local wall-clock time of day, to the second: when an event happened. */
export function formatClock(at: number): string {
  const date = new Date(at);
  return [date.getHours(), date.getMinutes(), date.getSeconds()].map((part) => String(part).padStart(2, '0')).join(':');
}

export function padLeft(text: string, width: number): string {
  return text.length >= width ? text : ' '.repeat(width - text.length) + text;
}

export function padRight(text: string, width: number): string {
  return text.length >= width ? text.slice(0, width) : text + ' '.repeat(width - text.length);
}

/** A bar of `fraction` of `width` cells, in eighths for a smooth edge. */
export function bar(fraction: number, width: number): string {
  const eighths = Math.round(Math.max(0, Math.min(1, fraction)) * width * 8);
  const full = Math.floor(eighths / 8);
  const rest = eighths % 8;
  const partial = rest > 0 ? ' ▏▎▍▌▋▊▉'[rest]! : '';
  return '█'.repeat(full) + partial;
}

/**
 * `text` in `width` characters: whole if it fits, else cut at the last word that fits, followed
 * by `more` (which says where the rest is), so nothing is cut mid-word.
 */
export function fitWords(text: string, width: number, more: string): string {
  if (text.length <= width) return text;
  const room = width - more.length;
  if (room <= 0) return text.slice(0, width);
  const cut = text.slice(0, room + 1).lastIndexOf(' ');
  return `${text.slice(0, cut > 0 ? cut : room)}${more}`;
}

/** `text` broken into lines of at most `width` characters, at spaces where it can be. */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let rest = text;
  while (rest.length > width) {
    const cut = rest.slice(0, width + 1).lastIndexOf(' ');
    const at = cut > 0 ? cut : width;
    lines.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^ /, '');
  }
  lines.push(rest);
  return lines;
}
