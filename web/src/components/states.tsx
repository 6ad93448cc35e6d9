import { Alert, Button, Empty, Skeleton, Spin } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, isApiError } from '../api/client.js';

/** Loading placeholder for a list or a page section. */
export function Loading({ rows = 3, label }: { rows?: number; label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="lx-loading" role="status" aria-live="polite" data-testid="loading">
      <Spin size="small" /> <span className="lx-loading-text">{label ?? t('common.loading')}</span>
      <Skeleton active={false} paragraph={{ rows }} title={false} />
    </div>
  );
}

/** Nothing here yet, and what the person can do about it. */
export function EmptyState({ title, hint, action }: { title: string; hint?: string; action?: ReactNode }) {
  return (
    <Empty
      className="lx-empty"
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <div data-testid="empty-state">
          <div className="lx-empty-title">{title}</div>
          {hint ? <div className="lx-empty-hint">{hint}</div> : null}
        </div>
      }
    >
      {action}
    </Empty>
  );
}

/** An error with what to do next: retry, sign in again, or ask for access. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  let next = t('errors.nextRetry');
  if (isApiError(error, 403)) next = t('errors.nextForbidden');
  else if (isApiError(error, 404)) next = t('errors.nextNotFound');
  else if (isApiError(error, 0)) next = t('errors.nextNetwork');
  return (
    <Alert
      className="lx-error-state"
      type="error"
      showIcon
      role="alert"
      data-testid="error-state"
      message={errorText(error) || t('errors.unknown')}
      description={next}
      action={
        onRetry ? (
          <Button icon={<ReloadOutlined />} onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
