import { Button, Card, Space } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/time.js';
import type { Need } from '../api.js';
import { NeedStatusTag, UrgencyTag, itemText } from '../shared.js';

/** A need in a list: what, how urgent, where (the flat and phone only to those allowed), and a way in. */
export function NeedCard({ need, action }: { need: Need; action?: React.ReactNode }) {
  const { t, i18n } = useTranslation();
  return (
    <Card size="small" className={`lx-em-need lx-em-need-${need.urgency}`} data-testid="need-card" data-need-id={need.id} data-status={need.status}>
      <Space wrap size={4}>
        <UrgencyTag urgency={need.urgency} />
        <NeedStatusTag status={need.status} />
      </Space>
      <ul className="lx-em-items">
        {need.items.map((item, i) => (
          <li key={i}>{itemText(item)}</li>
        ))}
      </ul>
      <div>
        {need.compound}
        {need.building ? ` ${need.building}` : ''}
        {need.grid ? <span className="lx-muted"> · {need.grid.name}</span> : null}
      </div>
      <div className="lx-muted">
        {need.requesterName} · <span data-testid="need-phone">{need.phone}</span> · {formatDateTime(need.createdAt, i18n.language)}
      </div>
      {need.runner ? <div className="lx-muted">{t('emergency.need.runner', { name: need.runner.name })}</div> : null}
      <Space className="lx-em-card-actions" wrap>
        <Link to={`/emergency/need/${need.id}`}>
          <Button size="large" data-testid="need-open">{t('emergency.need.open')}</Button>
        </Link>
        {action}
      </Space>
    </Card>
  );
}
