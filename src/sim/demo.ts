/**
 * `--demo`: the simulated venues, in-process. One market model, one loopback server per venue,
 * one timer that moves the market, and (with `--chaos` or `--faults`) a fault scheduler. The demo
 * owns all of them; close() ends them all.
 */
import { MarketModel } from './market-model.js';
import { VenueServer, type SimProtocol } from './venue-server.js';
import { FaultScheduler } from './fault-scheduler.js';
import type { FaultSchedule } from './faults.js';
import { HyperliquidExchangeSim } from './hyperliquid-exchange.js';
import { createDemoAccount, type DemoAccount } from './demo-account.js';

/** A venue to simulate: its id and a fresh protocol encoder (the registry's `simulator`). */
export interface DemoVenue {
  readonly id: string;
  readonly simulator: () => SimProtocol;
}

export interface DemoOptions {
  readonly venues: readonly DemoVenue[];
  readonly seed?: number;
  /** How often the market moves. */
  readonly stepMs?: number;
  readonly chaos?: boolean;
  readonly faults?: readonly FaultSchedule[];
}

export interface DemoEndpoints {
  readonly ws: string;
  readonly rest?: string;
}

/** The simulated Hyperliquid exchange and the demo account on it (positions, close key). */
export interface DemoExchange {
  readonly api: string;
  readonly ws: string;
  readonly account: DemoAccount;
}

export class Demo {
  private timer: NodeJS.Timeout | undefined;
  private scheduler: FaultScheduler | undefined;

  private constructor(
    readonly model: MarketModel,
    readonly servers: ReadonlyMap<string, VenueServer>,
    private readonly exchangeSim: HyperliquidExchangeSim,
    readonly exchange: DemoExchange,
  ) {}

  static async start(options: DemoOptions): Promise<Demo> {
    const model = new MarketModel(options.seed ?? 42);
    const servers = new Map<string, VenueServer>();
    const exchangeSim = new HyperliquidExchangeSim({ model, isMainnet: false });
    try {
      for (const venue of options.venues) servers.set(venue.id, await new VenueServer(venue.simulator(), model).listen());
      await exchangeSim.listen();
    } catch (error) {
      await Promise.all([...servers.values()].map((server) => server.close()));
      await exchangeSim.close();
      throw error;
    }
    const account = createDemoAccount(exchangeSim, model);
    const demo = new Demo(model, servers, exchangeSim, { api: exchangeSim.url, ws: exchangeSim.wsUrl, account });
    demo.timer = setInterval(() => demo.step(), options.stepMs ?? 100);
    if (options.chaos || (options.faults && options.faults.length > 0)) {
      demo.scheduler = new FaultScheduler([...servers.values()].map((server) => server.faults), options.faults ?? [], options.chaos ?? false);
      demo.scheduler.start();
    }
    return demo;
  }

  /** Where a venue's codec should connect to reach its simulator. */
  endpoints(venue: string): DemoEndpoints {
    const server = this.servers.get(venue);
    if (!server) throw new Error(`no simulator running for ${venue}`);
    return { ws: server.wsUrl + (server.protocol.wsPath ?? ''), rest: server.httpUrl };
  }

  step(): void {
    this.model.step();
    for (const server of this.servers.values()) server.step();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.scheduler?.stop();
    await Promise.all([...this.servers.values()].map((server) => server.close()));
    await this.exchangeSim.close();
  }
}
