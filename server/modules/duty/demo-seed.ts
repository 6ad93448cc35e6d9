import type { Role, ServiceContext } from '../../platform/context.js';
import { loadActor } from '../people/actor.js';
import { createPost, replyToPost } from '../feed/service.js';
import { findRegionUnit, grantHoldersAt, householdHeadsIn } from './directory.js';
import { listShifts } from './repo.js';
import { checkIn, setDuty } from './service.js';
import { addDays, shanghaiDate, shanghaiTime } from './dates.js';

/**
 * The duty roster of this week (Monday to Sunday, Asia/Shanghai) at 汆溪村
 * and 双江村, each day checked in up to today. In 汆溪村 today's duty falls to
 * 白兔潭镇's party secretary (seed 004: 「@所有人，村民们好！我是白兔潭镇党委书记
 * 肖小武，今天我值班……」), and villagers ask him about the safety of the
 * school gate. Runs after the people and feed seeds; a unit, cadre or
 * resident that is missing is skipped, and a unit that already has duty
 * this week is left alone.
 */

interface DemoUnit {
  regionCode: string;
  /** Who takes turns: a role at a region's unit (the unit itself or one above). */
  crew: { role: Role; at: string }[];
  /** Index in `crew` of today's person. */
  today: number;
  /** Seed 004's questions to the person on duty. */
  questions?: { ask: string; answer: string }[];
}

const DEMO_UNITS: DemoUnit[] = [
  {
    regionCode: '430281102201', // 汆溪村
    crew: [
      { role: 'village_cadre', at: '430281102201' },
      { role: 'township_official', at: '430281102000' }, // 白兔潭镇
    ],
    today: 1,
    questions: [
      {
        ask: '书记，汆溪小学门口的安全问题怎么解决？上学放学车多，孩子过马路太危险了。',
        answer: '我们设立“护学岗”，轮流由党员当志愿者，上学放学时段疏导交通，护送学生过马路。',
      },
      {
        ask: '学校门口能设警示牌、警示灯、减速带吗？',
        answer: '警示牌、警示灯和减速带已报镇交通安全办，这周组织现场勘查，定好位置就安装，进度在群里通报。',
      },
      {
        ask: '放学时间可否封路半小时？',
        answer: '封路涉及过往车辆，要和交警部门一起研究；在这之前，护学岗先把放学半小时的秩序管起来。',
      },
    ],
  },
  {
    regionCode: '430212101201', // 双江村
    crew: [
      { role: 'village_cadre', at: '430212101201' },
      { role: 'township_official', at: '430212101000' }, // 朱亭镇
    ],
    today: 0,
  },
];

async function as(ctx: ServiceContext, userId: string, at: Date): Promise<ServiceContext | null> {
  const actor = await loadActor(ctx.db, userId, null);
  return actor ? { ...ctx, actor, ip: null, clock: { now: () => new Date(at) } } : null;
}

export async function seedDutyDemo(ctx: ServiceContext): Promise<void> {
  for (const unit of DEMO_UNITS) await seedUnit(ctx, unit);
}

async function seedUnit(ctx: ServiceContext, demo: DemoUnit): Promise<void> {
  const now = ctx.clock.now();
  const unit = await findRegionUnit(ctx.db, demo.regionCode);
  if (!unit) return;
  const crew: (string | null)[] = [];
  for (const c of demo.crew) crew.push((await grantHoldersAt(ctx.db, c.role, c.at))[0]?.userId ?? null);
  const available = crew.filter((id): id is string => id !== null);
  if (available.length === 0) return;
  const todaysPerson = crew[demo.today] ?? available[0];

  const today = shanghaiDate(now);
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  const monday = addDays(today, -weekday);
  const week = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  if ((await listShifts(ctx.db, unit.id, week[0], week[6])).length > 0) return;

  // Planned on Monday morning by the unit's own cadre (or whoever of the crew exists).
  const planner = await as(ctx, available[0], new Date(Math.min(shanghaiTime(monday, 7, 30).getTime(), now.getTime() - 60_000)));
  if (!planner) return;
  for (const [i, date] of week.entries()) {
    const userId = date === today ? todaysPerson : available[i % available.length];
    await setDuty(planner, { unitId: unit.id, date, userId });
  }

  // Each day up to today checked in at about 8 o'clock; today's no later than 40 minutes ago.
  const startOfToday = shanghaiTime(today, 0, 1).getTime();
  const todayCheckIn = new Date(Math.max(startOfToday, Math.min(shanghaiTime(today, 8, 0).getTime(), now.getTime() - 40 * 60_000)));
  for (const [i, date] of week.entries()) {
    if (date > today) break;
    const userId = date === today ? todaysPerson : available[i % available.length];
    const at = date === today ? todayCheckIn : shanghaiTime(date, 7, 50 + (i % 3) * 5);
    const asPerson = await as(ctx, userId, at);
    if (asPerson) await checkIn(asPerson, { unitId: unit.id });
  }

  // Villagers' questions to today's person, answered in the threads, between the check-in and now.
  const residents = await householdHeadsIn(ctx.db, demo.regionCode);
  const span = Math.max(now.getTime() - todayCheckIn.getTime(), 60_000);
  const at = (step: number) => new Date(Math.min(todayCheckIn.getTime() + (span * step) / 10, now.getTime() - 1000));
  for (const [i, q] of (demo.questions ?? []).entries()) {
    const asker = residents[i];
    if (!asker) break;
    const askerCtx = await as(ctx, asker.userId, at(1 + i));
    if (!askerCtx) continue;
    const question = await createPost(askerCtx, { regionCode: demo.regionCode, kind: 'question', body: q.ask });
    const answerCtx = await as(ctx, todaysPerson, at(5 + i));
    if (answerCtx) await replyToPost(answerCtx, { postId: question.id, body: q.answer });
  }
}
