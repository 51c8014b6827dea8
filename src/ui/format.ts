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

/** A venue's own price as it quotes it: every decimal it has, no padding (67261.93, 0.15421). */
export function formatVenuePrice(price: number | undefined): string {
  if (price === undefined || !Number.isFinite(price)) return '—';
  return String(Number(price.toFixed(8)));
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
