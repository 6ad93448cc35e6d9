import { Button, Card, Collapse, List, Space, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { EmptyState, ErrorState, Loading } from '../../components/states.js';
import { formatDateTime } from '../../lib/time.js';
import { useLoad } from '../../lib/useLoad.js';
import { yuan } from '../shared/money.js';
import { kindLabel, periodLabel } from '../shared/labels.js';
import { PublicationTags } from '../shared/StatusTags.js';
import type { Changes, Publication, PublicationPage, PublicationSummary } from '../shared/types.js';
import { EntryItem } from './EntriesSection.js';

/** What changed from the previous version: the reason, the totals, entries added, removed and changed. */
function ChangesView({ id }: { id: string }) {
  const { t } = useTranslation();
  const changes = useLoad((signal) => api.get<Changes>(`/disclosures/publications/${id}/changes`, undefined, { signal }), [id]);
  if (changes.loading && !changes.data) return <Loading rows={2} />;
  if (changes.error) return <ErrorState error={changes.error} onRetry={changes.reload} />;
  const c = changes.data!;
  if (!c.from) return <Typography.Paragraph className="lx-hint">{t('disclosures.firstVersion')}</Typography.Paragraph>;
  const nothing = !c.titleChanged && !c.bodyChanged && c.added.length + c.removed.length + c.changed.length === 0;
  return (
    <div data-testid="changes">
      <Typography.Paragraph>
        {t('disclosures.changesFrom', { from: c.from.version, to: c.to.version })}
        {c.to.correctionReason ? <> {t('disclosures.reasonIs', { reason: c.to.correctionReason })}</> : null}
      </Typography.Paragraph>
      {c.totalsBefore ? (
        <Typography.Paragraph className="lx-muted">
          {t('disclosures.totalsChange', {
            incomeBefore: yuan(c.totalsBefore.incomeFen),
            incomeAfter: yuan(c.totalsAfter.incomeFen),
            expenseBefore: yuan(c.totalsBefore.expenseFen),
            expenseAfter: yuan(c.totalsAfter.expenseFen),
          })}
        </Typography.Paragraph>
      ) : null}
      {nothing ? <Typography.Paragraph className="lx-hint">{t('disclosures.noChanges')}</Typography.Paragraph> : null}
      {c.titleChanged ? <Typography.Paragraph>{t('disclosures.titleChanged')}</Typography.Paragraph> : null}
      {c.bodyChanged ? <Typography.Paragraph>{t('disclosures.bodyChanged')}</Typography.Paragraph> : null}
      {c.added.length ? (
        <>
          <Typography.Text strong>{t('disclosures.added', { count: c.added.length })}</Typography.Text>
          <List size="small" dataSource={c.added} renderItem={(e) => <List.Item data-testid="change-added"><EntryItem e={e} /></List.Item>} />
        </>
      ) : null}
      {c.removed.length ? (
        <>
          <Typography.Text strong>{t('disclosures.removed', { count: c.removed.length })}</Typography.Text>
          <List size="small" dataSource={c.removed} renderItem={(e) => <List.Item data-testid="change-removed"><EntryItem e={e} /></List.Item>} />
        </>
      ) : null}
      {c.changed.length ? (
        <>
          <Typography.Text strong>{t('disclosures.changed', { count: c.changed.length })}</Typography.Text>
          <List
            size="small"
            dataSource={c.changed}
            renderItem={(x) => (
              <List.Item data-testid="change-changed">
                <div style={{ width: '100%' }}>
                  <div className="lx-muted">{t('disclosures.changedFields', { fields: x.fields.map((f) => t(`disclosures.field.${f}`, { defaultValue: f })).join('、') })}</div>
                  <div className="lx-dc-before">
                    {t('disclosures.before')}
                    <EntryItem e={x.before} />
                  </div>
                  <div>
                    {t('disclosures.after')}
                    <EntryItem e={x.after} />
                  </div>
                </div>
              </List.Item>
            )}
          />
        </>
      ) : null}
    </div>
  );
}

function PublicationRow({ p, current }: { p: PublicationSummary; current: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <List.Item>
      {current ? (
        <span className="lx-dc-row" aria-current="page">
          <span className="lx-dc-row-text">
            <span className="lx-dc-row-title">{t('disclosures.versionN', { n: p.version })} · {t('disclosures.thisOne')}</span>
            <PublicationTags p={p} />
          </span>
        </span>
      ) : (
        <Link to={`/disclosures/publications/${p.id}`} className="lx-dc-row" data-testid="history-link" data-id={p.id}>
          <span className="lx-dc-row-text">
            <span className="lx-dc-row-title">
              {periodLabel(p.period, i18n.language)} · {t('disclosures.versionN', { n: p.version })}
            </span>
            {p.correctionReason ? <span className="lx-muted">{t('disclosures.reasonIs', { reason: p.correctionReason })}</span> : null}
            {p.publishedAt ? <span className="lx-muted">{t('disclosures.publishedAt', { at: formatDateTime(p.publishedAt, i18n.language) })}</span> : null}
            <PublicationTags p={p} />
          </span>
          <RightOutlined aria-hidden />
        </Link>
      )}
    </List.Item>
  );
}

/** Versions of this publication (corrections with reasons) and the same kind's earlier months. */
export function HistorySection({ publication }: { publication: Publication }) {
  const { t } = useTranslation();
  const p = publication;
  const versions = useLoad((signal) => api.get<{ items: PublicationSummary[] }>(`/disclosures/publications/${p.id}/versions`, undefined, { signal }), [p.id]);
  const months = useLoad(
    (signal) => api.get<PublicationPage>(`/disclosures/villages/${p.regionCode}/publications`, { kind: p.kind, status: 'published', pageSize: 24 }, { signal }),
    [p.regionCode, p.kind],
  );
  const earlier = (months.data?.items ?? []).filter((x) => x.period !== p.period && x.isLatest);

  return (
    <section aria-labelledby="dc-history" data-testid="history-section">
      <Typography.Title level={4} id="dc-history">
        {t('disclosures.history')}
      </Typography.Title>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card size="small" title={t('disclosures.versions')} data-testid="versions">
          {versions.loading && !versions.data ? <Loading rows={1} /> : null}
          {versions.error ? <ErrorState error={versions.error} onRetry={versions.reload} /> : null}
          {versions.data ? (
            <>
              <List size="small" dataSource={[...versions.data.items].reverse()} renderItem={(v) => <PublicationRow p={v} current={v.id === p.id} />} />
              {p.previousId ? (
                <Collapse
                  size="small"
                  items={[{ key: 'changes', label: <span data-testid="changes-toggle">{t('disclosures.whatChanged')}</span>, children: <ChangesView id={p.id} /> }]}
                />
              ) : (
                <Typography.Paragraph className="lx-hint">{t('disclosures.firstVersion')}</Typography.Paragraph>
              )}
            </>
          ) : null}
        </Card>
        <Card size="small" title={t('disclosures.earlierMonths', { kind: kindLabel(t, p.kind) })} data-testid="earlier-months">
          {months.loading && !months.data ? <Loading rows={2} /> : null}
          {months.error ? <ErrorState error={months.error} onRetry={months.reload} /> : null}
          {months.data ? (
            earlier.length === 0 ? (
              <EmptyState title={t('disclosures.noEarlier')} />
            ) : (
              <>
                <List size="small" dataSource={earlier.slice(0, 6)} renderItem={(x) => <PublicationRow p={x} current={false} />} />
                {earlier.length > 6 ? (
                  <Link to={`/disclosures?village=${p.regionCode}&kind=${p.kind}`}>
                    <Button type="link">{t('disclosures.allMonths')}</Button>
                  </Link>
                ) : null}
              </>
            )
          ) : null}
        </Card>
      </Space>
    </section>
  );
}
