/**
 * The layer rules of DESIGN.md, read off the import lines of every source file. `import type`
 * is allowed where implementations are not: a type has no behaviour to smuggle in.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

interface ImportLine {
  readonly file: string;
  readonly target: string;
  readonly typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const IMPORT = /^\s*(?:import|export)\s+(type\s+)?(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
const DYNAMIC = /import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): ImportLine[] {
  const text = readFileSync(file, 'utf8');
  const lines: ImportLine[] = [];
  const rel = relative(SRC, file);
  for (const match of text.matchAll(IMPORT)) lines.push({ file: rel, target: resolveTarget(file, match[2]!), typeOnly: match[1] !== undefined });
  for (const match of text.matchAll(DYNAMIC)) lines.push({ file: rel, target: resolveTarget(file, match[1]!), typeOnly: false });
  return lines;
}

/** Relative imports become paths under src/ ("feeds/feed"); packages stay as named. */
function resolveTarget(file: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier;
  return relative(SRC, resolve(dirname(file), specifier)).replace(/\.js$/, '');
}

interface Rule {
  readonly layer: RegExp;
  readonly forbidden: RegExp;
  readonly typesAllowed: boolean;
  readonly why: string;
}

const NODE_IO = /^(node:)?(fs|net|http|https|child_process|dgram|tls|timers|fs\/promises)$/;

const RULES: readonly Rule[] = [
  { layer: /^feeds\/venues\//, forbidden: /^(ws|pool\/|store\/|ui\/|sim\/)/, typesAllowed: false, why: 'a codec is pure: no sockets, no layers above' },
  { layer: /^feeds\/venues\//, forbidden: NODE_IO, typesAllowed: false, why: 'a codec does no I/O' },
  { layer: /^book\//, forbidden: /^(?!book\/)/, typesAllowed: false, why: 'book is pure arithmetic' },
  { layer: /^feeds\//, forbidden: /^(pool|store|ui|hyperliquid|sim|record)\//, typesAllowed: false, why: 'feeds know nothing above them' },
  { layer: /^record\//, forbidden: /^(pool|store|ui|hyperliquid|sim)\//, typesAllowed: false, why: 'recording and replay sit on the feeds alone' },
  { layer: /^pool\//, forbidden: /^(store|ui|sim)\//, typesAllowed: false, why: 'pool is lifecycle only' },
  { layer: /^hyperliquid\//, forbidden: /^(ui|store|sim)\//, typesAllowed: false, why: 'the money path stays isolated' },
  { layer: /^sim\//, forbidden: /^(feeds\/venues\/|feeds\/feed$|pool\/|store\/|ui\/)/, typesAllowed: false, why: 'the simulator is an independent reading of the docs' },
  { layer: /^store\//, forbidden: /^(ui|sim)\//, typesAllowed: false, why: 'the store is a view model' },
  { layer: /^ui\//, forbidden: /^(feeds|pool|hyperliquid|sim)\//, typesAllowed: true, why: 'ui sees types only' },
  { layer: /^(?!cli\/)/, forbidden: /^cli\//, typesAllowed: false, why: 'nothing imports the composition root' },
  { layer: /^(?!cli\/|venues\/)/, forbidden: /^venues\/(registry|descriptor)$/, typesAllowed: false, why: 'the registry joins codecs and simulators: only the composition root holds it' },
  { layer: /^wire\//, forbidden: /^(book|feeds|pool|store|ui|sim|hyperliquid|venues|cli)\//, typesAllowed: false, why: 'wire reading is a leaf every layer may use' },
];

function violations(lines: readonly ImportLine[], rules: readonly Rule[] = RULES): string[] {
  const found: string[] = [];
  for (const line of lines) {
    for (const rule of rules) {
      if (!rule.layer.test(line.file) || !rule.forbidden.test(line.target)) continue;
      if (line.typeOnly && rule.typesAllowed) continue;
      found.push(`${line.file} imports ${line.target}: ${rule.why}`);
    }
  }
  return found;
}

describe('layer import rules (DESIGN.md)', () => {
  const lines = sourceFiles(SRC).flatMap(importsOf);

  it('reads the import lines of the whole tree', () => {
    expect(lines.length).toBeGreaterThan(50);
    expect(lines.some((line) => line.file.startsWith('ui/') && line.target === 'ink')).toBe(true);
  });

  it('has no import that crosses a layer boundary', () => {
    expect(violations(lines)).toEqual([]);
  });

  it('catches a crossing when there is one', () => {
    const planted: ImportLine[] = [
      { file: 'book/book.ts', target: 'feeds/types', typeOnly: true },
      { file: 'sim/venues/binance-spot.ts', target: 'feeds/venues/binance-spot', typeOnly: false },
      { file: 'ui/app.tsx', target: 'pool/symbol-pool', typeOnly: false },
      { file: 'ui/app.tsx', target: 'pool/symbol-pool', typeOnly: true },
      { file: 'feeds/venues/okx.ts', target: 'ws', typeOnly: false },
      { file: 'sim/demo.ts', target: 'venues/registry', typeOnly: false },
      { file: 'wire/json.ts', target: 'feeds/types', typeOnly: true },
      { file: 'feeds/feed.ts', target: 'record/recorder', typeOnly: false },
      { file: 'record/replayer.ts', target: 'sim/demo', typeOnly: false },
      { file: 'record/replayer.ts', target: 'venues/registry', typeOnly: false },
    ];
    expect(violations(planted)).toHaveLength(9);
  });
});
