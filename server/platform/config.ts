import path from 'node:path';

/** Runtime configuration, read once from the environment. */
export interface Config {
  port: number;
  host: string;
  /** An external PostgreSQL; when absent the embedded server is started. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Demo mode: embedded database with the Zhuzhou demo data, dev outbox page, Open311 key `demo`. */
  demo: boolean;
  /** Minutes of inactivity after which a session ends (等保: 30). */
  sessionIdleMinutes: number;
  /** Cookies marked Secure; on when served behind HTTPS. */
  secureCookies: boolean;
  logLevel: string;
  /** Trust X-Forwarded-For (only behind a proxy that overwrites it; otherwise clients could dodge per-IP limits). */
  trustProxy: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL || undefined;
  return {
    port: intFrom(env.PORT, 8080),
    host: env.HOST || '0.0.0.0',
    databaseUrl,
    dataDir: path.resolve(env.LIANXIN_DATA_DIR || 'data'),
    demo: env.LIANXIN_DEMO ? env.LIANXIN_DEMO === '1' : !databaseUrl,
    sessionIdleMinutes: intFrom(env.LIANXIN_SESSION_IDLE_MINUTES, 30),
    secureCookies: env.LIANXIN_SECURE_COOKIES === '1',
    logLevel: env.LOG_LEVEL || 'info',
    trustProxy: env.LIANXIN_TRUST_PROXY === '1',
  };
}

function intFrom(value: string | undefined, fallback: number): number {
  const n = value ? Number.parseInt(value, 10) : NaN;
  return Number.isFinite(n) ? n : fallback;
}
