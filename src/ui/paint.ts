/**
 * Colour spans built as text, for rows drawn as one string instead of one Ink node per span:
 * Ink's cost per frame grows with its nodes (each is reconciled, squashed and sanitized), and a
 * ladder row has up to fifteen spans. Colours are read as `<Text color>` reads them (Ink's
 * colorize.js: a chalk colour name or `#rrggbb`, anything else left plain) by the chalk instance
 * Ink itself draws with, so a span looks the same either way, and NO_COLOR, FORCE_COLOR and the
 * terminal's colour depth apply alike.
 */
import chalk, { foregroundColorNames, type ForegroundColorName } from 'chalk';

type Style = (text: string) => string;

const plain: Style = (text) => text;
/** Built per colour at one colour depth (chalk writes `#rrggbb` as the depth allows). */
const styles = new Map<string, Style>();
let stylesLevel = chalk.level;

function isColorName(color: string): color is ForegroundColorName {
  return (foregroundColorNames as readonly string[]).includes(color);
}

function styleFor(color: string): Style {
  if (chalk.level !== stylesLevel) {
    styles.clear();
    stylesLevel = chalk.level;
  }
  let style = styles.get(color);
  if (style === undefined) {
    style = color.startsWith('#') ? chalk.hex(color) : isColorName(color) ? chalk[color] : plain;
    styles.set(color, style);
  }
  return style;
}

/** `text` in `color`; empty text stays empty, as Ink leaves it. */
export function paint(text: string, color: string): string {
  return text.length === 0 ? text : styleFor(color)(text);
}
