import type { Kysely, Migration } from 'kysely';

/**
 * The catalogue entry for a resident's need during an emergency (block
 * 1030–1039): 「封控期间生活求助」 under 紧急求助. The emergency module opens
 * these cases itself, in the transaction that records the need (cases/
 * service.ts `openCaseIn`), so the category is not offered on the ordinary
 * intake form (`active = false`: `POST /cases` and the category list skip
 * it); everything else — routing, deadlines, the queue, the timeline, the
 * progress page — treats it like any other.
 *
 * Routed to the community itself (the rule's level `village`; the grid's
 * own region is below it), not to the township as other emergencies are:
 * the community runs the grids and their volunteers. Limits 4 h / 48 h; the
 * priority the emergency module gives each need shortens them (a
 * life-critical need is `emergency`: 1 h to respond, 2 h to deliver).
 */
export const EMERGENCY_NEED_CATEGORY = 'emergency.need';

export const caseEmergencyMigrations: Record<string, Migration> = {
  '1030_cases_emergency_need_category': {
    async up(db: Kysely<any>) {
      await db
        .insertInto('case_categories')
        .values({
          code: EMERGENCY_NEED_CATEGORY,
          name: '封控期间生活求助',
          name_en: 'Lockdown need (medicine, formula, supplies)',
          parent_code: 'emergency',
          default_priority: 'urgent',
          response_hours: 4,
          resolution_hours: 48,
          keywords: ['封控', '代购', '买药', '送药', '奶粉', '透析'],
          confidential: false,
          anonymity_allowed: false,
          active: false,
          sort_order: 45,
        })
        .onConflict((oc) => oc.column('code').doNothing())
        .execute();
      await db
        .insertInto('case_routing_rules')
        .values({ category_code: EMERGENCY_NEED_CATEGORY, region_prefix: '', target_level: 'village', department_type: null })
        .onConflict((oc) => oc.columns(['category_code', 'region_prefix']).doNothing())
        .execute();
    },
  },
};
