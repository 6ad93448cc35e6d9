import { Tag, Timeline, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTION_LABELS, CHANNEL_LABELS, PRIORITY_LABELS, RATING_LABELS, STATUS_LABELS } from '../../../common/cases/labels.js';
import { CASE_ACTIONS } from '../../../common/cases/states.js';
import { labelOf } from '../../../common/labels.js';
import { StatusTag } from '../components/StatusTag.js';
import { formatDateTime } from '../lib/time.js';
import type { CaseAction, CaseChannel, CaseEvent, CaseLiveEvent, CasePriority, CaseRating, CaseStatus, SnippetParts } from './types.js';

/** Shared pieces of the resident and console case pages. */

type Lang = 'zh-CN' | 'zh-TW' | 'en';
export function useLang(): Lang {
  const { i18n } = useTranslation();
  const l = i18n.language;
  return l === 'zh-TW' || l === 'en' ? l : 'zh-CN';
}

export const statusText = (lang: Lang, s: CaseStatus) => labelOf(STATUS_LABELS, s, lang);
export const actionText = (lang: Lang, a: CaseAction) => labelOf(ACTION_LABELS, a, lang);
export const ratingText = (lang: Lang, r: CaseRating) => labelOf(RATING_LABELS, r, lang);
export const channelText = (lang: Lang, c: CaseChannel) => labelOf(CHANNEL_LABELS, c, lang);
export const priorityText = (lang: Lang, p: CasePriority) => labelOf(PRIORITY_LABELS, p, lang);

const TONE: Record<CaseStatus, 'success' | 'pending' | 'danger' | 'neutral' | 'notice'> = {
  submitted: 'notice',
  assigned: 'notice',
  accepted: 'pending',
  in_progress: 'pending',
  resolved: 'success',
  closed: 'success',
  transferred: 'notice',
  returned: 'pending',
  merged: 'neutral',
  rejected: 'danger',
  withdrawn: 'neutral',
  reopened: 'danger',
};

/** A case state with an icon and words (never colour alone). */
export function CaseStatusTag({ status }: { status: CaseStatus }) {
  const lang = useLang();
  return (
    <span data-testid="case-status" data-status={status}>
      <StatusTag tone={TONE[status]}>{statusText(lang, status)}</StatusTag>
    </span>
  );
}

export function PriorityTag({ priority }: { priority: CasePriority }) {
  const lang = useLang();
  if (priority === 'normal') return null;
  return (
    <Tag color={priority === 'emergency' ? 'red' : 'orange'} data-testid="case-priority">
      {priorityText(lang, priority)}
    </Tag>
  );
}

export function OverdueTag({ overdue }: { overdue: { response: boolean; resolution: boolean } }) {
  const { t } = useTranslation();
  if (!overdue.response && !overdue.resolution) return null;
  return (
    <span data-testid="case-overdue">
      <StatusTag tone="danger">{overdue.resolution ? t('cases.overdueResolution') : t('cases.overdueResponse')}</StatusTag>
    </span>
  );
}

/** Search matches highlighted with <mark>. */
export function SnippetText({ parts, title }: { parts: SnippetParts | undefined; title?: string }) {
  if (!parts?.length) return null;
  // A match in the title alone is already visible in the title.
  if (title !== undefined && parts.map((p) => p.text).join('') === title) return null;
  return (
    <Typography.Paragraph className="lx-case-snippet" data-testid="case-snippet">
      {parts.map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </Typography.Paragraph>
  );
}

/** What happened on a timeline row, in words. */
export function eventTitle(t: (k: string, o?: Record<string, unknown>) => string, e: Pick<CaseEvent, 'kind' | 'toUnitName' | 'rating' | 'relatedCase'>, lang: Lang): string {
  const base = t(`cases.event.${e.kind}`);
  if (e.kind === 'routed' || e.kind === 'assigned' || e.kind === 'transferred') return e.toUnitName ? `${base} → ${e.toUnitName}` : base;
  if (e.kind === 'rated' && e.rating) return `${base}：${ratingText(lang, e.rating)}`;
  if ((e.kind === 'merged' || e.kind === 'merged_in') && e.relatedCase) return `${base}（${e.relatedCase.trackingNumber}）`;
  return base;
}

export function CaseTimeline({ events }: { events: (Pick<CaseEvent, 'kind' | 'note' | 'unitName' | 'createdAt'> & Partial<CaseEvent>)[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Timeline
      className="lx-case-timeline"
      data-testid="case-timeline"
      items={events.map((e, i) => ({
        key: e.id ?? i,
        color: e.kind === 'rejected' || e.kind === 'reopened' ? 'red' : e.kind === 'resolved' || e.kind === 'rated' ? 'green' : 'blue',
        children: (
          <div data-testid="timeline-item" data-kind={e.kind}>
            <div className="lx-case-event-head">
              <strong>{eventTitle(t, { kind: e.kind, toUnitName: e.toUnitName, rating: e.rating, relatedCase: e.relatedCase }, lang)}</strong>
              {e.visibleToRequester === false ? <Tag>{t('cases.internal')}</Tag> : null}
            </div>
            <div className="lx-muted lx-case-event-meta">
              {formatDateTime(e.createdAt, lang)}
              {e.unitName ? ` · ${e.unitName}` : ''}
              {e.actorName ? ` · ${e.actorName}` : ''}
            </div>
            {e.note ? <div className="lx-case-event-note">{e.note}</div> : null}
          </div>
        ),
      }))}
    />
  );
}

export type LiveState = 'connecting' | 'open' | 'closed';
const EVENT_TYPES = ['case.submitted', 'case.assigned', 'case.merged_in', 'case.merge', 'case.attachment', 'case.escalated', 'case.supervision_closed', ...CASE_ACTIONS.map((a) => `case.${a}`)];

/**
 * Live case events from `GET /api/cases/stream` (my cases, my units, the
 * dispatch pools I serve, and `caseId` when given). The callback gets each
 * event; the page refetches what it shows.
 */
export function useCaseStream(onEvent: (e: CaseLiveEvent) => void, options: { caseId?: string; enabled?: boolean } = {}): LiveState {
  const [state, setState] = useState<LiveState>('connecting');
  const ref = useRef(onEvent);
  ref.current = onEvent;
  const enabled = options.enabled ?? true;
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    setState('connecting');
    const url = options.caseId ? `/api/cases/stream?caseId=${encodeURIComponent(options.caseId)}` : '/api/cases/stream';
    const source = new EventSource(url, { withCredentials: true });
    source.onopen = () => setState('open');
    source.onerror = () => setState(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting');
    const handler = (e: Event) => {
      try {
        const data = JSON.parse((e as MessageEvent).data as string) as Omit<CaseLiveEvent, 'type'>;
        ref.current({ ...data, type: e.type });
      } catch {
        /* ignore */
      }
    };
    for (const type of EVENT_TYPES) source.addEventListener(type, handler);
    return () => source.close();
  }, [options.caseId, enabled]);
  return state;
}

export function LiveBadge({ state }: { state: LiveState }) {
  const { t } = useTranslation();
  return (
    <span className={`lx-live lx-live-${state}`} data-testid="live-status" data-state={state} role="status">
      <span className="lx-live-dot" aria-hidden /> {t(`cases.live.${state}`)}
    </span>
  );
}

/** An idempotency key for one form session (double taps and retries create one case). */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (c?.randomUUID) return `web-${c.randomUUID()}`;
  return `web-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}
