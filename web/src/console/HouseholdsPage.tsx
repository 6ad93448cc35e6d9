import { Button, Card, List, Pagination, Popconfirm, Segmented, Select, Space, Tag } from 'antd';
import { CheckOutlined, CloseOutlined, CrownOutlined, HomeOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import type { Household, HouseholdMember, Page } from '../api/types.js';
import { useAuth } from '../app/auth.js';
import { useFeedback } from '../app/feedback.js';
import { EmptyState, ErrorState, Loading } from '../components/states.js';
import { MembershipTag } from '../components/StatusTag.js';
import { relationLabel } from '../lib/labels.js';
import { formatDateTime } from '../lib/time.js';
import { useLoad } from '../lib/useLoad.js';
import { scopesOf } from './access.js';
import { ConsolePage } from './ConsolePage.js';

type StatusFilter = 'pending' | 'verified';

function MemberRow({ household, member, onDone }: { household: Household; member: HouseholdMember; onDone(): void }) {
  const { t, i18n } = useTranslation();
  const feedback = useFeedback();
  const [busy, setBusy] = useState<string | null>(null);
  const isRep = member.isRepresentative;

  const verify = async (approve: boolean) => {
    setBusy(approve ? 'approve' : 'reject');
    try {
      await api.post(`/households/${household.id}/members/${member.userId}/verify`, { approve });
      feedback.success(approve ? t('verify.approved', { name: member.name }) : t('verify.rejected', { name: member.name }));
      onDone();
    } catch (err) {
      feedback.error(err);
    } finally {
      setBusy(null);
    }
  };
  const makeRepresentative = async () => {
    setBusy('rep');
    try {
      await api.put(`/households/${household.id}/representative`, { userId: member.userId });
      feedback.success(t('verify.representativeSet', { name: member.name }));
      onDone();
    } catch (err) {
      feedback.error(err);
    } finally {
      setBusy(null);
    }
  };

  return (
    <List.Item
      data-testid="member-row"
      data-status={member.status}
      actions={
        member.status === 'pending' && household.abilities?.verify !== false
          ? [
              <Button key="a" type="primary" icon={<CheckOutlined />} loading={busy === 'approve'} onClick={() => verify(true)} data-testid="verify-approve">
                {t('verify.approve')}
              </Button>,
              <Popconfirm key="r" title={t('verify.rejectConfirm', { name: member.name })} okText={t('verify.reject')} cancelText={t('common.cancel')} onConfirm={() => verify(false)}>
                <Button danger icon={<CloseOutlined />} loading={busy === 'reject'} data-testid="verify-reject">
                  {t('verify.reject')}
                </Button>
              </Popconfirm>,
            ]
          : member.status === 'verified' && !isRep && household.abilities?.setRepresentative !== false
            ? [
                <Button key="rep" icon={<CrownOutlined />} loading={busy === 'rep'} onClick={makeRepresentative} data-testid="set-representative">
                  {t('verify.makeRepresentative')}
                </Button>,
              ]
            : []
      }
    >
      <List.Item.Meta
        title={
          <Space wrap>
            <span>{member.name}</span>
            <span className="lx-muted">{relationLabel(t, member.relation)}</span>
            {member.phone ? <span className="lx-muted">{member.phone}</span> : null}
            <MembershipTag status={member.status} />
            {isRep ? (
              <Tag icon={<CrownOutlined />}>
                {t('household.representative')}
              </Tag>
            ) : null}
          </Space>
        }
        description={member.requestedAt ? t('verify.appliedAt', { time: formatDateTime(member.requestedAt, i18n.language) }) : undefined}
      />
    </List.Item>
  );
}

/** 户籍核验: households in my scope with memberships waiting for approval. */
export default function HouseholdsPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const scopes = scopesOf(me);
  const [status, setStatus] = useState<StatusFilter>('pending');
  const [scope, setScope] = useState<string | undefined>(undefined);
  const [page, setPage] = useState(1);
  const households = useLoad(
    (signal) => api.get<Page<Household>>('/households', { status, regionPrefix: scope, page, pageSize: 20 }, { signal }),
    [status, scope, page],
  );
  const items = households.data?.items ?? [];

  return (
    <ConsolePage title={t('console.nav.households')} description={t('verify.pageHint')} testId="page-households">
      <Space wrap className="lx-filters">
        <Segmented<StatusFilter>
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={[
            { value: 'pending', label: t('verify.filterPending') },
            { value: 'verified', label: t('verify.filterVerified') },
          ]}
          data-testid="verify-status-filter"
        />
        <Select
          allowClear
          value={scope}
          placeholder={t('people.filterScope')}
          aria-label={t('people.filterScope')}
          style={{ width: 220 }}
          onChange={(v: string | undefined) => {
            setScope(v);
            setPage(1);
          }}
          options={scopes.map((s) => ({ value: s.prefix, label: s.label }))}
        />
      </Space>
      {households.loading && !households.data ? <Loading /> : null}
      {households.error ? <ErrorState error={households.error} onRetry={households.reload} /> : null}
      {households.data && items.length === 0 ? (
        <EmptyState title={status === 'pending' ? t('verify.emptyPending') : t('verify.emptyVerified')} hint={status === 'pending' ? t('verify.emptyPendingHint') : undefined} />
      ) : null}
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {items.map((h) => (
          <Card
            key={h.id}
            size="small"
            data-testid="household-row"
            title={
              <span>
                <HomeOutlined aria-hidden /> {h.address}
              </span>
            }
            extra={<span className="lx-muted">{h.path?.slice(2).map((p) => p.name).join(' / ') || h.regionName || h.regionCode}</span>}
          >
            <List dataSource={h.members} renderItem={(m) => <MemberRow household={h} member={m} onDone={households.reload} />} />
          </Card>
        ))}
      </Space>
      {households.data && households.data.total > households.data.pageSize ? (
        <Pagination
          style={{ marginTop: 16 }}
          current={page}
          pageSize={households.data.pageSize}
          total={households.data.total}
          onChange={setPage}
          showTotal={(total) => t('common.total', { total })}
        />
      ) : null}
    </ConsolePage>
  );
}
