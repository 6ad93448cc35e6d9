import type { ReactNode } from 'react';
import { AppHeader } from '../components/AppHeader.js';
import { FeedbackBanner } from './feedback.js';

/** Mobile-first frame of the resident pages (and sign-in): one column, ≤ 720 px. */
export function ResidentLayout({ children }: { children: ReactNode }) {
  return (
    <div className="lx-resident">
      <AppHeader area="resident" />
      <FeedbackBanner />
      <main className="lx-resident-main" id="main">
        {children}
      </main>
    </div>
  );
}
