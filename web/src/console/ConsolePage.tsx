import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** Title, a line on what the page is for, and the page's main actions. */
export function ConsolePage({ title, description, extra, children, testId }: { title: ReactNode; description?: ReactNode; extra?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <section className="lx-console-page" data-testid={testId}>
      <div className="lx-console-page-head">
        <div>
          <Typography.Title level={3} className="lx-console-title">
            {title}
          </Typography.Title>
          {description ? <Typography.Paragraph className="lx-muted lx-console-desc">{description}</Typography.Paragraph> : null}
        </div>
        {extra ? <div className="lx-console-extra">{extra}</div> : null}
      </div>
      {children}
    </section>
  );
}
