import type { Executor } from './db/database.js';
import type { Clock } from './context.js';
import { systemClock } from './context.js';
import { maskPhone } from '../../common/masking.js';

/**
 * Text messages to a mainland mobile phone. `purpose` names why it was sent
 * ('otp_sign_in', 'notice' …) for the outbox and delivery statistics.
 */
export interface SmsSender {
  send(phone: string, body: string, purpose: string): Promise<void>;
}

/**
 * The development sender: writes the message to `sms_outbox` (shown on the
 * demo's dev page) and prints it with the phone masked. Bound to the caller's
 * transaction, so a message exists exactly when the change that sent it
 * committed.
 */
export class OutboxSmsSender implements SmsSender {
  constructor(
    private readonly db: Executor,
    private readonly clock: Clock = systemClock,
    private readonly log: (line: string) => void = (line) => console.log(line),
  ) {}

  async send(phone: string, body: string, purpose: string): Promise<void> {
    await this.db.insertInto('sms_outbox').values({ phone, body, purpose, created_at: this.clock.now(), sent_at: null }).execute();
    this.log(`[SMS → ${maskPhone(phone)}] ${body}`);
  }
}

export type SmsSenderFactory = (db: Executor, clock: Clock) => SmsSender;

let factory: SmsSenderFactory = (db, clock) => new OutboxSmsSender(db, clock, quietInTests);

/** The sender to use inside a transaction. A deployment with an SMS gateway installs its own with `setSmsSenderFactory`. */
export function smsSender(db: Executor, clock: Clock): SmsSender {
  return factory(db, clock);
}

/** Replaces the sender (a real gateway in production); returns the previous factory so tests can restore it. */
export function setSmsSenderFactory(next: SmsSenderFactory): SmsSenderFactory {
  const previous = factory;
  factory = next;
  return previous;
}

// The test runner sets LIANXIN_TEST_SERVER_URL; printed codes there are only noise.
function quietInTests(line: string): void {
  if (!process.env.LIANXIN_TEST_SERVER_URL) console.log(line);
}
