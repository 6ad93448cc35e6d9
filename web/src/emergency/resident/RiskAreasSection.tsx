import { List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { ErrorState, Loading } from '../../components/states.js';
import { StatusTag } from '../../components/StatusTag.js';
import { formatDateTime } from '../../lib/time.js';
import { useLoad } from '../../lib/useLoad.js';
import type { RiskAreaHistory, RiskAreas } from '../api.js';

/** The public risk-area list (now) and its history, one sentence per announcement. */
export function RiskAreasSection({ incidentId }: { incidentId: string }) {
  const { t, i18n } = useTranslation();
  const areas = useLoad((signal) => api.get<RiskAreas>(`/emergency/incidents/${incidentId}/risk-areas`, undefined, { signal }), [incidentId, i18n.language]);
  const history = useLoad((signal) => api.get<RiskAreaHistory>(`/emergency/incidents/${incidentId}/risk-areas/history`, undefined, { signal }), [incidentId, i18n.language]);
  const current = (areas.data?.items ?? []).filter((a) => a.level !== null || a.next);
  const order = { high: 0, medium: 1, low: 2 } as const;
  current.sort((a, b) => (a.level ? order[a.level] : 3) - (b.level ? order[b.level] : 3));
  return (
    <section aria-labelledby="em-risk" data-testid="risk-areas">
      <Typography.Title level={4} id="em-risk">
        {t('emergency.risk.title')}
      </Typography.Title>
      {areas.loading && !areas.data ? <Loading rows={2} /> : null}
      {areas.error ? <ErrorState error={areas.error} onRetry={areas.reload} /> : null}
      {areas.data && current.length === 0 ? <div className="lx-muted">{t('emergency.risk.none')}</div> : null}
      {current.length > 0 ? (
        <List
          size="small"
          bordered
          dataSource={current}
          renderItem={(a) => (
            <List.Item data-testid="risk-area" data-level={a.level ?? 'none'}>
              <div className="lx-em-risk-row">
                <div>
                  <strong>{a.name}</strong>
                  {a.sealed ? <span className="lx-muted"> · {t('emergency.risk.sealed')}</span> : null}
                  <div className="lx-muted">{a.regionName}</div>
                  {a.next ? (
                    <div className="lx-muted">
                      {t('emergency.risk.next', {
                        time: formatDateTime(a.next.effectiveAt, i18n.language),
                        level: a.next.level ? t(`emergency.risk.level.${a.next.level}`) : t('emergency.risk.lifted'),
                      })}
                    </div>
                  ) : null}
                </div>
                {a.level ? <StatusTag tone={a.level === 'high' ? 'danger' : a.level === 'medium' ? 'pending' : 'success'}>{t(`emergency.risk.level.${a.level}`)}</StatusTag> : null}
              </div>
            </List.Item>
          )}
        />
      ) : null}
      {(history.data?.items.length ?? 0) > 0 ? (
        <>
          <Typography.Title level={5} className="lx-em-subtitle">
            {t('emergency.risk.history')}
          </Typography.Title>
          <ul className="lx-em-history" data-testid="risk-history">
            {history.data!.items.map((h) => (
              <li key={h.batchId} data-testid="risk-history-item">
                {h.summary}
                {h.note ? <span className="lx-muted">（{h.note}）</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
