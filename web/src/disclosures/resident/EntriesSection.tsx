import { List, Pagination, Select, Space, Tag, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { EmptyState, ErrorState, Loading } from '../../components/states.js';
import { useLoad } from '../../lib/useLoad.js';
import { yuan } from '../shared/money.js';
import { directionLabel, paymentLabel } from '../shared/labels.js';
import type { Entry, EntryPage, Publication } from '../shared/types.js';

const PAGE_SIZE = 20;

/** One ledger line: date, voucher, in/out, amount, who, what for, which fund (→ where to), receipts. */
export function EntryItem({ e }: { e: Entry }) {
  const { t } = useTranslation();
  return (
    <div className="lx-dc-entry" data-testid="entry-item" data-voucher={e.voucherNo} data-direction={e.direction}>
      <div className="lx-dc-entry-head">
        <span className="lx-muted">
          {e.entryDate} · {e.voucherNo}
        </span>
        <strong className={`lx-dc-amount lx-dc-${e.direction}`}>
          {e.direction === 'income' ? '+' : '−'}
          {yuan(e.amountFen)}
        </strong>
      </div>
      <div>
        <Tag>{directionLabel(t, e.direction)}</Tag> {e.purpose}
      </div>
      <div className="lx-muted">
        {t('disclosures.counterparty')}：{e.counterparty || '—'} · {paymentLabel(t, e.paymentMethod)}
      </div>
      <div className="lx-muted">
        {t('disclosures.fund')}：{e.fund.name || e.fund.code}
        {e.toFund ? (
          <span className="lx-dc-moved" data-testid="entry-to-fund">
            {' '}
            → {t('disclosures.usedFor', { name: e.toFund.name || e.toFund.code })}
          </span>
        ) : null}
      </div>
      {e.approvers.length ? <div className="lx-muted">{t('disclosures.approvers', { names: e.approvers.join('、') })}</div> : null}
      {e.attachments.length ? (
        <Space wrap size={4}>
          {e.attachments.map((a) => (
            <a key={a.id} href={`/api/disclosures/entries/${e.id}/attachments/${a.id}`} target="_blank" rel="noreferrer" data-testid="receipt-link">
              <PaperClipOutlined aria-hidden /> {a.fileName}
            </a>
          ))}
        </Space>
      ) : (
        <div className="lx-muted">{t('disclosures.noReceipt')}</div>
      )}
    </div>
  );
}

/** The ledger of a publication, paged, optionally one fund's. */
export function EntriesSection({ publication }: { publication: Publication }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [fundId, setFundId] = useState('');
  const entries = useLoad(
    (signal) => api.get<EntryPage>(`/disclosures/publications/${publication.id}/entries`, { page, pageSize: PAGE_SIZE, fundId }, { signal }),
    [publication.id, page, fundId],
  );
  return (
    <section aria-labelledby="dc-entries" data-testid="entries-section">
      <div className="lx-section-head">
        <Typography.Title level={4} id="dc-entries">
          {t('disclosures.entries')}
        </Typography.Title>
        {entries.data ? <span className="lx-muted">{t('disclosures.entriesTotal', { count: entries.data.total })}</span> : null}
      </div>
      <Typography.Paragraph className="lx-hint">{t('disclosures.entriesHint')}</Typography.Paragraph>
      {publication.funds.length > 1 ? (
        <Select
          value={fundId}
          onChange={(v) => {
            setFundId(v);
            setPage(1);
          }}
          style={{ width: '100%', marginBottom: 8 }}
          aria-label={t('disclosures.filterFund')}
          data-testid="entries-fund"
          options={[{ value: '', label: t('disclosures.allFunds') }, ...publication.funds.map((f) => ({ value: f.id, label: f.name }))]}
        />
      ) : null}
      {entries.loading && !entries.data ? <Loading rows={4} /> : null}
      {entries.error ? <ErrorState error={entries.error} onRetry={entries.reload} /> : null}
      {entries.data ? (
        entries.data.items.length === 0 ? (
          <EmptyState title={t('disclosures.noEntries')} hint={publication.kind === 'finance' ? undefined : t('disclosures.noEntriesHint')} />
        ) : (
          <>
            <List bordered dataSource={entries.data.items} renderItem={(e) => <List.Item><EntryItem e={e} /></List.Item>} data-testid="entry-list" />
            {entries.data.total > PAGE_SIZE ? (
              <Pagination simple current={page} pageSize={PAGE_SIZE} total={entries.data.total} onChange={setPage} className="lx-dc-pager" />
            ) : null}
          </>
        )
      ) : null}
    </section>
  );
}
