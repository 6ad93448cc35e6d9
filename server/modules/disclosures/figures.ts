import type { Direction } from '../../../common/disclosures/kinds.js';

/**
 * Where every fund's money went (pure): income booked to a fund, spent on
 * its own purpose, used for or moved to another project (an expense or a
 * transfer naming `to_fund_id`), received from other funds, and the balance.
 */
export interface FlowEntry {
  direction: Direction;
  amount_fen: number;
  fund_id: string;
  to_fund_id: string | null;
  /** How many entries this row stands for (an aggregate row), default 1. */
  count?: number;
}

export interface Flow {
  fundId: string;
  amountFen: number;
  entryCount: number;
}

export interface Figures {
  receivedFen: number;
  spentFen: number;
  movedOut: Flow[];
  movedIn: Flow[];
  balanceFen: number;
}

export interface LedgerTotals {
  incomeFen: number;
  expenseFen: number;
  transferFen: number;
  entryCount: number;
}

export function ledgerTotals(entries: FlowEntry[]): LedgerTotals {
  const t = { incomeFen: 0, expenseFen: 0, transferFen: 0, entryCount: 0 };
  for (const e of entries) {
    t.entryCount += e.count ?? 1;
    if (e.direction === 'income') t.incomeFen += e.amount_fen;
    else if (e.direction === 'expense') t.expenseFen += e.amount_fen;
    else t.transferFen += e.amount_fen;
  }
  return t;
}

function addFlow(map: Map<string, Flow>, fundId: string, amount: number, count: number) {
  const f = map.get(fundId) ?? { fundId, amountFen: 0, entryCount: 0 };
  f.amountFen += amount;
  f.entryCount += count;
  map.set(fundId, f);
}

/** Figures of every fund touched by the entries, by fund id. */
export function fundFigures(entries: FlowEntry[]): Map<string, Figures> {
  type Acc = { received: number; spent: number; transferredIn: number; out: Map<string, Flow>; in: Map<string, Flow> };
  const acc = new Map<string, Acc>();
  const of = (id: string) => {
    let a = acc.get(id);
    if (!a) acc.set(id, (a = { received: 0, spent: 0, transferredIn: 0, out: new Map(), in: new Map() }));
    return a;
  };
  for (const e of entries) {
    const source = of(e.fund_id);
    if (e.direction === 'income') {
      source.received += e.amount_fen;
    } else if (e.to_fund_id && e.to_fund_id !== e.fund_id) {
      // Used for (expense) or moved to (transfer) another project: out of this fund either way.
      addFlow(source.out, e.to_fund_id, e.amount_fen, e.count ?? 1);
      const target = of(e.to_fund_id);
      addFlow(target.in, e.fund_id, e.amount_fen, e.count ?? 1);
      // A transfer leaves the money with the other fund; an expense spent it there at once.
      if (e.direction === 'transfer') target.transferredIn += e.amount_fen;
    } else if (e.direction === 'expense') {
      source.spent += e.amount_fen;
    }
  }
  const out = new Map<string, Figures>();
  for (const [id, a] of acc) {
    const movedOut = [...a.out.values()];
    const outSum = movedOut.reduce((s, f) => s + f.amountFen, 0);
    out.set(id, {
      receivedFen: a.received,
      spentFen: a.spent,
      movedOut,
      movedIn: [...a.in.values()],
      balanceFen: a.received + a.transferredIn - a.spent - outSum,
    });
  }
  return out;
}

export const emptyFigures = (): Figures => ({ receivedFen: 0, spentFen: 0, movedOut: [], movedIn: [], balanceFen: 0 });
