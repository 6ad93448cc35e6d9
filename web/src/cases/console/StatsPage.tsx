import { Button, Card, Col, DatePicker, Radio, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { LineChart } from 'echarts/charts';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { regionPrefix } from '../../../../common/regions.js';
import { api, queryString } from '../../api/client.js';
import { ConsolePage } from '../../console/ConsolePage.js';
import { codeOfPrefix } from '../../console/access.js';
import { EChart, registerCharts, type ChartOption } from '../../components/EChart.js';
import { ErrorState, Loading } from '../../components/states.js';
import { addDays, formatDateTime, todayInShanghai } from '../../lib/time.js';
import { useLoad } from '../../lib/useLoad.js';
import { RegionDrill } from '../RegionDrill.js';
import { useLang } from '../shared.js';
import type { Category } from '../types.js';
import { formatMinutes, percent, type Figures, type StatsAnswer } from './stats-types.js';

// The trend is a line chart; registered here so the shared chart stays bars-only for residents.
registerCharts([LineChart]);

const RANK_KEYS = ['received', 'responseRate', 'resolutionRate', 'satisfactionRate', 'overdue', 'medianResolutionMinutes'] as const;

/** `/console/cases/stats`: 三率 per region subtree / unit / category / period, drill-down city → village, trends, exports. */
export default function StatsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [params, setParams] = useSearchParams();
  const today = todayInShanghai();
  const from = params.get('from') ?? addDays(today, -29);
  const to = params.get('to') ?? today;
  const prefix = params.get('regionPrefix') ?? '';
  const groupBy = (params.get('groupBy') ?? 'region') as 'region' | 'unit' | 'category';
  const trend = (params.get('trend') ?? 'day') as 'day' | 'week' | 'month';
  const category = params.get('category') ?? '';
  const rankBy = (params.get('rankBy') ?? 'received') as (typeof RANK_KEYS)[number];
  const set = (next: Record<string, string | null>) => {
    const search = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) (v ? search.set(k, v) : search.delete(k));
    setParams(search);
  };
  const query = { regionPrefix: prefix || undefined, category: category || undefined, from, to, groupBy, trend };
  const stats = useLoad((signal) => api.get<StatsAnswer>('/cases/stats', query, { signal }), [prefix, category, from, to, groupBy, trend]);
  const categories = useLoad((signal) => api.get<{ items: Category[] }>('/cases/categories', undefined, { signal }), []);
  const data = stats.data;
  const shownPrefix = prefix || data?.scope.regionPrefix || '4302';

  const trendOption = useMemo<ChartOption>(() => {
    const rows = data?.trend ?? [];
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [t('cases.fig.received'), t('cases.fig.resolved'), t('cases.fig.resolutionRate'), t('cases.fig.satisfactionRate')] },
      grid: { left: 40, right: 48, top: 64, bottom: 30 },
      xAxis: { type: 'category', data: rows.map((r) => r.period) },
      yAxis: [
        { type: 'value', name: t('cases.fig.count'), minInterval: 1 },
        { type: 'value', name: '%', min: 0, max: 100 },
      ],
      series: [
        { name: t('cases.fig.received'), type: 'bar', data: rows.map((r) => r.received) },
        { name: t('cases.fig.resolved'), type: 'bar', data: rows.map((r) => r.resolved) },
        { name: t('cases.fig.resolutionRate'), type: 'line', yAxisIndex: 1, connectNulls: true, data: rows.map((r) => (r.resolutionRate === null ? null : Math.round(r.resolutionRate * 1000) / 10)) },
        { name: t('cases.fig.satisfactionRate'), type: 'line', yAxisIndex: 1, connectNulls: true, data: rows.map((r) => (r.satisfactionRate === null ? null : Math.round(r.satisfactionRate * 1000) / 10)) },
      ],
    };
  }, [data, t]);

  const ranked = useMemo(() => {
    const rows = [...(data?.rows ?? [])];
    const value = (r: Figures) => r[rankBy] ?? -1;
    // Overdue and time: fewer is better; rates and counts: more first.
    const asc = rankBy === 'overdue' || rankBy === 'medianResolutionMinutes';
    return rows.sort((a, b) => (asc ? value(a) - value(b) : value(b) - value(a)));
  }, [data, rankBy]);

  const rankOption = useMemo<ChartOption>(() => {
    const top = ranked.slice(0, 12);
    const isRate = rankBy.endsWith('Rate');
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 120, right: 24, top: 16, bottom: 24 },
      xAxis: { type: 'value', ...(isRate ? { max: 100 } : {}) },
      yAxis: { type: 'category', inverse: true, data: top.map((r) => r.label) },
      series: [{ type: 'bar', name: t(`cases.fig.${rankBy}`), data: top.map((r) => (isRate ? (r[rankBy] === null ? 0 : Math.round((r[rankBy] as number) * 1000) / 10) : (r[rankBy] ?? 0))) }],
    };
  }, [ranked, rankBy, t]);

  const exportHref = (path: string, format: 'csv' | 'xlsx', extra: Record<string, string | undefined> = {}) => `/api${path}${queryString({ ...extra, format })}`;
  const totals = data?.totals;
  const cards: { key: string; value: string; testId: string }[] = totals
    ? [
        { key: 'received', value: String(totals.received), testId: 'fig-received' },
        { key: 'responseRate', value: percent(totals.responseRate), testId: 'fig-response-rate' },
        { key: 'resolutionRate', value: percent(totals.resolutionRate), testId: 'fig-resolution-rate' },
        { key: 'satisfactionRate', value: percent(totals.satisfactionRate), testId: 'fig-satisfaction-rate' },
        { key: 'medianResponseMinutes', value: formatMinutes(t, totals.medianResponseMinutes), testId: 'fig-median-response' },
        { key: 'medianResolutionMinutes', value: formatMinutes(t, totals.medianResolutionMinutes), testId: 'fig-median-resolution' },
        { key: 'overdue', value: String(totals.overdue), testId: 'fig-overdue' },
        { key: 'rated', value: `${totals.rated}（${t('cases.fig.dissatisfiedN', { n: totals.dissatisfied })}）`, testId: 'fig-rated' },
      ]
    : [];

  return (
    <ConsolePage
      title={t('cases.statsTitle')}
      description={t('cases.statsHint')}
      testId="page-case-stats"
      extra={
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={stats.reload} data-testid="stats-refresh">
            {t('common.refresh')}
          </Button>
          <Button icon={<DownloadOutlined />} href={exportHref('/cases/stats/export', 'csv', query as Record<string, string>)} data-testid="stats-export-csv">
            {t('cases.exportStats')} CSV
          </Button>
          <Button icon={<DownloadOutlined />} href={exportHref('/cases/stats/export', 'xlsx', query as Record<string, string>)} data-testid="stats-export-xlsx">
            {t('cases.exportStats')} XLSX
          </Button>
          <Button icon={<DownloadOutlined />} href={exportHref('/cases/export', 'xlsx', { regionPrefix: prefix || undefined, category: category || undefined })} data-testid="cases-export-xlsx">
            {t('cases.exportCases')} XLSX
          </Button>
          <Button icon={<DownloadOutlined />} href={exportHref('/cases/export', 'csv', { regionPrefix: prefix || undefined, category: category || undefined })} data-testid="cases-export-csv">
            {t('cases.exportCases')} CSV
          </Button>
        </Space>
      }
    >
      <div className="lx-case-stats-filters" data-testid="stats-filters">
        <DatePicker.RangePicker
          allowClear={false}
          value={[dayjs(from), dayjs(to)]}
          onChange={(v) => {
            const [a, b] = (v ?? []) as [Dayjs | null, Dayjs | null];
            if (a && b) set({ from: a.format('YYYY-MM-DD'), to: b.format('YYYY-MM-DD') });
          }}
          presets={[
            { label: t('cases.period.week'), value: [dayjs(addDays(today, -6)), dayjs(today)] },
            { label: t('cases.period.month'), value: [dayjs(addDays(today, -29)), dayjs(today)] },
            { label: t('cases.period.quarter'), value: [dayjs(addDays(today, -89)), dayjs(today)] },
            { label: t('cases.period.year'), value: [dayjs(addDays(today, -364)), dayjs(today)] },
          ]}
          data-testid="stats-period"
        />
        <Radio.Group value={trend} onChange={(e) => set({ trend: e.target.value as string })} optionType="button" aria-label={t('cases.trendBy')}>
          {(['day', 'week', 'month'] as const).map((k) => (
            <Radio.Button key={k} value={k}>
              {t(`cases.trend.${k}`)}
            </Radio.Button>
          ))}
        </Radio.Group>
        <Select
          allowClear
          placeholder={t('cases.allCategories')}
          value={category || undefined}
          onChange={(v?: string) => set({ category: v ?? null })}
          options={(categories.data?.items ?? []).map((c) => ({ value: c.code, label: c.parentCode ? `— ${c.name}` : c.name }))}
          style={{ minWidth: 160 }}
          aria-label={t('cases.category')}
        />
      </div>
      <RegionDrill code={codeOfPrefix(shownPrefix)} onChange={(c) => set({ regionPrefix: regionPrefix(c) })} testId="stats-region" />

      {stats.error ? <ErrorState error={stats.error} onRetry={stats.reload} /> : null}
      {stats.loading && !data ? <Loading /> : null}
      {data ? (
        <>
          <Row gutter={[12, 12]} className="lx-case-figures" data-testid="stats-figures">
            {cards.map((c) => (
              <Col key={c.key} xs={12} md={6} xl={3}>
                <Card size="small">
                  <Statistic title={t(`cases.fig.${c.key}`)} value={c.value} valueRender={() => <span data-testid={c.testId}>{c.value}</span>} />
                </Card>
              </Col>
            ))}
          </Row>
          <Typography.Paragraph className="lx-muted">
            {t('cases.statsScope', { from: data.scope.from, to: data.scope.to, at: formatDateTime(data.generatedAt, lang) })}
          </Typography.Paragraph>
          <Card title={t('cases.trendTitle')} size="small">
            <EChart option={trendOption} height={320} className="lx-case-chart" label={t('cases.trendTitle')} testId="stats-trend" />
          </Card>
          <Card
            size="small"
            style={{ marginTop: 12 }}
            title={t('cases.rankTitle')}
          >
            <Space wrap style={{ marginBottom: 8 }}>
              <Radio.Group value={groupBy} onChange={(e) => set({ groupBy: e.target.value as string })} optionType="button" data-testid="stats-group">
                {(['region', 'unit', 'category'] as const).map((g) => (
                  <Radio.Button key={g} value={g}>
                    {t(`cases.groupBy.${g}`)}
                  </Radio.Button>
                ))}
              </Radio.Group>
              <Select value={rankBy} onChange={(v) => set({ rankBy: v })} options={RANK_KEYS.map((k) => ({ value: k, label: t(`cases.fig.${k}`) }))} aria-label={t('cases.rankBy')} style={{ minWidth: 140 }} />
            </Space>
            {ranked.length ? <EChart option={rankOption} className="lx-case-chart" height={Math.max(160, Math.min(12, ranked.length) * 28 + 40)} label={t('cases.rankTitle')} /> : null}
            <Table<StatsAnswer['rows'][number]>
              rowKey="key"
              size="small"
              dataSource={ranked}
              pagination={false}
              scroll={{ x: 900 }}
              data-testid="stats-table"
              onRow={(r) => ({ 'data-testid': 'stats-row', 'data-key': r.key }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { title: '#', render: (_: unknown, __: unknown, i: number) => i + 1, width: 48 },
                {
                  title: t(`cases.groupBy.${groupBy}`),
                  render: (_: unknown, r) =>
                    r.drillable && groupBy !== 'unit' ? (
                      <Button type="link" size="small" style={{ padding: 0 }} onClick={() => set(groupBy === 'region' ? { regionPrefix: r.key } : { category: r.key })} data-testid="stats-drill">
                        {r.label}
                      </Button>
                    ) : (
                      r.label
                    ),
                },
                { title: t('cases.fig.received'), dataIndex: 'received', sorter: (a, b) => a.received - b.received },
                { title: t('cases.fig.resolved'), dataIndex: 'resolved', sorter: (a, b) => a.resolved - b.resolved },
                { title: t('cases.fig.responseRate'), render: (_: unknown, r) => percent(r.responseRate), sorter: (a, b) => (a.responseRate ?? -1) - (b.responseRate ?? -1) },
                { title: t('cases.fig.resolutionRate'), render: (_: unknown, r) => percent(r.resolutionRate), sorter: (a, b) => (a.resolutionRate ?? -1) - (b.resolutionRate ?? -1) },
                { title: t('cases.fig.satisfactionRate'), render: (_: unknown, r) => percent(r.satisfactionRate), sorter: (a, b) => (a.satisfactionRate ?? -1) - (b.satisfactionRate ?? -1) },
                { title: t('cases.fig.medianResponseMinutes'), render: (_: unknown, r) => formatMinutes(t, r.medianResponseMinutes) },
                { title: t('cases.fig.medianResolutionMinutes'), render: (_: unknown, r) => formatMinutes(t, r.medianResolutionMinutes) },
                { title: t('cases.fig.overdue'), dataIndex: 'overdue', sorter: (a, b) => a.overdue - b.overdue },
                { title: t('cases.fig.dissatisfied'), dataIndex: 'dissatisfied' },
              ]}
            />
          </Card>
        </>
      ) : null}
    </ConsolePage>
  );
}
