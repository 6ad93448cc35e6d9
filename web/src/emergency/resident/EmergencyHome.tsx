import { Button, Card, Space, Typography } from 'antd';
import { ArrowLeftOutlined, CarOutlined, FormOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { isStaff, useAuth } from '../../app/auth.js';
import { ResidentLayout } from '../../app/ResidentLayout.js';
import { EmptyState, ErrorState, Loading } from '../../components/states.js';
import { formatDateTime } from '../../lib/time.js';
import type { Incident } from '../api.js';
import { useMyIncidents } from '../shared.js';
import { MyNotices } from './MyNotices.js';
import { RiskAreasSection } from './RiskAreasSection.js';

/** `/emergency`: the incident(s) of my area, notices to acknowledge, the risk-area list, and what I can do. */
export default function EmergencyHome() {
  const { t } = useTranslation();
  const incidents = useMyIncidents();
  return (
    <ResidentLayout>
      <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="emergency-home">
        <Link to="/" className="lx-back">
          <ArrowLeftOutlined aria-hidden /> {t('nav.back')}
        </Link>
        <Typography.Title level={3} className="lx-em-title">
          {t('emergency.home.title')}
        </Typography.Title>
        {incidents.loading && !incidents.data ? <Loading rows={3} /> : null}
        {incidents.error ? <ErrorState error={incidents.error} onRetry={incidents.reload} /> : null}
        {incidents.data && incidents.mine.length === 0 ? (
          <EmptyState title={t('emergency.home.none')} hint={t('emergency.home.noneHint')} />
        ) : null}
        {incidents.mine.map((incident) => (
          <IncidentBlock key={incident.id} incident={incident} />
        ))}
      </Space>
    </ResidentLayout>
  );
}

function IncidentBlock({ incident }: { incident: Incident }) {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const base = `/emergency/i/${incident.id}`;
  return (
    <>
      <Card className="lx-em-incident" data-testid="incident-card" data-incident-id={incident.id}>
        <Typography.Title level={4} className="lx-em-incident-name">
          {incident.name}
        </Typography.Title>
        <div className="lx-muted">
          {t('emergency.home.since', { region: incident.regionName, time: formatDateTime(incident.startedAt, i18n.language) })}
        </div>
        {incident.description ? <Typography.Paragraph className="lx-em-desc">{incident.description}</Typography.Paragraph> : null}
        <Space direction="vertical" style={{ width: '100%' }}>
          {incident.abilities.postNeed ? (
            <Link to={`${base}/new`}>
              <Button type="primary" size="large" block icon={<FormOutlined />} data-testid="post-need-link">
                {t('emergency.home.postNeed')}
              </Button>
            </Link>
          ) : null}
          <Link to={`${base}/mine`}>
            <Button size="large" block icon={<UnorderedListOutlined />} data-testid="my-needs-link">
              {t('emergency.home.myNeeds')}
            </Button>
          </Link>
          {isStaff(me) ? (
            <Link to={`${base}/errands`}>
              <Button size="large" block icon={<CarOutlined />} data-testid="errands-link">
                {t('emergency.home.errands')}
              </Button>
            </Link>
          ) : null}
        </Space>
        {!incident.abilities.postNeed ? <div className="lx-muted lx-em-hint">{t('emergency.home.postNeedHint')}</div> : null}
      </Card>
      <MyNotices incidentId={incident.id} />
      <RiskAreasSection incidentId={incident.id} />
    </>
  );
}
