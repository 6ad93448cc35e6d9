import { Tag } from 'antd';
import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  CloseCircleOutlined,
  EyeInvisibleOutlined,
  NotificationOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MembershipStatus } from '../api/types.js';

type Tone = 'success' | 'pending' | 'danger' | 'neutral' | 'notice';
const TONE: Record<Tone, { color: string; icon: ReactNode }> = {
  success: { color: 'success', icon: <CheckCircleOutlined /> },
  pending: { color: 'warning', icon: <ClockCircleOutlined /> },
  danger: { color: 'error', icon: <CloseCircleOutlined /> },
  neutral: { color: 'default', icon: <EyeInvisibleOutlined /> },
  notice: { color: 'processing', icon: <NotificationOutlined /> },
};

/** A status shown by icon and words, never by colour alone (适老化). */
export function StatusTag({ tone, children, testId }: { tone: Tone; children: ReactNode; testId?: string }) {
  const { color, icon } = TONE[tone];
  return (
    <Tag color={color} icon={icon} className="lx-status" data-testid={testId}>
      {children}
    </Tag>
  );
}

export function MembershipTag({ status }: { status: MembershipStatus | undefined }) {
  const { t } = useTranslation();
  if (status === 'verified') return <StatusTag tone="success" testId="membership-status">{t('household.status.verified')}</StatusTag>;
  if (status === 'rejected') return <StatusTag tone="danger" testId="membership-status">{t('household.status.rejected')}</StatusTag>;
  return <StatusTag tone="pending" testId="membership-status">{t('household.status.pending')}</StatusTag>;
}
