/**
 * The docs' example messages (test/fixtures/<venue>/<name>.json, each citing its doc) as the
 * yardstick for simulated frames: same keys, same JSON types, so sim and client are pinned to
 * the same source.
 */
import { readFileSync } from 'node:fs';

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The example a fixture holds: its `frame` (a WebSocket message) or `body` (a REST answer). */
export function docExample(venue: string, name: string): unknown {
  const file: unknown = JSON.parse(readFileSync(new URL(`../fixtures/${venue}/${name}.json`, import.meta.url), 'utf8'));
  if (isRecord(file) && 'frame' in file) return file['frame'];
  if (isRecord(file) && 'body' in file) return file['body'];
  throw new Error(`fixture ${venue}/${name} has neither "frame" nor "body"`);
}

function kind(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/**
 * Every place where `actual` lacks a key the example has or holds another JSON type; [] when it
 * has the example's shape. Array items are each checked against the example's first item.
 */
export function shapeErrors(actual: unknown, example: unknown, path = '$'): string[] {
  if (kind(actual) !== kind(example)) return [`${path}: expected ${kind(example)}, got ${kind(actual)}`];
  if (Array.isArray(example) && Array.isArray(actual)) {
    if (example.length === 0) return [];
    return actual.flatMap((item: unknown, i) => shapeErrors(item, example[0], `${path}[${i}]`));
  }
  if (isRecord(example) && isRecord(actual)) {
    return Object.keys(example).flatMap((key) =>
      key in actual ? shapeErrors(actual[key], example[key], `${path}.${key}`) : [`${path}.${key}: missing`],
    );
  }
  return [];
}
