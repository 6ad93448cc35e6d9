/**
 * Messages the API sends to people (errors, notifications). Each module keeps
 * its own catalogue in `messages/<module>.ts` (all three languages); they are
 * merged here. `{name}` placeholders are filled by `translate`.
 */
import { platformMessages } from './messages/platform.js';
import { identityMessages } from './messages/identity.js';
import { regionsMessages } from './messages/regions.js';
import { peopleMessages } from './messages/people.js';
import { feedMessages } from './messages/feed.js';
import { dutyMessages } from './messages/duty.js';
import { auditMessages } from './messages/audit.js';
import { casesMessages } from './messages/cases.js';
import { disclosuresMessages } from './messages/disclosures.js';
import { emergencyMessages } from './messages/emergency.js';
import { open311Messages } from './messages/open311.js';
export type { Lang } from './catalogue.js';
import type { Lang } from './catalogue.js';

export const serverMessages = {
  ...platformMessages,
  ...identityMessages,
  ...regionsMessages,
  ...peopleMessages,
  ...feedMessages,
  ...dutyMessages,
  ...auditMessages,
  ...casesMessages,
  ...disclosuresMessages,
  ...emergencyMessages,
  ...open311Messages,
};

export type MessageKey = keyof typeof serverMessages;

export function translate(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  const entry = serverMessages[key] ?? serverMessages['common.internal'];
  return entry[lang].replace(/\{(\w+)\}/g, (_, p: string) => String(params[p] ?? ''));
}
