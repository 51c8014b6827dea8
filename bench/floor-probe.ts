/**
 * The floor under a cold symbol switch: how soon a bare client, with no pool, no feed machinery
 * and no frame clock, could hold a correct book of a symbol on every venue of the demo. Per venue
 * it follows the venue's documented procedure with the same codec: open the socket and subscribe;
 * for a REST-snapshot venue (Binance) ask the snapshot once the socket is open and wait for a diff
 * that reaches past it; for the others wait for the first book. The slowest venue sets the floor.
 */
import WebSocket from 'ws';
import type { VenueAdapter } from '../src/feeds/types.js';

const TIMEOUT_MS = 10_000;

/** Milliseconds until every venue could show `base`. */
export async function bookRoundTrip(adapters: readonly VenueAdapter[], base: string): Promise<number> {
  const start = performance.now();
  const done = await Promise.all(adapters.map((adapter) => venueReady(adapter, base)));
  return Math.max(...done) - start;
}

/** Resolves with performance.now() at the moment this venue's book could be shown. */
function venueReady(adapter: VenueAdapter, base: string): Promise<number> {
  const symbol = adapter.symbolFor(base);
  if (symbol === undefined) return Promise.reject(new Error(`bench: ${adapter.id} cannot quote ${base}`));
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(adapter.url(symbol));
    const rest = adapter.restSnapshot;
    let snapshotSeq: number | undefined;
    let newestSeq = -1;
    let finished = false;
    const finish = (error?: Error): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      socket.terminate();
      if (error) reject(error);
      else resolve(performance.now());
    };
    const timer = setTimeout(() => finish(new Error(`bench: no ${adapter.id} book for ${base} within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    const check = (): void => {
      if (snapshotSeq !== undefined && newestSeq > snapshotSeq) finish();
    };
    socket.on('error', (error) => finish(error));
    socket.on('open', () => {
      for (const frame of adapter.subscribe(symbol)) socket.send(frame);
      if (!rest) return;
      fetch(rest.url(symbol))
        .then((answer) => answer.text())
        .then((body) => {
          const snapshot = rest.decode(body);
          if (snapshot.type !== 'snapshot' || snapshot.seq === undefined) throw new Error(`bench: ${adapter.id} snapshot: ${body.slice(0, 80)}`);
          snapshotSeq = snapshot.seq;
          check();
        })
        .catch((error: unknown) => finish(error instanceof Error ? error : new Error(String(error))));
    });
    socket.on('message', (data, isBinary) => {
      const frame = isBinary ? new Uint8Array(data as Buffer) : (data as Buffer).toString();
      for (const event of adapter.decode(frame)) {
        if (event.type === 'snapshot' && !rest) return finish();
        if (event.type === 'delta' && event.lastSeq !== undefined) newestSeq = Math.max(newestSeq, event.lastSeq);
      }
      check();
    });
  });
}
