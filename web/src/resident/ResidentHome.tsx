import { Button, Card, Form, Input, List, Select, Space, Typography } from 'antd';
import { AccountBookOutlined, AlertOutlined, BellFilled, DesktopOutlined, EditOutlined, FileSearchOutlined, HomeOutlined, PlusOutlined, RightOutlined, TeamOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, applyFormError } from '../api/client.js';
import type { FeedSummary, Household } from '../api/types.js';
import { isStaff, useAuth } from '../app/auth.js';
import { useFeedback } from '../app/feedback.js';
import { ResidentLayout } from '../app/ResidentLayout.js';
import { RegionPicker, type PickedRegion } from '../components/RegionPicker.js';
import { EmptyState, ErrorState, Loading } from '../components/states.js';
import { MembershipTag } from '../components/StatusTag.js';
import { levelLabel, RELATIONS, relationLabel } from '../lib/labels.js';
import { formatDateTime } from '../lib/time.js';
import { useLoad } from '../lib/useLoad.js';

function myStatusIn(household: Household, myId: string | undefined) {
  return household.myStatus ?? household.members.find((m) => m.isMe || m.userId === myId)?.status;
}

function JoinHouseholdForm({ onJoined, onCancel }: { onJoined(): void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ region: PickedRegion | null; address: string; relation: string }>();
  const [busy, setBusy] = useState(false);

  const submit = async (values: { region: PickedRegion | null; address: string; relation: string }) => {
    setBusy(true);
    try {
      await api.post('/households/join', { regionCode: values.region!.code, address: values.address.trim(), relation: values.relation });
      feedback.success(t('household.joinSent'));
      form.resetFields();
      onJoined();
    } catch (err) {
      if (!applyFormError(form, err, { regionCode: 'region' })) feedback.error(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('household.joinTitle')} data-testid="join-household">
      <Typography.Paragraph className="lx-hint">{t('household.joinHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} initialValues={{ region: null, relation: '户主' }}>
        <Form.Item name="region" label={t('household.region')} rules={[{ required: true, message: t('household.regionRequired') }]}>
          <RegionPicker />
        </Form.Item>
        <Form.Item
          name="address"
          label={t('household.address')}
          extra={t('household.addressHint')}
          rules={[{ required: true, whitespace: true, message: t('household.addressRequired') }, { max: 200 }]}
        >
          <Input autoComplete="street-address" data-testid="join-address" />
        </Form.Item>
        <Form.Item name="relation" label={t('household.relationLabel')} rules={[{ required: true }]}>
          <Select
            data-testid="join-relation"
            options={RELATIONS.map((r) => ({ value: r.value, label: relationLabel(t, r.value) }))}
            aria-label={t('household.relationLabel')}
          />
        </Form.Item>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={busy} icon={<PlusOutlined />} data-testid="join-submit">
            {t('household.joinSubmit')}
          </Button>
          {onCancel ? <Button onClick={onCancel}>{t('common.cancel')}</Button> : null}
        </Space>
      </Form>
    </Card>
  );
}

function HouseholdCard({ household, myId }: { household: Household; myId?: string }) {
  const { t } = useTranslation();
  const status = myStatusIn(household, myId);
  // The breadcrumb below the city: 荷塘区 / 月塘街道 / 某社区.
  const place = household.path?.slice(2).map((p) => p.name).join(' / ') || household.regionName || household.regionCode;
  return (
    <Card className="lx-household" data-testid="household-card" data-status={status}>
      <div className="lx-household-head">
        <div>
          <div className="lx-household-place">
            <HomeOutlined aria-hidden /> {place}
          </div>
          <div className="lx-household-address">{household.address}</div>
        </div>
        <MembershipTag status={status} />
      </div>
      {status === 'pending' ? <Typography.Paragraph className="lx-hint">{t('household.pendingHint')}</Typography.Paragraph> : null}
      {status === 'rejected' ? <Typography.Paragraph className="lx-hint">{t('household.rejectedHint')}</Typography.Paragraph> : null}
      <List
        size="small"
        header={
          <span>
            <TeamOutlined aria-hidden /> {t('household.members')}
          </span>
        }
        dataSource={household.members}
        renderItem={(m) => (
          <List.Item>
            <span className="lx-member">
              <span className="lx-member-name">
                {m.name}
                {m.isMe || m.userId === myId ? <span className="lx-me"> （{t('household.me')}）</span> : null}
              </span>
              <span className="lx-muted lx-member-meta">
                {relationLabel(t, m.relation)}
                {m.isRepresentative ? ` · ${t('household.representative')}` : ''}
              </span>
            </span>
            <MembershipTag status={m.status} />
          </List.Item>
        )}
      />
    </Card>
  );
}

/** `/`: a resident's households and the feeds of their units. Mobile first. */
export default function ResidentHome() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const [joining, setJoining] = useState(false);
  const households = useLoad((signal) => api.get<{ items: Household[] }>('/households/mine', undefined, { signal }), []);
  const feeds = useLoad((signal) => api.get<{ items: FeedSummary[] }>('/feeds', undefined, { signal }), []);
  const list = households.data?.items ?? [];

  return (
    <ResidentLayout>
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Typography.Title level={3} className="lx-greeting">
          {t('home.greeting', { name: me?.user.name ?? '' })}
        </Typography.Title>

        {isStaff(me) ? (
          <Card size="small">
            <Link to="/console" data-testid="goto-console">
              <DesktopOutlined aria-hidden /> {t('home.gotoConsole')} <RightOutlined aria-hidden />
            </Link>
          </Card>
        ) : null}

        <nav aria-label={t('home.services')} className="lx-services" data-testid="home-services">
          {(
            [
              ['/cases/new', <EditOutlined aria-hidden key="i" />, 'home.serviceNewCase', 'service-new-case'],
              ['/cases/mine', <FileSearchOutlined aria-hidden key="i" />, 'home.serviceMyCases', 'service-my-cases'],
              ['/disclosures', <AccountBookOutlined aria-hidden key="i" />, 'home.serviceDisclosures', 'service-disclosures'],
              ['/emergency', <AlertOutlined aria-hidden key="i" />, 'home.serviceEmergency', 'service-emergency'],
            ] as const
          ).map(([to, icon, label, testId]) => (
            <Link key={to} to={to} className="lx-service" data-testid={testId}>
              {icon}
              <span>{t(label)}</span>
            </Link>
          ))}
        </nav>

        <section aria-labelledby="my-households">
          <div className="lx-section-head">
            <Typography.Title level={4} id="my-households">
              {t('home.myHouseholds')}
            </Typography.Title>
            {list.length > 0 && !joining ? (
              <Button icon={<PlusOutlined />} onClick={() => setJoining(true)} data-testid="join-open">
                {t('household.joinAnother')}
              </Button>
            ) : null}
          </div>
          {households.loading && !households.data ? <Loading rows={2} /> : null}
          {households.error ? <ErrorState error={households.error} onRetry={households.reload} /> : null}
          {households.data ? (
            <Space direction="vertical" size="middle" style={{ width: '100%' }}>
              {list.map((h) => (
                <HouseholdCard key={h.id} household={h} myId={me?.user.id} />
              ))}
              {list.length === 0 && !joining ? <EmptyState title={t('household.none')} hint={t('household.noneHint')} /> : null}
              {list.length === 0 || joining ? (
                <JoinHouseholdForm
                  onJoined={() => {
                    setJoining(false);
                    households.reload();
                    feeds.reload();
                  }}
                  onCancel={list.length > 0 ? () => setJoining(false) : undefined}
                />
              ) : null}
            </Space>
          ) : null}
        </section>

        <section aria-labelledby="my-feeds">
          <Typography.Title level={4} id="my-feeds">
            {t('home.myFeeds')}
          </Typography.Title>
          {feeds.loading && !feeds.data ? <Loading rows={3} /> : null}
          {feeds.error ? <ErrorState error={feeds.error} onRetry={feeds.reload} /> : null}
          {feeds.data ? (
            feeds.data.items.length === 0 ? (
              <EmptyState title={t('feed.noFeeds')} hint={t('feed.noFeedsHint')} />
            ) : (
              <List
                bordered
                className="lx-feed-list"
                dataSource={feeds.data.items}
                renderItem={(f) => (
                  <List.Item className="lx-feed-item">
                    <Link to={`/feeds/${f.regionCode}`} className="lx-feed-link" data-testid="feed-link" data-region={f.regionCode}>
                      <span className="lx-feed-text">
                        <span className="lx-feed-name">
                          {f.name}
                          <span className="lx-muted lx-feed-level"> · {levelLabel(t, f.level)}</span>
                        </span>
                        <span className="lx-feed-meta">
                          {f.unread > 0 ? (
                            <span className="lx-unread-text" data-testid="feed-unread">
                              <BellFilled aria-hidden /> {t('feed.unread', { count: f.unread })}
                            </span>
                          ) : null}
                          {f.latestAt ? <span className="lx-muted">{formatDateTime(f.latestAt, i18n.language)}</span> : null}
                        </span>
                      </span>
                      <RightOutlined aria-hidden />
                    </Link>
                  </List.Item>
                )}
              />
            )
          ) : null}
        </section>
      </Space>
    </ResidentLayout>
  );
}
