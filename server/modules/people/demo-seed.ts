import type { ServiceContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { lookupDepartment, regionUnitIds } from '../regions/service.js';
import { DEMO_PASSWORD, DEMO_RESIDENT_LOGINS, DEMO_STAFF, OTP_HINT, demoHouseholds } from './demo-data.js';

/**
 * Loads the demo's people: staff with their role grants, residents with
 * verified households (and a few pending requests), and records the demo
 * sign-ins in platform_state 'demo_logins' (the identity module sets the
 * staff passwords from it; the start-up banner prints it). Idempotent: every
 * insert is ON CONFLICT DO NOTHING on a natural key, and households are
 * matched by (region, address).
 */
export async function seedPeopleDemo(ctx: ServiceContext): Promise<void> {
  const households = demoHouseholds();
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    // ---- people ----
    const people = [
      ...DEMO_STAFF.map((s) => ({ name: s.name, phone: s.phone, username: s.username })),
      ...households.flatMap((h) => h.members.map((m) => ({ name: m.name, phone: m.phone, username: null }))),
    ];
    await trx.insertInto('users').values(people).onConflict((oc) => oc.doNothing()).execute();
    const ids = new Map(
      (await trx.selectFrom('users').select(['id', 'phone']).where('phone', 'in', people.map((p) => p.phone)).execute()).map((u) => [u.phone!, u.id]),
    );

    for (const p of people) {
      if (!ids.has(p.phone)) throw new Error(`demo data: the user name of ${p.name} (${p.username}) belongs to someone else`);
    }

    // ---- staff grants ----
    const regionUnits = await regionUnitIds(trx, [
      ...DEMO_STAFF.flatMap((s) => [s.unit.regionCode, ...(s.formerRegionUnit ? [s.formerRegionUnit] : [])]),
      ...households.map((h) => h.regionCode.slice(0, 12)),
    ]);
    const grants = [];
    for (const s of DEMO_STAFF) {
      const unitId = s.unit.departmentType
        ? (await lookupDepartment(trx, s.unit.regionCode, s.unit.departmentType))?.id
        : regionUnits.get(s.unit.regionCode);
      if (!unitId) throw new Error(`demo data: no unit for ${s.who} at ${s.unit.regionCode} ${s.unit.departmentType ?? ''}`);
      grants.push({ user_id: ids.get(s.phone)!, role: s.role, unit_id: unitId, granted_by: null });
      // 朱亭镇's inspector moved from the township government to 朱亭镇纪委: withdraw the old grant.
      const former = s.formerRegionUnit ? regionUnits.get(s.formerRegionUnit) : undefined;
      if (former && former !== unitId) {
        await trx.deleteFrom('role_grants').where('user_id', '=', ids.get(s.phone)!).where('role', '=', s.role).where('unit_id', '=', former).execute();
      }
    }

    // ---- households ----
    const existing = await trx
      .selectFrom('households')
      .select(['id', 'region_code', 'address'])
      .where('region_code', 'in', [...new Set(households.map((h) => h.regionCode))])
      .execute();
    const key = (regionCode: string, address: string) => `${regionCode}|${address}`;
    const householdIds = new Map(existing.map((h) => [key(h.region_code, h.address), h.id]));
    const missing = households.filter((h) => !householdIds.has(key(h.regionCode, h.address)));
    if (missing.length > 0) {
      const inserted = await trx
        .insertInto('households')
        .values(missing.map((h) => ({ region_code: h.regionCode, address: h.address, representative_user_id: null })))
        .returning(['id', 'region_code', 'address'])
        .execute();
      for (const h of inserted) householdIds.set(key(h.region_code, h.address), h.id);
    }
    const members = households.flatMap((h) =>
      h.members.map((m) => ({
        household_id: householdIds.get(key(h.regionCode, h.address))!,
        user_id: ids.get(m.phone)!,
        relation: m.relation,
        status: m.status,
        verified_by: null,
        verified_at: m.status === 'verified' ? now : null,
      })),
    );
    await trx.insertInto('household_members').values(members).onConflict((oc) => oc.columns(['household_id', 'user_id']).doNothing()).execute();
    // 一户一人: the head of each household represents it (where nobody was chosen yet).
    for (const h of households) {
      const head = h.members.find((m) => m.status === 'verified');
      if (!head) continue;
      await trx
        .updateTable('households')
        .set({ representative_user_id: ids.get(head.phone)! })
        .where('id', '=', householdIds.get(key(h.regionCode, h.address))!)
        .where('representative_user_id', 'is', null)
        .execute();
    }
    // Verified residents belong to their village's group.
    for (const h of households) {
      const unitId = regionUnits.get(h.regionCode.slice(0, 12));
      if (!unitId) throw new Error(`demo data: no unit for ${h.regionCode}`);
      for (const m of h.members) if (m.status === 'verified') grants.push({ user_id: ids.get(m.phone)!, role: 'resident' as const, unit_id: unitId, granted_by: null });
    }
    await trx.insertInto('role_grants').values(grants).onConflict((oc) => oc.constraint('role_grants_unique').doNothing()).execute();

    // ---- the demo sign-ins ----
    const logins = [
      ...DEMO_STAFF.map((s) => ({ who: s.who, login: s.username, secret: DEMO_PASSWORD, kind: 'password' as const, userId: ids.get(s.phone)! })),
      ...DEMO_RESIDENT_LOGINS.map((r) => ({ who: r.who, login: r.phone, secret: OTP_HINT, kind: 'otp' as const, userId: ids.get(r.phone)! })),
    ];
    await writeDemoLogins(trx, logins, now);
  });
}

async function writeDemoLogins(trx: Tx, logins: unknown[], now: Date): Promise<void> {
  const value = JSON.stringify(logins);
  await trx
    .insertInto('platform_state')
    .values({ key: 'demo_logins', value, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
    .execute();
}
