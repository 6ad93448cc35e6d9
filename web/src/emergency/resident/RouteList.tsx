import { Alert, Button, List, Space, Tag } from 'antd';
import { AimOutlined, EnvironmentOutlined, ShopOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { EmptyState, ErrorState, Loading } from '../../components/states.js';
import { useLoad } from '../../lib/useLoad.js';
import { distanceText, type ErrandRoute } from '../api.js';
import { UrgencyTag } from '../shared.js';
import { RouteMap } from './RouteMap.js';

/**
 * The runner's errands as one ordered route: life-critical first, each
 * pharmacy before the deliveries it serves, then the shortest way; with the
 * distance of every leg and the total. Starts from where the phone is when
 * the runner allows it.
 */
export function RouteList({ incidentId }: { incidentId: string }) {
  const { t, i18n } = useTranslation();
  const [start, setStart] = useState<{ lat: number; lng: number } | null>(null);
  const [locating, setLocating] = useState(false);
  const [locateError, setLocateError] = useState(false);
  const route = useLoad(
    (signal) => api.get<ErrandRoute>('/emergency/errands/route', { incidentId, fromLat: start?.lat, fromLng: start?.lng }, { signal }),
    [incidentId, start?.lat, start?.lng],
  );
  const locate = () => {
    setLocateError(false);
    if (!navigator.geolocation) return setLocateError(true);
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        setStart({ lat: pos.coords.latitude, lng: pos.coords.longitude });
      },
      () => {
        setLocating(false);
        setLocateError(true);
      },
      { enableHighAccuracy: true, timeout: 10_000 },
    );
  };
  const r = route.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="route">
      <Button size="large" block icon={<AimOutlined />} loading={locating} onClick={locate} data-testid="route-from-here">
        {start ? t('emergency.route.fromHereAgain') : t('emergency.route.fromHere')}
      </Button>
      {locateError ? <Alert type="warning" showIcon message={t('emergency.route.noLocation')} /> : null}
      {route.loading && !r ? <Loading rows={4} /> : null}
      {route.error ? <ErrorState error={route.error} onRetry={route.reload} /> : null}
      {r && r.stops.length === 0 && r.unplanned.length === 0 ? <EmptyState title={t('emergency.route.empty')} hint={t('emergency.route.emptyHint')} /> : null}
      {r && r.stops.length > 0 ? (
        <>
          <div className="lx-em-route-total" data-testid="route-total" data-meters={r.totalMeters}>
            {t('emergency.route.total', { distance: distanceText(r.totalMeters, i18n.language), stops: r.stops.length })}
            <div className="lx-muted">{t(r.distance === 'road' ? 'emergency.route.byRoad' : 'emergency.route.byAir')}</div>
          </div>
          <RouteMap route={r} />
          <List
            className="lx-em-route"
            dataSource={r.stops}
            renderItem={(s) => (
              <List.Item data-testid="route-stop" data-kind={s.kind} data-tier={s.tier} data-seq={s.seq} data-need-ids={s.needIds.join(',')}>
                <div className="lx-em-stop">
                  <div className="lx-em-stop-seq" aria-hidden>
                    {s.seq}
                  </div>
                  <div className="lx-em-stop-body">
                    <div>
                      {s.kind === 'shop' ? <ShopOutlined aria-hidden /> : <EnvironmentOutlined aria-hidden />}{' '}
                      <strong data-testid="route-stop-label">{s.label}</strong>
                    </div>
                    <Space wrap size={4}>
                      {s.kind === 'shop' ? <Tag>{t('emergency.route.shop', { n: s.needIds.length })}</Tag> : null}
                      {s.urgency ? <UrgencyTag urgency={s.urgency} /> : s.tier === 0 ? <Tag color="red">{t('emergency.route.forLifeCritical')}</Tag> : null}
                    </Space>
                    <div className="lx-muted" data-testid="route-leg">
                      {t('emergency.route.leg', { leg: distanceText(s.legMeters, i18n.language), sum: distanceText(s.cumulativeMeters, i18n.language) })}
                    </div>
                    {s.phone ? (
                      <a href={`tel:${s.phone}`} className="lx-em-tel">
                        {s.phone}
                      </a>
                    ) : null}
                    {s.kind === 'delivery' ? (
                      <Link to={`/emergency/need/${s.needIds[0]}`} data-testid="route-stop-open">
                        {t('emergency.need.open')}
                      </Link>
                    ) : null}
                  </div>
                </div>
              </List.Item>
            )}
          />
        </>
      ) : null}
      {r && r.unplanned.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          data-testid="route-unplanned"
          message={t('emergency.route.unplanned', { n: r.unplanned.length })}
          description={
            <ul className="lx-em-unplanned">
              {r.unplanned.map((u) => (
                <li key={u.needId}>
                  <Link to={`/emergency/need/${u.needId}`}>{t(`emergency.route.reason.${u.reason}`)}</Link>
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
    </Space>
  );
}
