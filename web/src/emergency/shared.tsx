import { Steps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { api } from '../api/client.js';
import type { Me } from '../api/types.js';
import { useAuth } from '../app/auth.js';
import { StatusTag } from '../components/StatusTag.js';
import { useLoad } from '../lib/useLoad.js';
import { formatDateTime } from '../lib/time.js';
import { regionPrefix } from '../../../common/regions.js';
import type { Incident, Need, NeedWithTimeline, Paged } from './api.js';

/** Pieces shared by the resident, volunteer and console pages of emergency operations. */

/** Whether an incident's area covers one of my households or one of my grants' areas. */
export function coversMe(incident: Incident, me: Me | null): boolean {
  if (!me) return false;
  const prefix = regionPrefix(incident.regionCode);
  if (me.householdRegions.some((r) => r.startsWith(prefix))) return true;
  return me.grants.some((g) => g.role !== 'resident' && (g.regionPrefix.startsWith(prefix) || prefix.startsWith(g.regionPrefix)));
}

/** Active incidents covering me (public list, filtered to my area). */
export function useMyIncidents() {
  const { me } = useAuth();
  const loaded = useLoad(
    (signal) => api.get<Paged<Incident>>('/emergency/incidents', { active: true, pageSize: 50 }, { signal }),
    [],
  );
  const mine = (loaded.data?.items ?? []).filter((i) => coversMe(i, me));
  return { ...loaded, mine, all: loaded.data?.items ?? [] };
}

export function UrgencyTag({ urgency }: { urgency: Need['urgency'] }) {
  const { t } = useTranslation();
  const tone = urgency === 'life_critical' ? 'danger' : urgency === 'urgent' ? 'pending' : 'neutral';
  return (
    <StatusTag tone={tone} testId="need-urgency">
      {t(`emergency.urgency.${urgency}`)}
    </StatusTag>
  );
}

export function NeedStatusTag({ status }: { status: Need['status'] }) {
  const { t } = useTranslation();
  const tone = status === 'confirmed' || status === 'delivered' ? 'success' : status === 'cancelled' ? 'neutral' : status === 'open' ? 'pending' : 'notice';
  return (
    <StatusTag tone={tone} testId="need-status">
      {t(`emergency.state.${status}`)}
    </StatusTag>
  );
}

/** 「硝苯地平控释片 30mg × 1盒」 */
export function itemText(item: Need['items'][number]): string {
  return `${item.name}${item.strength ? ` ${item.strength}` : ''} × ${item.quantity}${item.unit ?? ''}`;
}

const STEP_STATES = ['open', 'claimed', 'bought', 'at_gate', 'handed_over', 'delivered', 'confirmed'] as const;

/** The errand as steps: posted → claimed → bought → at the gate → handed over (photo) → delivered → confirmed. */
export function ErrandSteps({ need }: { need: NeedWithTimeline }) {
  const { t, i18n } = useTranslation();
  if (need.status === 'cancelled') return null;
  const reached = STEP_STATES.indexOf(need.status as (typeof STEP_STATES)[number]);
  const when = (state: string) => {
    const event = [...need.timeline].reverse().find((e) => e.to === state && e.action !== 'release');
    return event ? formatDateTime(event.at, i18n.language) : undefined;
  };
  return (
    <Steps
      direction="vertical"
      size="small"
      current={reached}
      className="lx-em-steps"
      data-testid="errand-steps"
      items={STEP_STATES.map((s, i) => ({
        title: t(`emergency.step.${s}`),
        description: i <= reached ? when(s) : undefined,
        status: i < reached ? 'finish' : i === reached ? (s === 'confirmed' ? 'finish' : 'process') : 'wait',
      }))}
    />
  );
}

export function lineLabel(t: TFunction, line: string): string {
  return t(`emergency.line.${line}`);
}
