import { Alert, Button, Card, Descriptions, Popconfirm, Space, Typography } from 'antd';
import { ArrowLeftOutlined, PhoneOutlined, ReloadOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { useFeedback } from '../../app/feedback.js';
import { ResidentLayout } from '../../app/ResidentLayout.js';
import { ErrorState, Loading } from '../../components/states.js';
import { formatDateTime } from '../../lib/time.js';
import { useLoad } from '../../lib/useLoad.js';
import { photoUrl, type NeedWithTimeline } from '../api.js';
import { ErrandSteps, NeedStatusTag, UrgencyTag, itemText } from '../shared.js';
import { HandoverPhoto } from './HandoverPhoto.js';
import { ShopPicker } from './ShopPicker.js';

type Action = NeedWithTimeline['abilities']['actions'][number];
/** Buttons in the order a person meets them; hand_over has its own photo form. */
const BUTTONS: Action[] = ['claim', 'buy', 'reach_gate', 'deliver', 'confirm', 'release', 'cancel'];
const QUIET: Action[] = ['release', 'cancel'];
const REFRESH_MS = 30_000;

/** `/emergency/need/:id`: a need with its errand steps, for the resident, the runner and the grid's team. */
export default function NeedPage() {
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const { t, i18n } = useTranslation();
  const feedback = useFeedback();
  const [busy, setBusy] = useState<Action | null>(null);
  const need = useLoad((signal) => api.get<NeedWithTimeline>(`/emergency/needs/${id}`, undefined, { signal }), [id]);
  // Progress moves while the page is open (the runner is on the way): refresh now and then.
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') need.reload();
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [need.reload]);

  const act = async (action: Action) => {
    setBusy(action);
    try {
      const next = await api.post<NeedWithTimeline>(`/emergency/needs/${id}/actions/${action}`, {});
      need.setData(next);
      feedback.success(t(`emergency.errand.done.${action}`));
    } catch (err) {
      feedback.error(err);
      need.reload();
    } finally {
      setBusy(null);
    }
  };

  const n = need.data;
  const actions = n?.abilities.actions ?? [];
  const photos = (n?.timeline ?? []).filter((e) => e.photoId);
  return (
    <ResidentLayout>
      <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="need-page" data-status={n?.status}>
        <Link to={n ? `/emergency/i/${n.incidentId}/mine` : '/emergency'} className="lx-back">
          <ArrowLeftOutlined aria-hidden /> {t('nav.back')}
        </Link>
        {search.get('posted') ? <Alert type="success" showIcon message={t('emergency.need.posted')} description={t('emergency.need.postedHint')} data-testid="need-posted" /> : null}
        {need.loading && !n ? <Loading rows={5} /> : null}
        {need.error ? <ErrorState error={need.error} onRetry={need.reload} /> : null}
        {n ? (
          <>
            <div className="lx-em-need-head">
              <Typography.Title level={3} className="lx-em-title">
                {t('emergency.need.detailTitle')}
              </Typography.Title>
              <Button icon={<ReloadOutlined />} onClick={need.reload} aria-label={t('common.retry')} />
            </div>
            <Space wrap>
              <UrgencyTag urgency={n.urgency} />
              <NeedStatusTag status={n.status} />
            </Space>
            <Card size="small" title={t('emergency.need.items')}>
              <ul className="lx-em-items" data-testid="need-items">
                {n.items.map((item, i) => (
                  <li key={i}>
                    {itemText(item)}
                    {!item.toBuy ? <span className="lx-muted">（{t('emergency.need.notToBuy')}）</span> : null}
                  </li>
                ))}
              </ul>
              {n.note ? <div className="lx-muted">{n.note}</div> : null}
            </Card>
            <Descriptions column={1} size="small" bordered className="lx-em-desc-list">
              <Descriptions.Item label={t('emergency.need.compound')}>
                {n.compound} {n.building ?? ''}
              </Descriptions.Item>
              {n.grid ? <Descriptions.Item label={t('emergency.need.grid')}>{n.grid.name}</Descriptions.Item> : null}
              <Descriptions.Item label={t('emergency.need.requester')}>
                {n.requesterName}{' '}
                {n.abilities.seeContact ? (
                  <a href={`tel:${n.phone}`} data-testid="need-phone">
                    <PhoneOutlined /> {n.phone}
                  </a>
                ) : (
                  <span data-testid="need-phone">{n.phone}</span>
                )}
              </Descriptions.Item>
              {n.runner ? (
                <Descriptions.Item label={t('emergency.need.runnerLabel')}>
                  <span data-testid="need-runner">{n.runner.name}</span>{' '}
                  {n.runner.phone ? <a href={`tel:${n.runner.phone}`}>{n.runner.phone}</a> : null}
                </Descriptions.Item>
              ) : null}
              {n.shop ? <Descriptions.Item label={t('emergency.shop.label')}><span data-testid="need-shop">{n.shop.name}</span></Descriptions.Item> : null}
              <Descriptions.Item label={t('emergency.need.postedAt')}>{formatDateTime(n.createdAt, i18n.language)}</Descriptions.Item>
            </Descriptions>

            {n.status === 'cancelled' ? <Alert type="info" showIcon message={t('emergency.need.cancelled')} /> : <ErrandSteps need={n} />}

            <div className="lx-em-actions" data-testid="need-actions">
              <Space direction="vertical" style={{ width: '100%' }}>
                {n.abilities.setShop ? <ShopPicker need={n} onDone={(next) => need.setData(next)} /> : null}
                {actions.includes('hand_over') ? <HandoverPhoto needId={n.id} onDone={(next) => { need.setData(next); feedback.success(t('emergency.errand.done.hand_over')); }} /> : null}
                {BUTTONS.filter((a) => actions.includes(a)).map((a) =>
                  QUIET.includes(a) ? (
                    <Popconfirm key={a} title={t(`emergency.errand.ask.${a}`)} okText={t('emergency.yes')} cancelText={t('common.cancel')} onConfirm={() => act(a)}>
                      <Button size="large" block danger={a === 'cancel'} loading={busy === a} data-testid={`action-${a}`}>
                        {t(`emergency.action.${a}`)}
                      </Button>
                    </Popconfirm>
                  ) : (
                    <Button key={a} type="primary" size="large" block loading={busy === a} onClick={() => void act(a)} data-testid={`action-${a}`}>
                      {t(`emergency.action.${a}`)}
                    </Button>
                  ),
                )}
                {actions.includes('confirm') ? <div className="lx-muted">{t('emergency.need.confirmHint')}</div> : null}
              </Space>
            </div>

            {photos.length > 0 ? (
              <Card size="small" title={t('emergency.errand.photos')}>
                {photos.map((p) => (
                  <figure key={p.photoId} className="lx-em-figure">
                    <img src={photoUrl(n.id, p.photoId!)} alt={t('emergency.errand.photoAlt')} className="lx-em-photo" data-testid="handover-photo" />
                    <figcaption className="lx-muted">
                      {p.actorName} · {formatDateTime(p.at, i18n.language)}
                    </figcaption>
                  </figure>
                ))}
              </Card>
            ) : null}
          </>
        ) : null}
      </Space>
    </ResidentLayout>
  );
}
