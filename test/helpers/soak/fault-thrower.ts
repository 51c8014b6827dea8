/**
 * Throws random faults at the venues of a soak, one venue at a time: the network's (through the
 * venue's FaultProxy) and the simulators' named ones. Kinds are dealt from a shuffled deck so a
 * short run still throws every kind; a venue rests `restMs` after a fault so that what it sees
 * next is the effect of that fault alone. Every fault thrown is logged with its time and venue.
 */
import { randomBytes } from 'node:crypto';
import type { FaultProxy } from '../fault-proxy.js';
import type { ProtocolFault, VenueServer } from '../../../src/sim/venue-server.js';
import type { LastingFault, OneShotFault } from '../../../src/sim/faults.js';
import { seededRandom } from '../../../src/sim/market-model.js';
import type { FaultEvent } from './soak-checker.js';

export interface SoakVenue {
  readonly id: string;
  readonly server: VenueServer;
  readonly proxy: FaultProxy;
}

/** Below the WebSocket: what a network does and a simulator cannot script. */
const NETWORK_FAULTS = ['blackhole', 'close-frame-then-silence', 'reset', 'garbage-bytes'] as const;
/** Thrown by the simulator itself; protocol faults only where the venue's simulator can commit them. */
const ONE_SHOT: readonly OneShotFault[] = ['gap', 'bad-checksum', 'server-shutdown', 'drop', 'garbage', 'burst'];
const LASTING: readonly LastingFault[] = ['stall', 'heartbeat-only', 'slow-snapshot', 'refuse'];
/** These bite only a new connection or snapshot: the link is dropped to make one. */
const NEEDS_RECONNECT: readonly LastingFault[] = ['slow-snapshot', 'refuse'];
const PROTOCOL: readonly string[] = ['gap', 'bad-checksum', 'no-pong', 'server-shutdown'] satisfies readonly ProtocolFault[];

export const FAULT_KINDS: readonly string[] = [...NETWORK_FAULTS, ...ONE_SHOT, ...LASTING];

export interface ThrowerOptions {
  readonly everyMs: number;
  readonly restMs: number;
  /** How long a lasting fault holds. */
  readonly holdMs: number;
  readonly seed: number;
  /** The kinds to deal from; every kind by default. */
  readonly kinds?: readonly string[];
}

export class FaultThrower {
  readonly thrown: FaultEvent[] = [];
  private readonly random: () => number;
  private readonly lastAt = new Map<string, number>();
  private deck: string[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly venues: readonly SoakVenue[],
    private readonly options: ThrowerOptions,
  ) {
    this.random = seededRandom(options.seed);
    const unknown = options.kinds?.find((kind) => !FAULT_KINDS.includes(kind));
    if (unknown !== undefined) throw new Error(`unknown fault kind "${unknown}": kinds are ${FAULT_KINDS.join(', ')}`);
  }

  start(): void {
    this.timer = setInterval(() => this.throwOne(), this.options.everyMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private throwOne(): void {
    const now = Date.now();
    const rested = this.venues.filter((v) => now - (this.lastAt.get(v.id) ?? 0) >= this.options.restMs);
    const venue = rested[Math.floor(this.random() * rested.length)];
    if (!venue) return;
    const kind = this.deal(venue);
    if (kind === undefined) return;
    this.lastAt.set(venue.id, now);
    this.thrown.push({ at: now, venue: venue.id, kind });
    this.commit(venue, kind);
  }

  /** The next kind in the deck this venue can suffer; the deck is reshuffled when it runs out. */
  private deal(venue: SoakVenue): string | undefined {
    const fits = (kind: string): boolean => !PROTOCOL.includes(kind) || (venue.server.protocol.faults as readonly string[]).includes(kind);
    for (let attempt = 0; attempt < 2; attempt++) {
      const index = this.deck.findIndex(fits);
      if (index >= 0) return this.deck.splice(index, 1)[0];
      this.deck = shuffle([...(this.options.kinds ?? FAULT_KINDS)], this.random);
    }
    return undefined;
  }

  private commit({ server, proxy }: SoakVenue, kind: string): void {
    if (kind === 'blackhole') return proxy.blackhole();
    if (kind === 'close-frame-then-silence') return proxy.closeFrameThenSilence();
    if (kind === 'reset') return proxy.reset();
    if (kind === 'garbage-bytes') return proxy.inject(randomBytes(24));
    const lasting = LASTING.find((name) => name === kind);
    if (lasting) {
      server.faults.hold(lasting, this.options.holdMs);
      if (NEEDS_RECONNECT.includes(lasting)) server.faults.arm('drop');
      return;
    }
    const oneShot = ONE_SHOT.find((name) => name === kind);
    if (!oneShot) throw new Error(`no such fault kind ${kind}`);
    server.faults.arm(oneShot);
  }
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
