import type { ServiceContext } from '../../platform/context.js';
import { regionPrefix } from '../../../common/regions.js';
import { loadActor } from '../people/actor.js';
import { findFeedRegion, grantHoldersAt, verifiedMembersUnder } from './directory.js';
import { feedHasPosts } from './repo.js';
import { acknowledgePost, createPost, replyToPost } from './service.js';
import type { CreatePostBody } from './schema.js';

/**
 * The feeds' part of the Zhuzhou demo, drawn from the seeds: 双江村's monthly
 * 村务公开 as an 「@所有人」 notice that some households have acknowledged and
 * some not, villagers' questions answered by the 村支书 (the water-works fund
 * of seed 001 among them), 钟鼓岭社区's 23:36 noise complaint answered within a
 * minute (seed 004), notices of 朱亭镇 and of 月塘街道's grids.
 *
 * Runs after the people module's seed and reads what it made: a region,
 * cadre or household that is missing is skipped. Every post goes through the
 * use cases (so policy holds and each is audited), dated in the past days.
 * A feed that already has posts is left alone, so running it twice is safe.
 */

const CODES = {
  city: '430200000000',
  zhuting: '430212101000',
  shuangjiang: '430212101201',
  zhonggulin: '430203003001',
  yuetang: '430202001000',
  hetaiGrid1: '430202001001001',
  hetaiGrid2: '430202001001002',
};

const shanghaiDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** hh:mm in Shanghai, `daysAgo` days before now (never later than a minute ago). */
function shanghaiAt(now: Date, daysAgo: number, hh: number, mm: number): Date {
  const date = shanghaiDay.format(new Date(now.getTime() - daysAgo * 86_400_000));
  const at = new Date(`${date}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00+08:00`);
  return at.getTime() < now.getTime() ? at : new Date(now.getTime() - 60_000);
}

class Script {
  constructor(private readonly ctx: ServiceContext) {}

  private async as(userId: string, at: Date): Promise<ServiceContext | null> {
    const actor = await loadActor(this.ctx.db, userId, null);
    return actor ? { ...this.ctx, actor, ip: null, clock: { now: () => new Date(at) } } : null;
  }

  async post(userId: string, at: Date, regionCode: string, input: CreatePostBody): Promise<string | null> {
    const ctx = await this.as(userId, at);
    return ctx ? (await createPost(ctx, { ...input, regionCode })).id : null;
  }

  async reply(userId: string, at: Date, postId: string | null, body: string): Promise<void> {
    const ctx = postId ? await this.as(userId, at) : null;
    if (ctx && postId) await replyToPost(ctx, { postId, body });
  }

  async ack(userId: string, at: Date, postId: string): Promise<void> {
    const ctx = await this.as(userId, at);
    if (ctx) await acknowledgePost(ctx, { postId });
  }
}

/** A feed to fill: it exists and has no posts yet. */
async function fresh(ctx: ServiceContext, code: string): Promise<boolean> {
  return !!(await findFeedRegion(ctx.db, code)) && !(await feedHasPosts(ctx.db, code));
}

async function first(ctx: ServiceContext, role: string, code: string): Promise<string | null> {
  return (await grantHoldersAt(ctx.db, role, code))[0]?.userId ?? null;
}

export async function seedFeedDemo(ctx: ServiceContext): Promise<void> {
  const now = ctx.clock.now();
  const script = new Script(ctx);
  await seedShuangjiang(ctx, script, now);
  await seedZhuting(ctx, script, now);
  await seedZhonggulin(ctx, script, now);
  await seedYuetang(ctx, script, now);
  await seedCity(ctx, script, now);
}

/** 双江村 (朱亭镇, 渌口区): the monthly disclosure notice, partly acknowledged, and questions answered by the 村支书. */
async function seedShuangjiang(ctx: ServiceContext, s: Script, now: Date): Promise<void> {
  const code = CODES.shuangjiang;
  if (!(await fresh(ctx, code))) return;
  const cadre = (await grantHoldersAt(ctx.db, 'village_cadre', code))[0];
  if (!cadre) return;
  const secretary = cadre.userId;
  const title = `${Array.from(cadre.name)[0]}书记`;
  const heads = (await verifiedMembersUnder(ctx.db, regionPrefix(code))).filter((m) => m.representative);
  // The demo's resident sign-in (谭德明) asks first and has not acknowledged yet, so the demo shows both sides.
  const asker = heads.find((h) => h.name === '谭德明') ?? heads[0];
  const others = heads.filter((h) => h !== asker);

  await s.post(secretary, shanghaiAt(now, 7, 8, 30), code, {
    kind: 'notice',
    title: '冬季森林防火提醒',
    body: '各位村民：进入冬季，天干物燥。上山祭扫、烧田埂、烧秸秆请勿用火，发现火情请立即拨打 119 并报告村委会。家里有老人独居的，请邻居多照看。',
  });

  const month = Number(shanghaiDay.format(now).slice(5, 7));
  const last = month === 1 ? 12 : month - 1;
  const disclosure = await s.post(secretary, shanghaiAt(now, 5, 9, 0), code, {
    kind: 'notice',
    title: `${last}月村务、财务公开`,
    body:
      `@所有人 各位村民：本村${last}月份村务、财务公开内容已在村部公开栏张贴，并同步发布在本平台“三务公开”栏目，主要包括：\n` +
      '1. 村级集体经济收支明细；\n2. 低保、临时救助对象名单公示（公示期 7 个工作日）；\n3. 村道硬化工程进度及资金使用情况。\n' +
      '请各户看后点“已阅”确认。有疑问的可以在群里留言，也可以向村务监督委员会反映。',
    requiresAck: true,
  });
  // About three households in five have acknowledged; the rest are still pending.
  if (disclosure) {
    const acking = others.filter((_, i) => i % 5 < 3);
    for (const [i, h] of acking.entries()) {
      await s.ack(h.userId, new Date(shanghaiAt(now, 5, 9, 20).getTime() + i * 97 * 60_000), disclosure);
    }
  }

  const [second, third] = [others[1], others[2]];
  if (asker) {
    const water = await s.post(asker.userId, shanghaiAt(now, 4, 20, 15), code, {
      kind: 'question',
      body: `${title}，村里饮水工程当时批了三十多万，现在水还是时有时无，这笔钱用到哪里去了？`,
    });
    await s.reply(
      secretary,
      shanghaiAt(now, 4, 20, 40),
      water,
      '饮水工程专项资金批复 30 万元，目前已支付 15.76 万元，支出明细在本月财务公开里。剩余资金的使用情况，村两委正在会同村务监督委员会核实，核实后在公开栏和群里一并公布，请大家监督。',
    );
    await s.reply(asker.userId, shanghaiAt(now, 4, 21, 2), water, '好，等你们公布，我们都看着。');
  }
  if (second) {
    const lamps = await s.post(second.userId, shanghaiAt(now, 3, 19, 5), code, {
      kind: 'question',
      body: '三组到村部那段路的路灯坏了好几盏，晚上走路不安全，能不能修一下？',
    });
    await s.reply(secretary, shanghaiAt(now, 3, 19, 20), lamps, '收到，已经联系电工，明天上午来修，修好了在群里说一声。');
    await s.reply(second.userId, shanghaiAt(now, 2, 12, 10), lamps, `修好了，晚上亮堂多了，谢谢${title}！`);
  }
  if (third) {
    const loan = await s.post(third.userId, shanghaiAt(now, 1, 10, 30), code, {
      kind: 'question',
      title: '助学贷款',
      body: '孩子在外地读大学，办生源地助学贷款要准备什么材料？',
    });
    await s.reply(
      secretary,
      shanghaiAt(now, 1, 11, 5),
      loan,
      '带上录取通知书、户口本、学生和父母的身份证，到区教育局学生资助中心办理。需要家庭经济情况证明的，直接来村部开。',
    );
  }
}

/** 朱亭镇: the township's notices. */
async function seedZhuting(ctx: ServiceContext, s: Script, now: Date): Promise<void> {
  const code = CODES.zhuting;
  if (!(await fresh(ctx, code))) return;
  const official = await first(ctx, 'township_official', code);
  if (!official) return;
  await s.post(official, shanghaiAt(now, 6, 15, 0), code, {
    kind: 'notice',
    title: '关于做好今冬明春森林防火工作的通知',
    body: '各村（社区）：今冬明春是森林火灾易发期，请严格落实野外用火管理，在进山路口设置防火检查点，组织巡山护林。发现火情第一时间报告镇应急办。',
  });
  await s.post(official, shanghaiAt(now, 2, 9, 0), code, {
    kind: 'notice',
    title: '城乡居民医保缴费提醒',
    body: '新一年度城乡居民医保集中缴费已经开始，可通过手机缴费，也可以到村（社区）便民服务窗口缴纳。家里有老人不会操作的，请找村干部或网格员帮忙。',
  });
}

/** 钟鼓岭社区 (芦淞区): seed 004's complaint at 23:36, answered within a minute, quiet 13 minutes later. */
async function seedZhonggulin(ctx: ServiceContext, s: Script, now: Date): Promise<void> {
  const code = CODES.zhonggulin;
  if (!(await fresh(ctx, code))) return;
  const director = await first(ctx, 'village_cadre', code);
  const resident = (await verifiedMembersUnder(ctx.db, regionPrefix(code)))[0];
  if (!director || !resident) return;
  const noise = await s.post(resident.userId, shanghaiAt(now, 2, 23, 36), code, {
    kind: 'question',
    body: '书城对面的夜宵摊上太吵了，影响休息，能管管吗？',
  });
  await s.reply(director, shanghaiAt(now, 2, 23, 37), noise, '收到！我马上联系城管队员和夜宵摊主，请他们把音响关掉、把声音降下来。');
  await s.reply(resident.userId, shanghaiAt(now, 2, 23, 49), noise, '现在没有声音了，非常感谢。');
}

/** 月塘街道: notices of 合泰社区's grid workers (and of the street, where it has a cadre). */
async function seedYuetang(ctx: ServiceContext, s: Script, now: Date): Promise<void> {
  const street = CODES.yuetang;
  if (await fresh(ctx, street)) {
    const official = await first(ctx, 'township_official', street);
    if (official) {
      await s.post(official, shanghaiAt(now, 4, 10, 0), street, {
        kind: 'notice',
        title: '老旧小区改造和加装电梯意见征集',
        body: '月塘街道今年继续推进老旧小区改造和既有住宅加装电梯。有加装意愿的单元，请由业主代表到所在社区登记，街道统一组织征求业主意见。',
      });
    }
  }
  const grid1 = CODES.hetaiGrid1;
  if (await fresh(ctx, grid1)) {
    const worker = await first(ctx, 'grid_worker', grid1);
    if (worker) {
      await s.post(worker, shanghaiAt(now, 3, 16, 0), grid1, {
        kind: 'notice',
        title: '周六楼道杂物清理',
        body: '各位住户：本周六上午 9 点开展楼道杂物清理，请提前把堆放在楼道的杂物搬回家，保持消防通道畅通。需要帮忙搬运的老人请在群里说一声，网格员上门帮忙。',
      });
    }
  }
  const grid2 = CODES.hetaiGrid2;
  if (await fresh(ctx, grid2)) {
    const worker = await first(ctx, 'grid_worker', grid2);
    if (worker) {
      await s.post(worker, shanghaiAt(now, 1, 10, 0), grid2, {
        kind: 'notice',
        title: '加装电梯意向登记',
        body: '合泰社区既有住宅加装电梯开始意向登记，有意向的单元请在群里留言楼栋和单元号，网格员上门登记并讲解政策。',
      });
    }
  }
}

/** 株洲市: the platform's own announcement. */
async function seedCity(ctx: ServiceContext, s: Script, now: Date): Promise<void> {
  const code = CODES.city;
  if (!(await fresh(ctx, code))) return;
  const admin = await first(ctx, 'admin', code);
  if (!admin) return;
  await s.post(admin, shanghaiAt(now, 8, 9, 0), code, {
    kind: 'notice',
    title: '“连心”平台试运行',
    body: '县、乡、村、组各级服务与监督群已在“连心”平台开通。群众可以在本村（社区）的群里提问、反映诉求、查看三务公开，干部每天值班在线答复。欢迎大家监督。',
  });
}
