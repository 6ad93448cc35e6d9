import type { HTMLAttributes } from 'react';
import { Alert, Button, Descriptions, Drawer, Input, List, Select, Space, Table, Timeline, Typography } from 'antd';
import { ReloadOutlined, WarningOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { hasRole, useAuth } from '../../app/auth.js';
import { useFeedback } from '../../app/feedback.js';
import { ConsolePage } from '../../console/ConsolePage.js';
import { StatusTag } from '../../components/StatusTag.js';
import { EmptyState, ErrorState, Loading } from '../../components/states.js';
import { formatDateTime } from '../../lib/time.js';
import { useLoad } from '../../lib/useLoad.js';
import { ruleLabel } from '../shared/labels.js';
import { FLAG_RULES, type Flag, type FlagDetail, type FlagPage } from '../shared/types.js';
import { EntryItem } from '../resident/EntriesSection.js';
import { RegionScope, useRegionParam } from './scope.js';

const STATUS_TONE = { open: 'danger', dismissed: 'neutral', resolved: 'success' } as const;

function FlagStatus({ status }: { status: Flag['status'] }) {
  const { t } = useTranslation();
  return <StatusTag tone={STATUS_TONE[status]}>{t(`disclosures.flagStatus.${status}`)}</StatusTag>;
}

/** One flag: the explanation, the facts and entries behind it, its history; dismiss or reopen with a reason. */
function FlagDrawer({ id, onClose, onChanged }: { id: string; onClose(): void; onChanged(): void }) {
  const { t, i18n } = useTranslation();
  const feedback = useFeedback();
  const flag = useLoad((signal) => api.get<FlagDetail>(`/disclosures/flags/${id}`, undefined, { signal }), [id]);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const f = flag.data;
  const act = async (action: 'dismiss' | 'reopen') => {
    setBusy(true);
    try {
      flag.setData(await api.post<FlagDetail>(`/disclosures/flags/${id}/${action}`, { reason: reason.trim() }));
      setReason('');
      feedback.success(action === 'dismiss' ? t('disclosures.console.flagDismissed') : t('disclosures.console.flagReopened'));
      onChanged();
    } catch (err) {
      feedback.error(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer open onClose={onClose} width={640} title={f ? `${f.villageName} · ${ruleLabel(t, f.rule)}` : t('common.loading')} data-testid="flag-drawer">
      {flag.loading && !f ? <Loading rows={4} /> : null}
      {flag.error ? <ErrorState error={flag.error} onRetry={flag.reload} /> : null}
      {f ? (
        <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="flag-detail" data-rule={f.rule} data-fund-id={f.fundId ?? ''}>
          <Alert type={f.status === 'open' ? 'warning' : 'info'} showIcon icon={<WarningOutlined />} message={<FlagStatus status={f.status} />} description={<span data-testid="flag-explanation">{f.explanation}</span>} />
          <Typography.Paragraph className="lx-hint">{t('disclosures.console.flagIsJudgment')}</Typography.Paragraph>
          <Descriptions size="small" column={1} bordered>
            {f.period ? <Descriptions.Item label={t('disclosures.console.period')}>{f.period}</Descriptions.Item> : null}
            <Descriptions.Item label={t('disclosures.console.firstDetected')}>{formatDateTime(f.firstDetectedAt, i18n.language)}</Descriptions.Item>
            <Descriptions.Item label={t('disclosures.console.lastDetected')}>{formatDateTime(f.lastDetectedAt, i18n.language)}</Descriptions.Item>
            {f.publicationId ? (
              <Descriptions.Item label={t('disclosures.console.publication')}>
                <Link to={`/console/disclosures/publications/${f.publicationId}`}>{t('disclosures.console.openPublication')}</Link>
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          <div>
            <Typography.Title level={5}>{t('disclosures.console.flagEntries', { count: f.entries.length })}</Typography.Title>
            {f.entries.length === 0 ? (
              <Typography.Paragraph className="lx-muted">{t('disclosures.console.flagNoEntries')}</Typography.Paragraph>
            ) : (
              <List bordered size="small" dataSource={f.entries} renderItem={(e) => <List.Item><EntryItem e={e} /></List.Item>} data-testid="flag-entries" />
            )}
          </div>
          <div>
            <Typography.Title level={5}>{t('disclosures.console.flagHistory')}</Typography.Title>
            <Timeline
              items={f.history.map((h) => ({
                children: (
                  <span>
                    {t(`disclosures.flagAction.${h.action}`, { defaultValue: h.action })} · {h.actor ?? t('disclosures.console.system')} · {formatDateTime(h.at, i18n.language)}
                    {h.reason ? <div>{t('disclosures.reasonIs', { reason: h.reason })}</div> : null}
                  </span>
                ),
              }))}
            />
          </div>
          {f.abilities.dismiss || f.abilities.reopen ? (
            <div data-testid="flag-action">
              <Input.TextArea
                rows={3}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                maxLength={1000}
                placeholder={f.abilities.dismiss ? t('disclosures.console.dismissReason') : t('disclosures.console.reopenReason')}
                aria-label={f.abilities.dismiss ? t('disclosures.console.dismissReason') : t('disclosures.console.reopenReason')}
                data-testid="flag-reason"
              />
              <Button
                className="lx-dc-gap"
                type={f.abilities.dismiss ? 'default' : 'primary'}
                disabled={!reason.trim()}
                loading={busy}
                onClick={() => void act(f.abilities.dismiss ? 'dismiss' : 'reopen')}
                data-testid={f.abilities.dismiss ? 'flag-dismiss' : 'flag-reopen'}
              >
                {f.abilities.dismiss ? t('disclosures.console.dismiss') : t('disclosures.console.reopen')}
              </Button>
            </div>
          ) : null}
        </Space>
      ) : null}
    </Drawer>
  );
}

/** `/console/disclosures/flags`: red flags for the supervision committee and discipline inspectors. */
export default function FlagsPage() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const feedback = useFeedback();
  const [region, setRegion] = useRegionParam(false);
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'open';
  const rule = params.get('rule') ?? '';
  const page = Number(params.get('page') ?? 1) || 1;
  const open = params.get('flag');
  const [scanning, setScanning] = useState(false);
  const set = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    if (k !== 'page' && k !== 'flag') next.delete('page');
    setParams(next, { replace: true });
  };
  const flags = useLoad(
    (signal) => (region ? api.get<FlagPage>('/disclosures/flags', { region, status: status === 'all' ? '' : status, rule, page, pageSize: 20 }, { signal }) : Promise.resolve(null)),
    [region, status, rule, page],
  );
  const canScan = hasRole(me, ['discipline_inspector', 'admin']);
  const scan = async () => {
    if (!region) return;
    setScanning(true);
    try {
      const r = await api.post<{ open: number; detected: number; resolved: number }>(`/disclosures/flags/scan?region=${region}`);
      feedback.success(t('disclosures.console.scanned', r));
      flags.reload();
    } catch (err) {
      feedback.error(err);
    } finally {
      setScanning(false);
    }
  };

  return (
    <ConsolePage
      title={t('disclosures.console.menu.flags')}
      description={t('disclosures.console.flagsHint')}
      testId="page-disclosure-flags"
      extra={canScan ? <Button icon={<ReloadOutlined />} loading={scanning} onClick={() => void scan()}>{t('disclosures.console.rescan')}</Button> : null}
    >
      <RegionScope code={region} onChange={setRegion} needVillage={false} />
      <Space wrap className="lx-dc-filters">
        <Select value={status} onChange={(v) => set('status', v)} style={{ minWidth: 120 }} aria-label={t('disclosures.console.status')} data-testid="flag-status-filter"
          options={[{ value: 'open', label: t('disclosures.flagStatus.open') }, { value: 'dismissed', label: t('disclosures.flagStatus.dismissed') }, { value: 'resolved', label: t('disclosures.flagStatus.resolved') }, { value: 'all', label: t('disclosures.console.allStatuses') }]} />
        <Select value={rule} onChange={(v) => set('rule', v)} style={{ minWidth: 220 }} aria-label={t('disclosures.console.rule')} data-testid="flag-rule-filter"
          options={[{ value: '', label: t('disclosures.console.allRules') }, ...FLAG_RULES.map((r) => ({ value: r, label: ruleLabel(t, r) }))]} />
      </Space>
      {flags.error ? <ErrorState error={flags.error} onRetry={flags.reload} /> : null}
      <Table
        rowKey="id"
        loading={flags.loading}
        dataSource={flags.data?.items ?? []}
        data-testid="flag-table"
        scroll={{ x: 800 }}
        locale={{ emptyText: <EmptyState title={t('disclosures.console.noFlags')} hint={t('disclosures.console.noFlagsHint')} /> }}
        pagination={{ current: page, pageSize: 20, total: flags.data?.total ?? 0, onChange: (n) => set('page', String(n)), showSizeChanger: false }}
        onRow={(f) => ({ 'data-testid': 'flag-row', 'data-rule': f.rule, 'data-fund-id': f.fundId ?? '', 'data-region': f.regionCode } as HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('disclosures.console.village'), dataIndex: 'villageName', width: 120 },
          { title: t('disclosures.console.rule'), render: (_, f) => <strong>{ruleLabel(t, f.rule)}</strong>, width: 160 },
          { title: t('disclosures.console.explanation'), render: (_, f) => <span data-testid="flag-row-explanation">{f.explanation}</span> },
          { title: t('disclosures.console.entriesCol'), dataIndex: 'entryCount', width: 70 },
          { title: t('disclosures.console.status'), render: (_, f) => <FlagStatus status={f.status} />, width: 100 },
          { title: t('disclosures.console.lastDetected'), render: (_, f) => formatDateTime(f.lastDetectedAt, i18n.language), width: 150 },
          { title: '', render: (_, f) => <Button size="small" onClick={() => set('flag', f.id)} data-testid="flag-open">{t('disclosures.console.details')}</Button>, width: 90 },
        ]}
      />
      {open ? <FlagDrawer id={open} onClose={() => set('flag', null)} onChanged={flags.reload} /> : null}
    </ConsolePage>
  );
}
