import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { Alert, App as AntApp } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api/client.js';
import { usePreferences } from './preferences.js';

interface Notice {
  id: number;
  type: 'success' | 'error' | 'info';
  text: string;
}

interface Feedback {
  success(text: string): void;
  info(text: string): void;
  /** An error from the API (its message), or a text. */
  error(errOrText: unknown): void;
}

const FeedbackContext = createContext<{ notice: Notice | null; clear(): void; feedback: Feedback } | null>(null);
let nextId = 1;

/**
 * Short confirmations and errors. In normal mode they are antd toasts; in
 * elderly mode nothing pops up: the message stays in a banner under the
 * header (role=status) until the person closes it or the next one comes.
 */
export function FeedbackProvider({ children }: { children: ReactNode }) {
  const { message } = AntApp.useApp();
  const { elderly } = usePreferences();
  const [notice, setNotice] = useState<Notice | null>(null);

  const show = useCallback(
    (type: Notice['type'], text: string) => {
      if (!text) return;
      if (elderly) setNotice({ id: nextId++, type, text });
      else void message.open({ type, content: text, duration: type === 'error' ? 5 : 2.5 });
    },
    [elderly, message],
  );

  const feedback = useMemo<Feedback>(
    () => ({
      success: (text) => show('success', text),
      info: (text) => show('info', text),
      error: (errOrText) => show('error', typeof errOrText === 'string' ? errOrText : errorText(errOrText)),
    }),
    [show],
  );
  const value = useMemo(() => ({ notice, clear: () => setNotice(null), feedback }), [notice, feedback]);
  return <FeedbackContext.Provider value={value}>{children}</FeedbackContext.Provider>;
}

export function useFeedback(): Feedback {
  const ctx = useContext(FeedbackContext);
  if (!ctx) throw new Error('useFeedback outside FeedbackProvider');
  return ctx.feedback;
}

/** The elderly-mode banner; rendered by each layout just under its header. */
export function FeedbackBanner() {
  const ctx = useContext(FeedbackContext);
  const { t } = useTranslation();
  if (!ctx?.notice) return null;
  const { notice } = ctx;
  return (
    <div className="lx-feedback-banner" role={notice.type === 'error' ? 'alert' : 'status'}>
      <Alert
        key={notice.id}
        type={notice.type}
        showIcon
        message={notice.text}
        closable
        closeIcon={<span aria-label={t('common.close')}>{t('common.close')}</span>}
        onClose={ctx.clear}
        data-testid="feedback-banner"
      />
    </div>
  );
}
