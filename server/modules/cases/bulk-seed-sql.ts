import { sql } from 'kysely';

/**
 * The set-based insert of bulk-seed.ts: from the random draws in the temp
 * table `bulk_case_gen` to cases and their timelines, in one statement.
 *
 * Times (hours) per case:
 *   accepted  = created + mostly minutes, 2 % after the response deadline;
 *   resolved  = accepted + 5–90 % of the resolution limit, 3 % late;
 *   rated     = resolved + 2–48 h.
 * Outcomes: 0.4 % withdrawn before acceptance, 0.4 % rejected after it,
 * 0.5 % stuck open (overdue), the rest resolved once their time has come
 * (before `now`) and rated: 92 % 满意, 6 % 基本满意, 2 % 不满意 (half of
 * those reopened once and resolved again before the final rating).
 */
export interface InsertParams {
  tplCategory: string[];
  tplTitle: string[];
  tplDescription: string[];
  tplResult: string[];
  tplTitleTok: string[];
  tplDescTok: string[];
  tplResultTok: string[];
  tplCat: number[];
  vilCode: string[];
  vilName: string[];
  vilTok: string[];
  vilLat: number[];
  vilLng: number[];
  catResp: number[];
  catRes: number[];
  catPriority: string[];
  unitIds: (string | null)[];
  unitNames: (string | null)[];
  unitRoles: (string | null)[];
  nCat: number;
  poolUser: string[];
  poolName: string[];
  poolPhone: (string | null)[];
  poolRegion: string[];
  surnames: string[];
  given: string[];
  resDay: string[];
  resBase: number[];
  now: Date;
  forceApp: boolean;
  operatorId: string | null;
  timeline: boolean;
}

export function CASE_INSERT_SQL(p: InsertParams) {
  const hasPool = p.poolUser.length > 0;
  const pool = hasPool
    ? sql`left join lateral (
        select pu.user_id, pu.name, pu.phone from unnest(${p.poolUser}::uuid[], ${p.poolName}::text[], ${p.poolPhone}::text[], ${p.poolRegion}::text[]) as pu(user_id, name, phone, region)
        where pu.region = v.code and (g.r_chan < 0.5 or ${p.forceApp}) order by random() + g.r_x limit 1) as req on true`
    : sql`left join lateral (select null::uuid as user_id, null::text as name, null::text as phone) as req on true`;
  const events = p.timeline
    ? sql`, ev as (
        insert into case_events (case_id, county_code, kind, from_status, to_status, actor_id, actor_role, actor_name, unit_id, unit_name, note, visible_to_requester, data, created_at)
        select ins.id, f.county_code, e.kind, e.from_s, e.to_s, e.actor_id, e.actor_role, e.actor_name, e.unit_id, e.unit_name, e.note, true, e.data, e.at
        from ins join final f on f.tracking_number = ins.tracking_number
        cross join lateral (values
          (1, 'submitted', null, 'submitted', f.created_at, f.submit_actor, f.submit_role, f.submit_name, null::uuid, null::text, null::text, jsonb_build_object('channel', f.channel)),
          (2, 'routed', 'submitted', 'assigned', f.created_at, null::uuid, 'system', null::text, f.unit_id, f.unit_name, null::text,
             jsonb_build_object('toUnitId', f.unit_id, 'toUnitName', f.unit_name, 'fallback', false, 'onDuty', '[]'::jsonb)),
          (3, 'withdrawn', 'assigned', 'withdrawn', f.withdrawn_at, f.requester_actor, f.requester_role, f.requester_actor_name, null::uuid, null::text, '问题已自行解决，撤回诉求。', '{}'::jsonb),
          (4, 'accepted', 'assigned', 'accepted', f.responded_at, null::uuid, f.unit_role, null::text, f.unit_id, f.unit_name, null::text, '{}'::jsonb),
          (5, 'rejected', 'accepted', 'rejected', f.rejected_at, null::uuid, f.unit_role, null::text, f.unit_id, f.unit_name, '经核实，该事项属于民事纠纷，建议通过人民调解或司法途径解决，已告知相关渠道。', '{}'::jsonb),
          (6, 'resolved', 'accepted', 'resolved', f.first_resolved_at, null::uuid, f.unit_role, null::text, f.unit_id, f.unit_name, f.result, '{}'::jsonb),
          (7, 'reopened', 'resolved', 'reopened', f.reopened_at, f.requester_actor, f.requester_role, f.requester_actor_name, null::uuid, null::text, '问题没有彻底解决，还是老样子。', '{}'::jsonb),
          (8, 'accepted', 'reopened', 'accepted', f.reaccepted_at, null::uuid, f.unit_role, null::text, f.unit_id, f.unit_name, null::text, '{}'::jsonb),
          (9, 'resolved', 'accepted', 'resolved', f.second_resolved_at, null::uuid, f.unit_role, null::text, f.unit_id, f.unit_name, f.result, '{}'::jsonb),
          (10, 'rated', 'resolved', 'closed', f.rated_at, f.requester_actor, f.requester_role, f.requester_actor_name, null::uuid, null::text, null::text, jsonb_build_object('rating', f.rating))
        ) as e(ord, kind, from_s, to_s, at, actor_id, actor_role, actor_name, unit_id, unit_name, note, data)
        where e.at is not null
        order by ins.id, e.ord
      )`
    : sql``;

  return sql<{ n: number }>`
    with tpl as materialized (
      select t.*, setweight(to_tsvector('simple', t.title_tok), 'A') || setweight(to_tsvector('simple', t.desc_tok), 'B') as vec_open,
        setweight(to_tsvector('simple', t.result_tok), 'C') as vec_result
      from unnest(${p.tplCategory}::text[], ${p.tplTitle}::text[], ${p.tplDescription}::text[], ${p.tplResult}::text[],
                  ${p.tplTitleTok}::text[], ${p.tplDescTok}::text[], ${p.tplResultTok}::text[], ${p.tplCat}::int[])
        with ordinality as t(category_code, title, description, result, title_tok, desc_tok, result_tok, cat_idx, idx)
    ),
    vil as materialized (
      select v.*, setweight(to_tsvector('simple', v.tok), 'B') as vec
      from unnest(${p.vilCode}::text[], ${p.vilName}::text[], ${p.vilTok}::text[], ${p.vilLat}::float8[], ${p.vilLng}::float8[])
        with ordinality as v(code, name, tok, lat, lng, idx)
    ),
    reserved as (select * from unnest(${p.resDay}::text[], ${p.resBase}::int[]) as r(day, base)),
    -- Arrays become tables once (an array parameter indexed per row would be cast per row).
    route as (select * from unnest(${p.unitIds}::uuid[], ${p.unitNames}::text[], ${p.unitRoles}::text[]) with ordinality as r(unit_id, unit_name, unit_role, idx)),
    cat as (select * from unnest(${p.catResp}::int[], ${p.catRes}::int[], ${p.catPriority}::text[]) with ordinality as c(resp_h, res_h, priority, idx)),
    names as (select (${p.surnames}::text[]) as surnames, (${p.given}::text[]) as given),
    base as (
      select g.*, t.category_code, t.title, replace(t.description, '{place}', v.name) as description, t.result, t.vec_open, t.vec_result,
        v.code as region_code, v.name as region_name, v.vec as vec_place, v.lat as v_lat, v.lng as v_lng,
        ro.unit_id, ro.unit_name, ro.unit_role, ca.resp_h, ca.res_h, ca.priority,
        'ZZ' || g.day || case when r.base + g.rn < 10000 then lpad((r.base + g.rn)::text, 4, '0') else (r.base + g.rn)::text end as tracking_number,
        req.user_id as pool_user, req.name as pool_name, req.phone as pool_phone
      from bulk_case_gen g
      join tpl t on t.idx = g.t_idx
      join vil v on v.idx = g.v_idx
      join reserved r on r.day = g.day
      join route ro on ro.idx = (g.v_idx - 1) * ${p.nCat} + t.cat_idx
      join cat ca on ca.idx = t.cat_idx
      ${pool}
    ),
    timed as (
      select b.*,
        case when b.pool_user is not null then 'app' when b.r_chan < 0.93 then 'hotline' else 'open311' end as channel,
        b.created_at + make_interval(secs => 3600 * case when b.r_resp > 0.98 then b.resp_h * (1 + b.r_resp) else greatest(0.02, b.r_resp * b.r_resp * b.resp_h * 0.8) end) as accept_at
      from base b
    ),
    timed2 as materialized (
      select t.*,
        t.accept_at + make_interval(secs => 3600 * t.res_h * case when t.r_res > 0.97 then 1.1 + t.r_res else 0.05 + 0.85 * power(t.r_res / 0.97, 1.5) end) as resolve_at,
        t.created_at + (t.accept_at - t.created_at) * 0.5 as withdraw_at,
        t.accept_at + interval '1 hour' as reject_at
      from timed t
    ),
    timed3 as (
      select t.*, t.resolve_at + make_interval(secs => 3600 * (2 + 46 * t.r_rate)) as rate_at,
        case when t.r_y < 0.92 then 'satisfied' when t.r_y < 0.98 then 'basically_satisfied' else 'dissatisfied' end as rating_drawn,
        case
          when t.r_out < 0.004 and t.withdraw_at <= ${p.now} then 'withdrawn'
          when t.r_out >= 0.004 and t.r_out < 0.008 and t.reject_at <= ${p.now} then 'rejected'
          when t.accept_at > ${p.now} then 'assigned'
          when t.r_res > 0.995 or t.resolve_at > ${p.now} then 'accepted'
          when t.resolve_at + make_interval(secs => 3600 * (2 + 46 * t.r_rate)) > ${p.now} then 'resolved'
          else 'closed'
        end as status
      from timed2 t
    ),
    final as materialized (
      select t.*, left(t.region_code, 6) as county_code,
        case when t.status in ('accepted', 'resolved', 'closed', 'rejected') then t.accept_at end as responded_at,
        case when t.status = 'withdrawn' then t.withdraw_at end as withdrawn_at,
        case when t.status = 'rejected' then t.reject_at end as rejected_at,
        case when t.status in ('resolved', 'closed') then t.resolve_at end as resolved_at,
        case when t.status = 'closed' then t.rate_at end as rated_at,
        case when t.status = 'closed' then t.rating_drawn end as rating,
        t.status = 'closed' and t.rating_drawn = 'dissatisfied' and t.r_x < 0.5 as reopened,
        case when t.status = 'closed' and t.rating_drawn = 'dissatisfied' and t.r_x < 0.5 then t.accept_at + (t.resolve_at - t.accept_at) * 0.5
             when t.status in ('resolved', 'closed') then t.resolve_at end as first_resolved_at,
        case when t.status = 'closed' and t.rating_drawn = 'dissatisfied' and t.r_x < 0.5 then t.accept_at + (t.resolve_at - t.accept_at) * 0.6 end as reopened_at,
        case when t.status = 'closed' and t.rating_drawn = 'dissatisfied' and t.r_x < 0.5 then t.accept_at + (t.resolve_at - t.accept_at) * 0.65 end as reaccepted_at,
        case when t.status = 'closed' and t.rating_drawn = 'dissatisfied' and t.r_x < 0.5 then t.resolve_at end as second_resolved_at,
        case when t.channel = 'app' then t.pool_user when t.channel = 'hotline' then ${p.operatorId}::uuid end as submit_actor,
        case t.channel when 'app' then 'requester' when 'hotline' then 'hotline_operator' else 'system' end as submit_role,
        case when t.channel = 'app' then t.pool_name end as submit_name,
        case when t.channel = 'app' then t.pool_user when t.channel = 'hotline' then ${p.operatorId}::uuid end as requester_actor,
        case t.channel when 'app' then 'requester' when 'hotline' then 'hotline_operator' else 'system' end as requester_role,
        case when t.channel = 'app' then t.pool_name end as requester_actor_name
      from timed3 t
    ),
    ins as (
      insert into cases (tracking_number, channel, category_code, title, description, region_code, county_code, address, lat, lng, status, priority,
        is_public, is_anonymous, confidential, requester_user_id, requester_name, requester_phone, created_by, handling_unit_id,
        response_due_at, resolution_due_at, responded_at, resolved_at, closed_at, rating, rated_at, reopen_count, search, created_at, updated_at)
      select f.tracking_number, f.channel, f.category_code, f.title, f.description, f.region_code, f.county_code,
        case when f.r_geo < 0.7 then f.region_name || case when f.region_name like '%村' then (1 + floor(f.r_x * 8))::int || '组' else (1 + floor(f.r_x * 20))::int || '栋' end end,
        case when f.r_geo < 0.6 then f.v_lat + (f.r_x - 0.5) * 0.08 end,
        case when f.r_geo < 0.6 then f.v_lng + (f.r_y - 0.5) * 0.08 end,
        f.status, f.priority,
        f.channel = 'open311' or f.r_pub < 0.85, f.channel <> 'open311' and f.r_pub > 0.95, false,
        case when f.channel = 'app' then f.pool_user end,
        case when f.channel = 'app' then f.pool_name
             else nm.surnames[1 + floor(f.r_pub * ${p.surnames.length})::int] || nm.given[1 + floor(f.r_rate * ${p.given.length})::int] end,
        case when f.channel = 'app' then f.pool_phone
             else '1' || (array['38', '39', '58', '77', '86', '59'])[1 + floor(f.r_x * 6)::int] || lpad(floor(f.r_y * 100000000)::bigint::text, 8, '0') end,
        f.submit_actor, f.unit_id,
        f.created_at + make_interval(hours => f.resp_h), f.created_at + make_interval(hours => f.res_h),
        f.responded_at, f.resolved_at,
        case f.status when 'closed' then f.rated_at when 'withdrawn' then f.withdrawn_at when 'rejected' then f.rejected_at end,
        f.rating, f.rated_at, case when f.reopened then 1 else 0 end,
        f.vec_open || f.vec_place || case when f.status in ('resolved', 'closed') then f.vec_result else ''::tsvector end,
        f.created_at,
        greatest(f.created_at, f.responded_at, f.withdrawn_at, f.rejected_at, f.resolved_at, f.rated_at)
      from final f cross join names nm
      returning id, tracking_number
    )
    ${events}
    select count(*)::int as n from ins`;
}
