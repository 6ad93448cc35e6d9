import { Card, Descriptions, List, Segmented, Space, Tag, Typography } from 'antd';
import { ArrowRightOutlined, CheckCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart, type ChartOption } from '../../components/EChart.js';
import { EmptyState } from '../../components/states.js';
import { chartYuan, yuan } from '../shared/money.js';
import { fundKindLabel, stepLabel } from '../shared/labels.js';
import type { FundFigures, FundSummary, Publication } from '../shared/types.js';

type Scope = 'toDate' | 'period';

const movedOutFen = (f: FundFigures) => f.movedOut.reduce((s, m) => s + m.amountFen, 0);

/** Budget vs actual per fund: approved, spent on its purpose, used elsewhere (yuan on the axis, for display only). */
function chartOption(funds: FundSummary[], scope: Scope, labels: { approved: string; spent: string; moved: string }): ChartOption {
  const shown = funds.filter((f) => f.approvedFen > 0 || f[scope].spentFen > 0 || movedOutFen(f[scope]) > 0);
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, itemGap: 8, textStyle: { fontSize: 12 } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => `¥${Number(v).toLocaleString('zh-CN', { minimumFractionDigits: 2 })}` },
    xAxis: { type: 'value', splitNumber: 3, axisLabel: { formatter: (v: number) => (v >= 10000 ? `${v / 10000}万` : String(v)), fontSize: 11 } },
    yAxis: { type: 'category', inverse: true, data: shown.map((f) => (f.name.length > 8 ? `${f.name.slice(0, 8)}…` : f.name)), axisLabel: { fontSize: 12 } },
    series: [
      { name: labels.approved, type: 'bar', data: shown.map((f) => chartYuan(f.approvedFen)), itemStyle: { color: '#8c8c8c' } },
      { name: labels.spent, type: 'bar', stack: 'used', data: shown.map((f) => chartYuan(f[scope].spentFen)), itemStyle: { color: '#1677ff' } },
      { name: labels.moved, type: 'bar', stack: 'used', data: shown.map((f) => chartYuan(movedOutFen(f[scope]))), itemStyle: { color: '#d4380d' } },
    ],
  };
}

/** One fund: the plain story of its money. */
function FundCard({ fund, scope }: { fund: FundSummary; scope: Scope }) {
  const { t } = useTranslation();
  const fig = fund[scope];
  const moved = movedOutFen(fig);
  const remainder = fund.approvedFen - fig.spentFen;
  return (
    <Card size="small" className="lx-dc-fund" data-testid="fund-card" data-code={fund.code} data-fund-id={fund.id}>
      <div className="lx-dc-fund-head">
        <strong className="lx-dc-fund-name">{fund.name}</strong>
        <Tag>{fundKindLabel(t, fund.kind)}</Tag>
      </div>
      {fund.purpose ? <div className="lx-muted">{t('disclosures.fundPurpose', { purpose: fund.purpose })}</div> : null}
      <Descriptions column={1} size="small" colon={false} className="lx-dc-fund-facts">
        {fund.approvedFen > 0 ? (
          <Descriptions.Item label={t('disclosures.approved')}>
            <strong data-testid="fund-approved">{yuan(fund.approvedFen)}</strong>
          </Descriptions.Item>
        ) : null}
        {fund.approvalDocument ? <Descriptions.Item label={t('disclosures.approvalDocument')}>{fund.approvalDocument}</Descriptions.Item> : null}
        <Descriptions.Item label={t('disclosures.received')}>{yuan(fig.receivedFen)}</Descriptions.Item>
        <Descriptions.Item label={t('disclosures.spentOnPurpose')}>
          <strong data-testid="fund-spent">{yuan(fig.spentFen)}</strong>
        </Descriptions.Item>
        {moved > 0 ? (
          <Descriptions.Item label={t('disclosures.movedOut')}>
            <strong className="lx-dc-moved" data-testid="fund-moved">
              {yuan(moved)}
            </strong>
          </Descriptions.Item>
        ) : null}
        {fig.movedIn.length > 0 ? (
          <Descriptions.Item label={t('disclosures.movedIn')}>{yuan(fig.movedIn.reduce((s, m) => s + m.amountFen, 0))}</Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t('disclosures.balance')}>
          <span data-testid="fund-balance">{yuan(fig.balanceFen)}</span>
        </Descriptions.Item>
      </Descriptions>

      {fig.movedOut.length > 0 ? (
        <div className="lx-dc-where" data-testid="fund-where">
          <Typography.Paragraph className="lx-dc-where-lead">
            {fund.approvedFen > 0
              ? t('disclosures.whereStory', { approved: yuan(fund.approvedFen), spent: yuan(fig.spentFen), moved: yuan(moved) })
              : t('disclosures.whereStoryNoBudget', { spent: yuan(fig.spentFen), moved: yuan(moved) })}
          </Typography.Paragraph>
          <List
            size="small"
            dataSource={fig.movedOut}
            renderItem={(m) => (
              <List.Item data-testid="fund-moved-to" data-code={m.code}>
                <span>
                  <ArrowRightOutlined aria-hidden /> {t('disclosures.movedTo', { name: m.name || m.code })}
                </span>
                <span>
                  <strong>{yuan(m.amountFen)}</strong> <span className="lx-muted">{t('disclosures.entriesN', { count: m.entryCount })}</span>
                </span>
              </List.Item>
            )}
          />
          <Typography.Paragraph className="lx-dc-disposition" data-testid="fund-disposition">
            {fund.balanceDisposition
              ? t('disclosures.dispositionRecorded', { text: fund.balanceDisposition })
              : t('disclosures.dispositionMissing')}
          </Typography.Paragraph>
        </div>
      ) : fund.approvedFen > 0 && remainder > 0 && fund.status === 'completed' ? (
        <Typography.Paragraph className="lx-dc-where" data-testid="fund-where">
          {t('disclosures.remainderStory', { remainder: yuan(remainder) })}{' '}
          {fund.balanceDisposition ? t('disclosures.dispositionRecorded', { text: fund.balanceDisposition }) : t('disclosures.dispositionMissing')}
        </Typography.Paragraph>
      ) : null}
      {fund.gapExplanation ? <Typography.Paragraph className="lx-hint">{t('disclosures.gapExplanation', { text: fund.gapExplanation })}</Typography.Paragraph> : null}

      {fund.decision ? (
        <div className="lx-dc-decision" data-testid="fund-decision" data-complete={fund.decision.complete}>
          {fund.decision.complete ? <CheckCircleOutlined aria-hidden /> : <ExclamationCircleOutlined aria-hidden />}{' '}
          {t('disclosures.decision', { title: fund.decision.title })} ·{' '}
          {fund.decision.complete ? t('disclosures.decisionComplete') : t('disclosures.decisionIncomplete')}
          <div className="lx-muted">{fund.decision.stepsRecorded.map((s) => stepLabel(t, s)).join(' → ')}</div>
        </div>
      ) : fund.kind === 'special' || fund.kind === 'project' ? (
        <div className="lx-muted" data-testid="fund-decision" data-complete="none">
          {t('disclosures.noDecision')}
        </div>
      ) : null}
    </Card>
  );
}

/** Per-fund budget vs actual, with a chart, and where every fund's money went. */
export function FundsSection({ publication }: { publication: Publication }) {
  const { t } = useTranslation();
  const [scope, setScope] = useState<Scope>('toDate');
  // Funds whose money went elsewhere first, then the ones with an approved budget, then the rest.
  const funds = useMemo(
    () =>
      [...publication.funds].sort(
        (a, b) => Number(b.toDate.movedOut.length > 0) - Number(a.toDate.movedOut.length > 0) || b.approvedFen - a.approvedFen || a.code.localeCompare(b.code),
      ),
    [publication.funds],
  );
  const option = useMemo(
    () => chartOption(funds, scope, { approved: t('disclosures.approved'), spent: t('disclosures.spentOnPurpose'), moved: t('disclosures.movedOut') }),
    [funds, scope, t],
  );
  const charted = funds.filter((f) => f.approvedFen > 0 || f[scope].spentFen > 0 || movedOutFen(f[scope]) > 0).length;

  return (
    <section aria-labelledby="dc-funds" data-testid="funds-section">
      <div className="lx-section-head">
        <Typography.Title level={4} id="dc-funds">
          {t('disclosures.funds')}
        </Typography.Title>
        <Segmented<Scope>
          value={scope}
          onChange={setScope}
          data-testid="funds-scope"
          options={[
            { value: 'toDate', label: t('disclosures.scopeToDate') },
            { value: 'period', label: t('disclosures.scopePeriod') },
          ]}
        />
      </div>
      <Typography.Paragraph className="lx-hint">{scope === 'toDate' ? t('disclosures.scopeToDateHint') : t('disclosures.scopePeriodHint')}</Typography.Paragraph>
      {funds.length === 0 ? (
        <EmptyState title={t('disclosures.noFunds')} />
      ) : (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          {charted > 0 ? (
            <Card size="small">
              <EChart className="lx-dc-chart" option={option} height={Math.max(160, 60 + charted * 56)} label={t('disclosures.chartLabel')} testId="funds-chart" />
            </Card>
          ) : null}
          {funds.map((f) => (
            <FundCard key={f.id} fund={f} scope={scope} />
          ))}
        </Space>
      )}
    </section>
  );
}
