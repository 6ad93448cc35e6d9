import type { ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { appendCaseEvent, EMERGENCY_NEED_CATEGORY, openCaseIn, type CaseEventInput, type CaseNumber } from '../cases/service.js';
import { translate, type MessageKey } from '../../../common/i18n/server-messages.js';
import { URGENCY_LABELS } from '../../../common/emergency/labels.js';
import type { ErrandAction } from '../../../common/emergency/errand-states.js';
import type { CasePriority } from '../../../common/cases/types.js';
import type { Urgency } from '../../../common/emergency/types.js';
import * as needs from './repo-needs.js';
import type { NeedItemRow, NeedRow } from './repo-needs.js';

/**
 * A need is a case (DESIGN §3: "resident needs in an emergency are all
 * cases"; issue 5: "it routes to the grid, appears to volunteers, and shows
 * its progress to the resident"). Through the case engine's service:
 *
 * - `linkNeedToCase` opens the case (category 'emergency.need', routed to
 *   the community, deadlines by urgency) in the transaction that inserts
 *   the need, so the two commit together or not at all;
 * - `errandCaseEvent` runs in each errand step's transaction and writes the
 *   step on the case timeline, moving the case when the step is also a case
 *   action: claim → accepted; bought / at the gate / handed over → in
 *   progress; delivered → resolved; confirmed → closed; cancelled →
 *   withdrawn (by the requester) or rejected (by a coordinator).
 *
 * The requester's case page and the tracking page (number + the phone's
 * last 4 digits, for callers without the app) then show the progress.
 * Timeline notes are written in Chinese (zh-CN), the record language, like a
 * cadre's reply.
 */
export interface CaseLink {
  /** Opens the case for a new need (its number reserved before the transaction: cases' reserveCaseNumber); returns its id. */
  linkNeedToCase(trx: Executor, ctx: ServiceContext, need: NeedRow, number: CaseNumber): Promise<string | null>;
  /** Mirrors an errand transition onto the case timeline. */
  errandCaseEvent(trx: Executor, ctx: ServiceContext, need: NeedRow, action: ErrandAction, to: string): Promise<void>;
}

/** Life-critical needs get the engine's tightest limits (1 h to respond, 2 h to resolve). */
export const PRIORITY_OF: Record<Urgency, CasePriority> = { life_critical: 'emergency', urgent: 'urgent', normal: 'normal' };

const RECORD_LANG = 'zh-CN' as const;
const note = (key: MessageKey, params: Record<string, string> = {}) => translate(RECORD_LANG, key, params);

const itemText = (i: NeedItemRow) => `${i.name}${i.strength ? ` ${i.strength}` : ''} ×${i.quantity}${i.unit ?? ''}`;

/** The case's title (short, for queues) and description (the items in full, the compound; the flat stays in `address`). */
export function caseText(need: NeedRow, items: NeedItemRow[]): { title: string; description: string } {
  const names = items.map((i) => i.name);
  const short = names.length > 2 ? `${names.slice(0, 2).join('、')}等${names.length}项` : names.join('、');
  return {
    title: note('emergency.case.title', { items: short }).slice(0, 100),
    description: note('emergency.case.description', {
      urgency: URGENCY_LABELS[need.urgency as Urgency][RECORD_LANG],
      compound: need.compound,
      items: items.map(itemText).join('；'),
      note: need.note ?? '',
    }).trim(),
  };
}

/** The case steps an errand step amounts to, in order. */
function stepsFor(need: NeedRow, ctx: ServiceContext, action: ErrandAction): CaseEventInput[] {
  const data = { errand: { needId: need.id, action } };
  switch (action) {
    case 'claim':
      // The first claim is the response (签收); a later one, after a release, is a note.
      return [
        { action: 'accept', note: note('emergency.case.claim'), data, onlyIfAllowed: true },
        { action: 'reply', note: note('emergency.case.claim'), data },
      ];
    case 'release':
      return [{ action: null, note: note('emergency.case.release'), data }];
    case 'buy':
    case 'reach_gate':
    case 'hand_over':
      return [{ action: 'reply', note: note(`emergency.case.${action}`), data }];
    case 'deliver':
      return [{ action: 'resolve', note: note('emergency.case.deliver'), data }];
    case 'confirm':
      // Confirmed straight after the hand-over: resolved and closed in one go.
      return [
        { action: 'resolve', note: note('emergency.case.deliver'), data, onlyIfAllowed: true },
        { action: 'rate', note: note('emergency.case.confirm'), data },
      ];
    case 'cancel': {
      const byRequester = !!ctx.actor && (ctx.actor.userId === need.requester_user_id || (need.channel === 'phone' && ctx.actor.userId === need.recorded_by));
      return byRequester
        ? [{ action: 'withdraw', note: note('emergency.case.cancel'), data }]
        : [{ action: 'reject', note: note('emergency.case.cancel_by_coordinator'), data }];
    }
  }
}

export const caseLink: CaseLink = {
  async linkNeedToCase(trx, ctx, need, number) {
    const items = (await needs.itemsOf(trx, [need.id])).get(need.id) ?? [];
    const { title, description } = caseText(need, items);
    const phone = need.channel === 'phone';
    const opened = await openCaseIn(trx, ctx, {
      categoryCode: EMERGENCY_NEED_CATEGORY,
      regionCode: need.region_code,
      title,
      description,
      channel: phone ? 'hotline' : 'app',
      requester: phone
        ? { id: null, name: need.caller_name, phone: need.phone }
        : { id: need.requester_user_id, name: ctx.actor?.name ?? null, phone: need.phone },
      priority: PRIORITY_OF[need.urgency as Urgency],
      address: `${need.compound} ${need.building}`,
      lat: need.lat,
      lng: need.lng,
      isPublic: false,
      sourceRef: { module: 'emergency', kind: 'need', id: need.id },
    }, number);
    return opened.id;
  },

  async errandCaseEvent(trx, ctx, need, action) {
    if (!need.case_id) return; // a need written before needs became cases (older data)
    const steps = stepsFor(need, ctx, action);
    if (action === 'claim') {
      // Accepts the case; when it is already past that (a claim after a release), a reply instead.
      if (!(await appendCaseEvent(trx, ctx, need.case_id, steps[0]!))) await appendCaseEvent(trx, ctx, need.case_id, steps[1]!);
      return;
    }
    for (const step of steps) await appendCaseEvent(trx, ctx, need.case_id, step);
  },
};
