import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { DEFAULT_CATEGORIES } from './default-catalogue.js';

/**
 * Chinese word segmentation for search (DESIGN §8): the application cuts text
 * with jieba, PostgreSQL stores the space-joined words in a `tsvector` built
 * with the 'simple' configuration, and queries are cut the same way.
 *
 * Documents use search mode (every word plus the shorter words inside it:
 * 自来水管 → 自来 水管 自来水 自来水管); queries use precise mode, whose words
 * are always among the document's, so a query matches however long its words.
 */
let instance: Jieba | null = null;

/** Words of civic life that the general dictionary cuts badly (路灯不亮 → 路 / 灯不亮). */
const CIVIC_WORDS = ['路灯', '不亮', '低保', '噪音', '电梯', '困人', '违停', '占道', '欠薪', '讨薪', '井盖', '漏水', '停水', '停电', '停气', '物业费', '优亲厚友', '吃拿卡要', '加装电梯', '老旧小区', '消防通道', '垃圾桶', '广场舞'];

function jieba(): Jieba {
  if (!instance) {
    instance = Jieba.withDict(dict);
    const words = new Set([...CIVIC_WORDS, ...DEFAULT_CATEGORIES.flatMap((c) => c.keywords)]);
    instance.loadDict(Buffer.from([...words].map((w) => `${w} 100000 n`).join('\n') + '\n'));
  }
  return instance;
}

/** Words too common to be worth a search term. */
const STOP_WORDS = new Set(['的', '了', '是', '在', '和', '与', '也', '就', '都', '而', '及', '或', '一个', '我', '我们', '你', '他', '她', '它', '这', '那', '有', '没', '很', '太', '吗', '呢', '吧', '啊', '请', '给', '被', '把']);

const isWord = (w: string) => /[\p{L}\p{N}]/u.test(w);

/** Search-mode words of a document, in order (duplicates kept: they count in ranking). */
export function documentTokens(text: string): string[] {
  if (!text) return [];
  return jieba()
    .cutForSearch(text, true)
    .map((w) => w.trim().toLowerCase())
    .filter((w) => w && isWord(w));
}

/** Precise-mode words of a query, without stop words or repeats. */
export function queryTokens(text: string): string[] {
  const words = jieba()
    .cut(text.trim(), true)
    .map((w) => w.trim().toLowerCase())
    .filter((w) => w && isWord(w) && !STOP_WORDS.has(w));
  return [...new Set(words)];
}

/** The text handed to `to_tsvector('simple', …)`. */
export function documentText(text: string): string {
  return documentTokens(text).join(' ');
}

/** Words of a text for keyword scoring (search mode, so long and short words both count). */
export function wordSet(text: string): Set<string> {
  return new Set(documentTokens(text));
}
