import { Input, Select, Space, Table, Tooltip } from 'antd';
import { CheckCircleOutlined, ClockCircleOutlined, CloseCircleOutlined, MinusCircleOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { ConsolePage } from '../../console/ConsolePage.js';
import { EmptyState, ErrorState } from '../../components/states.js';
import { useLoad } from '../../lib/useLoad.js';
import { kindLabel, periodLabel } from '../shared/labels.js';
import { PUBLICATION_KINDS, type Compliance } from '../shared/types.js';
import { RegionScope, useRegionParam } from './scope.js';

type Cell = Compliance['villages'][number]['months'][number];
const ICON: Record<Cell['state'], ReactNode> = {
  on_time: <CheckCircleOutlined aria-hidden />,
  late: <ClockCircleOutlined aria-hidden />,
  missing: <CloseCircleOutlined aria-hidden />,
  pending: <MinusCircleOutlined aria-hidden />,
};

function monthsAgo(n: number): string {
  const now = new Date(Date.now() + 8 * 3600_000);
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - n, 1)).toISOString().slice(0, 7);
}

/** `/console/disclosures/compliance`: villages × months, on time / late / missing. */
export default function CompliancePage() {
  const { t, i18n } = useTranslation();
  const [region, setRegion] = useRegionParam(false);
  const [params, setParams] = useSearchParams();
  const from = params.get('from') ?? monthsAgo(6);
  const to = params.get('to') ?? monthsAgo(1);
  const kind = params.get('kind') ?? 'finance';
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    next.set(k, v);
    setParams(next, { replace: true });
  };
  const board = useLoad(
    (signal) => (region ? api.get<Compliance>('/disclosures/compliance', { region, from, to, kind }, { signal }) : Promise.resolve(null)),
    [region, from, to, kind],
  );
  const b = board.data;
  const cell = (c: Cell | undefined) => {
    if (!c) return null;
    const text = t(`disclosures.compliance.${c.state}`);
    const detail = c.state === 'late' ? t('disclosures.compliance.daysLate', { days: c.daysLate ?? 0 }) : c.state === 'missing' ? t('disclosures.compliance.dueWas', { due: c.dueOn }) : '';
    const inner = (
      <span className={`lx-dc-cell lx-dc-cell-${c.state}`} data-testid="compliance-cell" data-state={c.state} data-period={c.period}>
        {ICON[c.state]} {text}
        {detail ? <span className="lx-dc-cell-detail">{detail}</span> : null}
      </span>
    );
    return (
      <Tooltip title={`${t('disclosures.dueOn')} ${c.dueOn}`}>
        {c.publicationId ? <Link to={`/console/disclosures/publications/${c.publicationId}`}>{inner}</Link> : inner}
      </Tooltip>
    );
  };

  return (
    <ConsolePage title={t('disclosures.console.menu.compliance')} description={t('disclosures.console.complianceHint')} testId="page-disclosure-compliance">
      <RegionScope code={region} onChange={setRegion} needVillage={false} />
      <Space wrap className="lx-dc-filters">
        <label>
          {t('disclosures.console.from')} <Input type="month" value={from} onChange={(e) => e.target.value && set('from', e.target.value)} style={{ width: 150 }} />
        </label>
        <label>
          {t('disclosures.console.to')} <Input type="month" value={to} onChange={(e) => e.target.value && set('to', e.target.value)} style={{ width: 150 }} />
        </label>
        <Select value={kind} onChange={(v) => set('kind', v)} style={{ minWidth: 160 }} aria-label={t('disclosures.filterKind')} options={PUBLICATION_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))} />
      </Space>
      {b ? (
        <Space wrap className="lx-dc-filters" data-testid="compliance-totals">
          {(['on_time', 'late', 'missing', 'pending'] as const).map((s) => (
            <span key={s} className={`lx-dc-cell lx-dc-cell-${s}`}>
              {ICON[s]} {t(`disclosures.compliance.${s}`)}: <strong>{b.totals[s] ?? 0}</strong>
            </span>
          ))}
        </Space>
      ) : null}
      {board.error ? <ErrorState error={board.error} onRetry={board.reload} /> : null}
      <Table
        rowKey="regionCode"
        size="small"
        loading={board.loading}
        dataSource={b?.villages ?? []}
        data-testid="compliance-table"
        scroll={{ x: 200 + (b?.periods.length ?? 6) * 110 }}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        locale={{ emptyText: <EmptyState title={t('disclosures.console.noVillages')} hint={t('disclosures.console.noVillagesHint')} /> }}
        columns={[
          {
            title: t('disclosures.console.village'),
            fixed: 'left',
            width: 180,
            render: (_, v) => (
              <span data-testid="compliance-row" data-region={v.regionCode}>
                <Link to={`/console/disclosures/publications?region=${v.regionCode}`}>{v.name}</Link>
                <div className="lx-muted">{v.townshipName}</div>
              </span>
            ),
          },
          ...(b?.periods ?? []).map((p, i) => ({
            title: periodLabel(p, i18n.language),
            key: p,
            width: 110,
            render: (_: unknown, v: Compliance['villages'][number]) => cell(v.months[i]),
          })),
        ]}
      />
    </ConsolePage>
  );
}
