import type { FastifyRequest } from 'fastify';
import type { Lang } from '../context.js';

/** The user's language: the `lang` cookie the web sets, else Accept-Language, else 简体中文. */
export function languageOf(request: FastifyRequest): Lang {
  const fromCookie = request.cookies?.lang;
  if (fromCookie === 'zh-CN' || fromCookie === 'zh-TW' || fromCookie === 'en') return fromCookie;
  const header = String(request.headers['accept-language'] ?? '').toLowerCase();
  const first = header.split(',')[0]?.trim() ?? '';
  if (/^zh-(tw|hk|mo|hant)/.test(first)) return 'zh-TW';
  if (first.startsWith('en')) return 'en';
  return 'zh-CN';
}
