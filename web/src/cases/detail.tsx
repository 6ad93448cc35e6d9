import { Button, Card, Form, Space } from 'antd';
import { RollbackOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, applyFormError } from '../api/client.js';
import { useAuth } from '../app/auth.js';
import { useFeedback } from '../app/feedback.js';
import { ErrorState, Loading } from '../components/states.js';
import { useLoad, type Loaded } from '../lib/useLoad.js';
import { uploadAll, type PendingPhoto } from './photos.js';
import { CaseTimeline, LiveBadge, useCaseStream, type LiveState } from './shared.js';
import type { CaseView } from './types.js';

/** Shared pieces of the two pages that show one case: the console's (staff) and the resident's. */

/** One case, fetched again whenever the live stream reports an event on it. */
export function useLiveCase(id: string): { loaded: Loaded<CaseView>; live: LiveState } {
  const loaded = useLoad((signal) => api.get<CaseView>(`/cases/${id}`, undefined, { signal }), [id]);
  const live = useCaseStream((e) => e.caseId === id && loaded.reload(), { caseId: id });
  return { loaded, live };
}

/** What a case page shows while its case has not loaded: a placeholder, the error, or nothing. */
export function CasePending({ loaded }: { loaded: Loaded<CaseView> }) {
  if (loaded.loading) return <Loading />;
  if (loaded.error) return <ErrorState error={loaded.error} onRetry={loaded.reload} />;
  return null;
}

/** The way back to the list the page came from, and whether live updates are on. */
export function CaseHead({ back, label, live }: { back: string; label: string; live: LiveState }) {
  return (
    <Space wrap className="lx-case-head">
      <Link to={back}>
        <Button type="link" icon={<RollbackOutlined />}>
          {label}
        </Button>
      </Link>
      <LiveBadge state={live} />
    </Space>
  );
}

/** The case's history, newest first. */
export function CaseTimelineCard({ c, className }: { c: CaseView; className?: string }) {
  const { t } = useTranslation();
  return (
    <Card title={t('cases.timeline')} className={className}>
      <CaseTimeline events={[...c.timeline].reverse()} />
    </Card>
  );
}

/**
 * The workings of one action form on a case: its trimmed fields posted to
 * `/cases/:id/:path`, then any photos picked in it uploaded, and server field
 * errors shown under their fields.
 */
export function useCaseActionForm(caseId: string, path: string, doneText: string, onDone: (view: CaseView) => void) {
  const feedback = useFeedback();
  const { me } = useAuth();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [photos, setPhotos] = useState<PendingPhoto[]>([]);

  const submit = async (values: Record<string, string>) => {
    setBusy(true);
    try {
      const body: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(values)) if (typeof v === 'string' && v.trim()) body[k] = v.trim();
      let view = await api.post<CaseView>(`/cases/${caseId}/${path}`, body);
      // Only a form that shows a photo picker can hold photos (each action's form is mounted afresh).
      if (photos.length) view = (await uploadAll(caseId, photos, me?.csrfToken ?? null, setPhotos)) ?? view;
      feedback.success(doneText);
      onDone(view);
    } catch (err) {
      if (!applyFormError(form, err)) feedback.error(err);
    } finally {
      setBusy(false);
    }
  };
  return { form, busy, photos, setPhotos, submit };
}

/** An action form's submit and cancel buttons. */
export function CaseActionButtons({ label, busy, danger, wrap, onCancel }: { label: string; busy: boolean; danger: boolean; wrap?: boolean; onCancel(): void }) {
  const { t } = useTranslation();
  return (
    <Space wrap={wrap}>
      <Button type="primary" htmlType="submit" loading={busy} danger={danger} data-testid="action-submit">
        {label}
      </Button>
      <Button onClick={onCancel}>{t('common.cancel')}</Button>
    </Space>
  );
}
