/**
 * POST /info (docs "Info endpoint" and "Info endpoint > Perpetuals"): meta, allMids, l2Book,
 * clearinghouseState, orderStatus (by oid or cloid), openOrders. Positions and orders are the
 * account's: querying an agent's address answers an empty state, as the docs warn ("Nonces and
 * API wallets": "A common pitfall is to use the agent wallet which leads to an empty result").
 * A body that does not decode gets HTTP 422 text/plain, as the exchange answers one.
 */
import type { HttpAnswer } from './exchange-endpoint.js';
import type { Ledger } from './ledger.js';
import type { SimMarket } from './market.js';
import { basicOrder, clearinghouseState, orderStatusAnswer } from './views.js';
import { parseInfoRequest, parseJson } from './wire.js';

export function answerInfo(text: string, ledger: Ledger, market: SimMarket, now: number): HttpAnswer {
  const request = parseInfoRequest(parseJson(text));
  if (!request.ok) {
    return { status: 422, body: `Failed to deserialize the JSON body into the target type: ${request.error}`, contentType: 'text/plain; charset=utf-8' };
  }
  const json = (value: unknown): HttpAnswer => ({ status: 200, body: JSON.stringify(value), contentType: 'application/json' });
  const r = request.value;
  switch (r.type) {
    case 'meta':
      return json(market.meta());
    case 'allMids':
      return json(market.allMids());
    case 'l2Book':
      return json(market.l2Book(r.coin, now));
    case 'clearinghouseState':
      // Only the first perp dex ("") exists here; another dex has no positions.
      return json(clearinghouseState(r.dex === '' ? ledger.account(r.user) : undefined, market, now));
    case 'orderStatus':
      return json(orderStatusAnswer(ledger.order(r.user, r.oid)));
    case 'openOrders': {
      const open = r.dex === '' ? ledger.orders(r.user).filter((o) => o.status === 'open') : [];
      return json(open.reverse().map(basicOrder));
    }
    default: {
      const impossible: never = r;
      throw new Error(`unhandled info request ${JSON.stringify(impossible)}`);
    }
  }
}
