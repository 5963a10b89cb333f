/* 双随机一公开 and risk grouping (see draws_svc.h; the algorithm in core/draws, docs/draws.md). */
#include "svc/draws/draws_svc.h"
#include "svc/balance/balance_svc.h"

#include <stdlib.h>
#include <string.h>

#include "core/draws/draws.h"
#include "store/draws/draws_store.h"
#include "store/platform/region_store.h"
#include "store/platform/setting_store.h"
#include "svc/findings/finding_svc.h"
#include "svc/visits/task_svc.h"
#include "util/hash.h"
#include "util/timeutil.h"

enum { MAX_POOL = 5000 };

/* ---------------------------------------------------------------- helpers */

static json_t *jparse(const char *s) {
    json_t *v = s ? json_loads(s, 0, NULL) : NULL;
    return v ? v : json_null();
}

static const char *jdump(arena_t *a, const json_t *v) {
    char *s = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS);
    const char *out = arena_printf(a, "%s", s ? s : "null");
    free(s);
    return out;
}

static int cmp_i64(const void *pa, const void *pb) {
    int64_t x = *(const int64_t *)pa, y = *(const int64_t *)pb;
    return x < y ? -1 : x > y;
}

/* An array of positive ids, sorted, without repeats. */
static err_t *id_list(arena_t *a, const json_t *v, const char *field, int64_t **out, size_t *n) {
    size_t k = json_is_array(v) ? json_array_size(v) : 0;
    if (v && !json_is_array(v))
        return err_newf(a, ERR_INVALID, field, "%s 应为 id 数组", "%s must be an array of ids", field, field);
    if (k > MAX_POOL) return err_new(a, ERR_INVALID, field, "名录库过大（至多 5000）", "pool too large (at most 5000)");
    int64_t *ids = arena_alloc(a, (k + 1) * sizeof *ids);
    for (size_t i = 0; i < k; i++) {
        json_t *x = json_array_get(v, i);
        if (!json_is_integer(x) || json_integer_value(x) <= 0)
            return err_newf(a, ERR_INVALID, field, "%s 应为正整数 id 的数组", "%s must be an array of positive ids",
                            field, field);
        ids[i] = json_integer_value(x);
    }
    qsort(ids, k, sizeof *ids, cmp_i64);
    size_t m = 0;
    for (size_t i = 0; i < k; i++)
        if (!m || ids[m - 1] != ids[i]) ids[m++] = ids[i];
    *out = ids;
    *n = m;
    return NULL;
}

static json_t *ids_json(const int64_t *ids, size_t n) {
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, json_integer(ids[i]));
    return arr;
}

static err_t *region_of(db_t *db, arena_t *a, const actor_t *who, const char *code, region_t *out) {
    err_t *e = region_store_get(db, a, who->region_path, code ? code : who->region_code, out);
    if (e) e->field = "region_code";
    return e;
}

static int64_t *json_ids(arena_t *a, const json_t *arr, size_t *n);

/* The names of the schools and inspectors a plan mentions (pools, candidates), so the office's
 * page and the public one show who was drawn: {schools: {id: name}, inspectors: {id: name}}. */
static json_t *names_json(arena_t *a, db_t *db, const draw_row_t *d, const json_t *snap) {
    bool is_followup = strcmp(d->kind, "followup") == 0;
    json_t *sp = jparse(d->school_pool), *ip = jparse(d->inspector_pool);
    size_t n_s = 0, n_i = 0;
    int64_t *sids = is_followup ? NULL : json_ids(a, sp, &n_s), *iids = json_ids(a, ip, &n_i);
    if (is_followup) { /* a 回头看 pool holds findings: their schools are in the snapshot */
        const json_t *c = json_object_get(snap, "candidates");
        sids = arena_alloc(a, (json_array_size(c) + 1) * sizeof *sids);
        for (size_t i = 0; i < json_array_size(c); i++)
            sids[n_s++] = json_integer_value(json_object_get(json_array_get(c, i), "school_id"));
    }
    bool is_units = d->target_kind && strcmp(d->target_kind, "unit") == 0;
    json_t *schools = NULL, *units = NULL, *inspectors = NULL;
    if (draws_store_names(db, a, "school", sids, is_units ? 0 : n_s, &schools)) schools = json_object();
    if (draws_store_names(db, a, "unit", sids, is_units ? n_s : 0, &units)) units = json_object();
    if (draws_store_names(db, a, "inspector", iids, n_i, &inspectors)) inspectors = json_object();
    json_decref(sp);
    json_decref(ip);
    return json_pack("{s:o, s:o, s:o}", "schools", schools, "units", units, "inspectors", inspectors);
}

static json_t *plan_json(arena_t *a, db_t *db, const draw_row_t *d, bool is_public) {
    json_t *o = json_pack(
        "{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:I, s:b, s:b, s:s, s:o, s:o, s:o}", "id",
        (json_int_t)d->id, "region_code", d->region_code, "region_name", d->region_name ? d->region_name : "", "title",
        d->title, "kind", d->kind, "items", jparse(d->items), "school_pool", jparse(d->school_pool), "inspector_pool",
        jparse(d->inspector_pool), "n_targets", d->n_targets ? json_integer(d->n_targets) : json_null(),
        "share_percent", d->share_percent ? json_integer(d->share_percent) : json_null(), "inspectors_per_school",
        (json_int_t)d->inspectors_per_school, "is_weighted", d->is_weighted, "exclude_own", d->exclude_own, "state",
        d->state, "seed_hash", svc_jstr(d->seed_hash), "seed_source", svc_jstr(d->seed_source), "algorithm",
        json_string("dudao-draw-v1 (docs/draws.md)"));
    /* the seed is secret until the draw */
    json_object_set_new(o, "seed", strcmp(d->state, "drawn") == 0 ? svc_jstr(d->seed) : json_null());
    json_t *snap = jparse(d->snapshot);
    /* the public needs the excluded pairs to re-run the draw, not why (a declared relative) */
    size_t k;
    json_t *x0;
    if (is_public) json_array_foreach(json_object_get(snap, "excluded"), k, x0) json_object_del(x0, "reason");
    json_object_set_new(o, "names", names_json(a, db, d, snap));
    json_object_set_new(o, "target_kind", json_string(d->target_kind ? d->target_kind : "school"));
    json_object_set_new(o, "strata", d->strata ? jparse(d->strata) : json_null());
    json_object_set_new(o, "snapshot", snap);
    json_object_set_new(o, "result", jparse(d->result));
    json_object_set_new(o, "created_at", svc_jtime(d->created_at));
    json_object_set_new(o, "committed_at", svc_jtime(d->committed_at));
    json_object_set_new(o, "drawn_at", svc_jtime(d->drawn_at));
    draw_replacement_t *x;
    size_t n = 0;
    json_t *reps = json_array();
    if (!draws_store_replacements(db, a, d->id, &x, &n))
        for (size_t i = 0; i < n; i++) {
            json_t *r = json_pack("{s:s, s:o, s:I, s:I, s:s, s:o}", "kind", x[i].kind, "school_id",
                                  svc_jid(x[i].school_id), "old_id", (json_int_t)x[i].old_id, "new_id",
                                  (json_int_t)x[i].new_id, "reason", x[i].reason, "at", svc_jtime(x[i].created_at));
            if (!is_public) json_object_set_new(r, "by", svc_jstr(x[i].by_name));
            json_array_append_new(reps, r);
        }
    json_object_set_new(o, "replacements", reps);
    return o;
}

/* ---------------------------------------------------------------- risk */

static err_t *risk_thresholds(db_t *db, arena_t *a, const char *region_code, draws_risk_thresholds_t *t) {
    draws_risk_defaults(t);
    err_t *e = draws_store_setting(db, a, region_code, "draws.risk.key_overdue", &t->key_overdue);
    if (!e) e = draws_store_setting(db, a, region_code, "draws.risk.key_recurrent", &t->key_recurrent);
    if (!e) e = draws_store_setting(db, a, region_code, "draws.risk.key_complaints", &t->key_complaints);
    if (!e) e = draws_store_setting(db, a, region_code, "draws.risk.key_open", &t->key_open);
    if (!e) e = draws_store_setting(db, a, region_code, "draws.risk.key_balance", &t->key_balance);
    return e;
}

/* The balance part of the risk: per school of the region, the 优质均衡 resource indicators it
 * fails in its county's newest year with statistics (svc/balance). */
typedef struct balance_map {
    balance_school_failing_t *xs;
    size_t n;
} balance_map_t;

static err_t *balance_map_load(db_t *db, arena_t *a, const actor_t *who, const region_t *reg, balance_map_t *m) {
    *m = (balance_map_t){0};
    region_t *regs = (region_t *)reg;
    size_t n_regs = 1;
    err_t *e = strcmp(reg->level, "county") == 0 ? NULL : region_store_list(db, a, reg->path, &regs, &n_regs);
    if (e) return e;
    size_t cap = 0;
    balance_school_failing_t **parts = arena_alloc(a, (n_regs + 1) * sizeof *parts);
    size_t *ns = arena_alloc(a, (n_regs + 1) * sizeof *ns);
    for (size_t i = 0; i < n_regs; i++) {
        ns[i] = 0;
        if (strcmp(regs[i].level, "county") != 0) continue;
        if ((e = balance_svc_failing(db, a, who, regs[i].code, &parts[i], &ns[i]))) return e;
        cap += ns[i];
    }
    m->xs = arena_alloc(a, (cap + 1) * sizeof *m->xs);
    for (size_t i = 0; i < n_regs; i++)
        for (size_t k = 0; k < ns[i]; k++)
            m->xs[m->n++] = parts[i][k];
    return NULL;
}

static int64_t balance_map_get(const balance_map_t *m, int64_t school_id) {
    for (size_t i = 0; i < m->n; i++)
        if (m->xs[i].school_id == school_id) return m->xs[i].n_failing;
    return -1;
}

static draws_risk_t risk_of(const draw_risk_row_t *row, const draws_risk_thresholds_t *t, json_t **reasons) {
    draws_risk_in_t in = {row->n_open, row->n_overdue, row->n_complaints, row->n_recurrent, row->n_balance_failing};
    draws_reason_t rs[DRAWS_MAX_REASONS];
    size_t n = 0;
    draws_risk_t c = draws_risk_class(&in, t, rs, &n);
    if (reasons) {
        *reasons = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(*reasons, json_pack("{s:s, s:s, s:I, s:I, s:b}", "code", rs[i].code, "label",
                                                      rs[i].zh, "value", (json_int_t)rs[i].value, "threshold",
                                                      (json_int_t)rs[i].threshold, "is_key", rs[i].is_key));
    }
    return c;
}

static int64_t year_ago(void) {
    return time_now() - 365 * 86400;
}

err_t *draws_svc_risk(svc_t *s, arena_t *a, const actor_t *who, const char *region_code, json_t **out) {
    db_t *db;
    region_t reg;
    err_t *e = svc_db(s, a, &db);
    if (!e) e = region_of(db, a, who, region_code, &reg);
    draws_risk_thresholds_t t;
    if (!e) e = risk_thresholds(db, a, reg.code, &t);
    char today[16];
    time_today_cn(today, sizeof today);
    draw_risk_row_t *rows = NULL;
    size_t n = 0;
    if (!e) e = draws_store_risk(db, a, reg.path, 0, today, year_ago(), &rows, &n);
    balance_map_t bm;
    if (!e) e = balance_map_load(db, a, who, &reg, &bm);
    if (e) return e;
    for (size_t i = 0; i < n; i++)
        rows[i].n_balance_failing = balance_map_get(&bm, rows[i].school_id);
    json_t *items = json_array();
    int64_t counts[3] = {0};
    for (size_t i = 0; i < n; i++) {
        json_t *reasons;
        draws_risk_t c = risk_of(&rows[i], &t, &reasons);
        counts[c]++;
        json_array_append_new(
            items, json_pack("{s:I, s:s, s:s, s:s, s:s, s:i, s:o, s:{s:I, s:I, s:I, s:I, s:o}}", "school_id",
                             (json_int_t)rows[i].school_id, "school_name", rows[i].school_name, "region_code",
                             rows[i].region_code, "risk", draws_risk_code(c), "risk_label", draws_risk_zh(c), "weight",
                             draws_risk_weight(c), "reasons", reasons, "counts", "open", (json_int_t)rows[i].n_open,
                             "overdue", (json_int_t)rows[i].n_overdue, "complaints", (json_int_t)rows[i].n_complaints,
                             "recurrent", (json_int_t)rows[i].n_recurrent, "balance_failing",
                             rows[i].n_balance_failing >= 0 ? json_integer(rows[i].n_balance_failing) : json_null()));
    }
    *out = json_pack("{s:s, s:o, s:{s:I, s:I, s:I, s:I, s:I}, s:{s:I, s:I, s:I}, s:s}", "region_code", reg.code,
                     "items", items, "thresholds", "key_overdue", (json_int_t)t.key_overdue, "key_recurrent",
                     (json_int_t)t.key_recurrent, "key_complaints", (json_int_t)t.key_complaints, "key_open",
                     (json_int_t)t.key_open, "key_balance", (json_int_t)t.key_balance, "counts", "key",
                     (json_int_t)counts[DRAWS_RISK_KEY], "issues", (json_int_t)counts[DRAWS_RISK_ISSUES], "ok",
                     (json_int_t)counts[DRAWS_RISK_OK], "note",
                     "均衡：学校所在县最新学年统计中未达标的优质均衡资源配置指标数（无统计数据的学校不计）/ balance: "
                     "the 优质均衡 resource indicators the school fails in its county's newest year of statistics");
    return NULL;
}

/* ---------------------------------------------------------------- create */

/* The strata as stored: every class, in the order key, issues, ok (a class not given is 0). */
static const char *strata_text(arena_t *a, const json_t *strata) {
    json_t *o = json_object();
    for (int r = DRAWS_RISK_KEY; r >= DRAWS_RISK_OK; r--) {
        const json_t *v = json_object_get(strata, draws_risk_code((draws_risk_t)r));
        json_object_set_new(o, draws_risk_code((draws_risk_t)r), json_integer(v ? json_integer_value(v) : 0));
    }
    const char *t = jdump(a, o);
    json_decref(o);
    return t;
}

/* The plan's own fields (before any pool is read). */
static err_t *plan_check(arena_t *a, const draws_plan_input_t *in, const char *kind, bool is_followup) {
    if (!is_followup && strcmp(kind, "inspection") != 0)
        return err_new(a, ERR_INVALID, "kind", "kind 应为 inspection 或 followup",
                       "kind must be inspection or followup");
    if (!in->title || !*in->title) return err_new(a, ERR_INVALID, "title", "请填写抽查名称", "title is required");
    if (in->strata) {
        if (in->has_share || in->has_n)
            return err_new(a, ERR_INVALID, "strata", "分层抽取按各类别比例抽取，不再给出总比例或总数量",
                           "a stratified draw has a share per class instead of share_percent or n_targets");
        if (is_followup)
            return err_new(a, ERR_INVALID, "strata", "分层抽取适用于学校名录库", "strata apply to a school pool");
        if (!json_is_object(in->strata))
            return err_new(a, ERR_INVALID, "strata", "分层比例应为 {key, issues, ok}",
                           "strata: an object {key, issues, ok}");
        const char *key;
        json_t *v;
        int64_t sum = 0;
        json_object_foreach((json_t *)in->strata, key, v) {
            draws_risk_t r;
            if (!draws_risk_parse(key, &r))
                return err_newf(a, ERR_INVALID, "strata", "未知的风险类别 %s（key / issues / ok）",
                                "unknown risk class %s (key, issues, ok)", key, key);
            if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 100)
                return err_new(a, ERR_INVALID, "strata", "各类别抽取比例应为 0–100 的整数",
                               "each class's share is an integer 0..100");
            sum += json_integer_value(v);
        }
        if (sum == 0)
            return err_new(a, ERR_INVALID, "strata", "至少一个类别的抽取比例大于 0", "at least one class's share > 0");
    } else if (in->has_share == in->has_n) {
        return err_new(a, ERR_INVALID, "share_percent", "请给出抽取比例或抽取数量之一",
                       "give exactly one of share_percent and n_targets");
    }
    if (in->has_share && (in->share_percent < 1 || in->share_percent > 100))
        return err_new(a, ERR_INVALID, "share_percent", "抽取比例应在 1–100 之间", "share_percent must be 1..100");
    if (in->inspectors_per_school < 0 || in->inspectors_per_school > 10)
        return err_new(a, ERR_INVALID, "inspectors_per_school", "每校督学人数应在 0–10 之间",
                       "inspectors_per_school must be 0..10");
    if (is_followup && in->inspectors_per_school > 0)
        return err_new(a, ERR_INVALID, "inspectors_per_school", "回头看的督学在生成任务时指定",
                       "a 回头看 round names its inspectors when the tasks are made");
    if (in->items && !json_is_array(in->items))
        return err_new(a, ERR_INVALID, "items", "检查事项清单应为文本数组", "items must be an array of text");
    for (size_t i = 0; in->items && i < json_array_size(in->items); i++)
        if (!json_is_string(json_array_get(in->items, i)))
            return err_new(a, ERR_INVALID, "items", "检查事项清单应为文本数组", "items must be an array of text");
    return NULL;
}

err_t *draws_svc_create(svc_t *s, arena_t *a, const actor_t *who, const draws_plan_input_t *in, json_t **out) {
    const char *kind = in->kind ? in->kind : "inspection";
    bool is_followup = strcmp(kind, "followup") == 0;
    err_t *e = plan_check(a, in, kind, is_followup);
    if (e) return e;
    int64_t *schools, *inspectors;
    size_t n_s, n_i;
    bool is_units = in->unit_ids != NULL;
    const char *pool_field = is_units ? "unit_ids" : "school_ids";
    if (is_units && in->school_ids)
        return err_new(a, ERR_INVALID, "unit_ids", "名录库为学校或被督导单位，二选一",
                       "a pool of schools or of units, not both");
    if (is_units && is_followup)
        return err_new(a, ERR_INVALID, "unit_ids", "回头看的名录库是已销号问题", "a 回头看 draws closed findings");
    if (is_units && in->strata)
        return err_new(a, ERR_INVALID, "strata", "分层抽取只适用于学校名录库", "strata apply to schools only");
    if (is_units && in->is_weighted == 1)
        return err_new(a, ERR_INVALID, "weighted", "风险加权只适用于学校名录库", "risk weights apply to schools only");
    e = id_list(a, is_units ? in->unit_ids : in->school_ids, pool_field, &schools, &n_s);
    if (!e) e = id_list(a, in->inspector_ids, "inspector_ids", &inspectors, &n_i);
    if (e) return e;
    if (!n_s) return err_new(a, ERR_INVALID, pool_field, "抽查对象名录库为空", "the target pool is empty");
    if (in->has_n && (in->n_targets < 1 || (size_t)in->n_targets > n_s))
        return err_newf(a, ERR_INVALID, "n_targets", "抽取数量应在 1–%zu 之间", "n_targets must be 1..%zu", n_s, n_s);
    if (in->inspectors_per_school > 0 && (size_t)in->inspectors_per_school > n_i)
        return err_new(a, ERR_INVALID, "inspectors_per_school", "督学名录库人数少于每校督学人数",
                       "the inspector pool is smaller than inspectors_per_school");
    db_t *db;
    if ((e = svc_begin(s, a, &db))) return e;
    region_t reg;
    e = region_of(db, a, who, in->region_code, &reg);
    for (size_t i = 0; !e && i < n_s; i++) {
        bool yes = false;
        int64_t sid = 0;
        e = is_followup ? draws_store_closed_finding_in(db, a, reg.path, schools[i], &yes, &sid)
            : is_units  ? draws_store_unit_in(db, a, reg.path, schools[i], &yes)
                        : draws_store_school_in(db, a, reg.path, schools[i], &yes);
        if (!e && !yes && is_units)
            e = err_newf(a, ERR_INVALID, pool_field, "被督导单位 %lld 不在本区划或已撤销",
                         "unit %lld is not an active unit of this region", (long long)schools[i],
                         (long long)schools[i]);
        else if (!e && !yes)
            e = is_followup
                    ? err_newf(a, ERR_INVALID, pool_field, "问题 %lld 不在本区划或尚未销号",
                               "finding %lld is not a closed finding of this region", (long long)schools[i],
                               (long long)schools[i])
                    : err_newf(a, ERR_INVALID, pool_field, "学校 %lld 不在本区划", "school %lld is not in this region",
                               (long long)schools[i], (long long)schools[i]);
    }
    for (size_t i = 0; !e && i < n_i; i++) {
        bool yes = false;
        e = draws_store_inspector_in(db, a, reg.path, inspectors[i], &yes);
        if (!e && !yes)
            e = err_newf(a, ERR_INVALID, "inspector_ids", "督学 %lld 不在本区划或未在岗",
                         "inspector %lld is not an active inspector of this region", (long long)inspectors[i],
                         (long long)inspectors[i]);
    }
    int64_t exclude_own = 1;
    if (!e && in->exclude_own < 0) e = draws_store_setting(db, a, reg.code, "draws.exclude_own", &exclude_own);
    if (in->exclude_own >= 0) exclude_own = in->exclude_own;
    json_t *items = in->items ? json_deep_copy(in->items) : json_array();
    json_t *sp = ids_json(schools, n_s), *ip = ids_json(inspectors, n_i);
    draw_row_t d = {.region_code = reg.code,
                    .title = in->title,
                    .kind = kind,
                    .target_kind = is_units ? "unit" : "school",
                    .items = jdump(a, items),
                    .school_pool = jdump(a, sp),
                    .inspector_pool = jdump(a, ip),
                    .n_targets = in->has_n ? in->n_targets : 0,
                    .share_percent = in->has_share ? in->share_percent : 0,
                    .inspectors_per_school = in->inspectors_per_school,
                    .is_weighted = in->is_weighted == 1,
                    .strata = in->strata ? strata_text(a, in->strata) : NULL,
                    .exclude_own = exclude_own != 0,
                    .created_by = who->user_id};
    json_decref(items);
    json_decref(sp);
    json_decref(ip);
    int64_t id = 0;
    if (!e) e = draws_store_insert(db, a, &d, time_now(), &id);
    draw_row_t got;
    if (!e) e = draws_store_get(db, a, reg.path, id, &got);
    if (!e) {
        *out = plan_json(a, db, &got, false);
        e = svc_audit(db, a, who, "create", "draw_plan", svc_id_text(a, id), reg.code, NULL, *out);
        if (e) json_decref(*out);
    }
    return svc_end(db, a, e);
}

/* ---------------------------------------------------------------- read */

static err_t *get_visible(db_t *db, arena_t *a, const actor_t *who, int64_t id, draw_row_t *d) {
    return draws_store_get(db, a, who->region_path, id, d);
}

err_t *draws_svc_get(svc_t *s, arena_t *a, const actor_t *who, int64_t id, json_t **out) {
    db_t *db;
    draw_row_t d;
    err_t *e = svc_db(s, a, &db);
    if (!e) e = get_visible(db, a, who, id, &d);
    if (!e) *out = plan_json(a, db, &d, false);
    return e;
}

static err_t *list_json(db_t *db, arena_t *a, const char *path, bool is_public, json_t **out) {
    draw_row_t *rows;
    size_t n;
    err_t *e = draws_store_list(db, a, path, &rows, &n);
    if (e) return e;
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, plan_json(a, db, &rows[i], is_public));
    *out = json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)n);
    return NULL;
}

err_t *draws_svc_list(svc_t *s, arena_t *a, const actor_t *who, json_t **out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    return e ? e : list_json(db, a, who->region_path, false, out);
}

err_t *draws_svc_public_list(svc_t *s, arena_t *a, json_t **out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    return e ? e : list_json(db, a, NULL, true, out);
}

err_t *draws_svc_public_get(svc_t *s, arena_t *a, int64_t id, json_t **out) {
    db_t *db;
    draw_row_t d;
    err_t *e = svc_db(s, a, &db);
    if (!e) e = draws_store_get(db, a, NULL, id, &d);
    if (!e) *out = plan_json(a, db, &d, true);
    return e;
}

/* ---------------------------------------------------------------- commit */

static int64_t *json_ids(arena_t *a, const json_t *arr, size_t *n) {
    *n = json_is_array(arr) ? json_array_size(arr) : 0;
    int64_t *v = arena_alloc(a, (*n + 1) * sizeof *v);
    for (size_t i = 0; i < *n; i++)
        v[i] = json_integer_value(json_array_get(arr, i));
    return v;
}

/* The frozen input of the draw: candidates by id with their tickets (and risk class when
 * weighted), the inspector pool, and every (inspector, school) pair excluded by 回避. */
static err_t *build_snapshot(db_t *db, arena_t *a, const draw_row_t *d, json_t **out) {
    bool is_followup = strcmp(d->kind, "followup") == 0;
    json_t *sp = jparse(d->school_pool), *ip = jparse(d->inspector_pool);
    size_t n_s, n_i;
    int64_t *ids = json_ids(a, sp, &n_s), *ins = json_ids(a, ip, &n_i);
    json_decref(sp);
    size_t k = d->share_percent ? draws_share_count(n_s, (int)d->share_percent) : (size_t)d->n_targets;
    err_t *e = NULL;
    draws_risk_thresholds_t t;
    region_t reg;
    balance_map_t bm = {0};
    bool bm_loaded = false;
    /* the plan's region is authorised already: the balance figures are read for all of it */
    const actor_t *who = &(actor_t){.role = ROLE_ADMIN, .region_path = "/", .region_code = d->region_code};
    json_t *strata = d->strata ? jparse(d->strata) : NULL;
    bool needs_class = d->is_weighted || strata;
    if (needs_class) {
        e = region_store_get(db, a, NULL, d->region_code, &reg);
        if (!e) e = risk_thresholds(db, a, d->region_code, &t);
    }
    char today[16];
    time_today_cn(today, sizeof today);
    json_t *cands = json_array();
    for (size_t i = 0; !e && i < n_s; i++) {
        json_t *c = json_pack("{s:I, s:i}", "id", (json_int_t)ids[i], "tickets", 1);
        if (is_followup) {
            bool yes = false;
            int64_t sid = 0;
            e = draws_store_closed_finding_in(db, a, NULL, ids[i], &yes, &sid);
            if (!e && !yes)
                e = err_newf(a, ERR_INVALID, "school_ids", "问题 %lld 已不是销号状态",
                             "finding %lld is no longer closed", (long long)ids[i], (long long)ids[i]);
            json_object_set_new(c, "school_id", json_integer(sid));
        }
        if (needs_class && !is_followup) {
            draw_risk_row_t *rr;
            size_t nr = 0;
            e = draws_store_risk(db, a, reg.path, ids[i], today, year_ago(), &rr, &nr);
            if (!e && nr && !bm_loaded) {
                e = balance_map_load(db, a, who, &reg, &bm);
                bm_loaded = true;
            }
            draws_risk_t cls = DRAWS_RISK_OK;
            if (!e && nr) {
                rr[0].n_balance_failing = balance_map_get(&bm, rr[0].school_id);
                cls = risk_of(&rr[0], &t, NULL);
            }
            if (d->is_weighted) json_object_set_new(c, "tickets", json_integer(draws_risk_weight(cls)));
            json_object_set_new(c, "risk", json_string(draws_risk_code(cls)));
        }
        json_array_append_new(cands, c);
    }
    json_t *excluded = json_array();
    size_t *n_free = arena_alloc(a, (n_s + 1) * sizeof *n_free);
    for (size_t j = 0; j < n_s; j++)
        n_free[j] = n_i;
    bool is_units = d->target_kind && strcmp(d->target_kind, "unit") == 0;
    /* 回避 is declared against schools (inspector_relation, 挂牌): a unit pool has none */
    for (size_t i = 0; !e && i < n_i && !is_followup && !is_units; i++) {
        draw_conflict_t *cs;
        size_t nc = 0;
        e = draws_store_conflicts(db, a, ins[i], d->exclude_own, &cs, &nc);
        for (size_t c = 0; !e && c < nc; c++) {
            int64_t *hit = bsearch(&cs[c].school_id, ids, n_s, sizeof *ids, cmp_i64);
            if (!hit) continue;
            n_free[hit - ids]--;
            json_array_append_new(excluded,
                                  json_pack("{s:I, s:I, s:s}", "inspector_id", (json_int_t)ins[i], "school_id",
                                            (json_int_t)cs[c].school_id, "reason", cs[c].reason));
        }
    }
    /* every school must keep enough inspectors after 回避, or the draw could not be completed */
    for (size_t j = 0; !e && j < n_s && !is_followup; j++)
        if (n_free[j] < (size_t)d->inspectors_per_school)
            e = err_newf(a, ERR_INVALID, "inspectors_per_school", "学校 %lld 回避后可派督学不足 %lld 人",
                         "school %lld has fewer than %lld inspectors left after recusal", (long long)ids[j],
                         (long long)d->inspectors_per_school, (long long)ids[j], (long long)d->inspectors_per_school);
    /* a share of each stratum: k_c = ceil(n_c × p_c / 100), the draw takes the first k_c of each
     * class in the one ranking (docs/draws.md) */
    json_t *strata_out = NULL;
    if (!e && strata) {
        strata_out = json_array();
        k = 0;
        for (int r = DRAWS_RISK_KEY; r >= DRAWS_RISK_OK; r--) {
            const char *code = draws_risk_code((draws_risk_t)r);
            size_t n_c = 0, ci;
            json_t *cx;
            json_array_foreach(cands, ci, cx) if (strcmp(json_string_value(json_object_get(cx, "risk")), code) == 0)
                n_c++;
            int p = (int)json_integer_value(json_object_get(strata, code));
            size_t k_c = p > 0 ? draws_share_count(n_c, p) : 0;
            k += k_c;
            json_array_append_new(strata_out, json_pack("{s:s, s:s, s:i, s:I, s:I}", "risk", code, "label",
                                                        draws_risk_zh((draws_risk_t)r), "percent", p, "n",
                                                        (json_int_t)n_c, "k", (json_int_t)k_c));
        }
        if (k == 0)
            e = err_new(a, ERR_INVALID, "strata", "按各类别比例抽取的学校数为 0（抽取比例大于 0 的类别没有学校）",
                        "the strata draw no school (the classes with a share have none)");
    }
    json_decref(strata);
    if (e) {
        json_decref(ip);
        json_decref(cands);
        json_decref(excluded);
        json_decref(strata_out);
        return e;
    }
    *out = json_pack("{s:s, s:s, s:I, s:I, s:o, s:o, s:o}", "algorithm", "dudao-draw-v1", "label",
                     is_followup ? "finding"
                     : is_units  ? "unit"
                                 : "school",
                     "k", (json_int_t)k, "m", (json_int_t)d->inspectors_per_school, "candidates", cands, "inspectors",
                     ip, "excluded", excluded);
    /* a unit's inspectors are ranked under their own label, apart from a school's of the same id */
    if (is_units) json_object_set_new(*out, "inspector_label", json_string("inspector:unit:"));
    if (strata_out) json_object_set_new(*out, "strata", strata_out);
    return NULL;
}

err_t *draws_svc_commit(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const char *seed_hash, json_t **out) {
    if (seed_hash && !draws_is_hex64(seed_hash))
        return err_new(a, ERR_INVALID, "seed_hash", "seed_hash 应为 64 位十六进制 SHA-256",
                       "seed_hash must be a SHA-256 in 64 hex digits");
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    draw_row_t d;
    e = get_visible(db, a, who, id, &d);
    if (!e && strcmp(d.state, "planned") != 0)
        e = err_new(a, ERR_CONFLICT, "state", "该抽查已提交种子哈希，不能再次提交",
                    "the seed of this draw is already committed");
    json_t *snap = NULL;
    if (!e) e = build_snapshot(db, a, &d, &snap);
    const char *seed_hex = NULL, *published = NULL;
    if (!e) {
        if (seed_hash) {
            char *h = arena_printf(a, "%s", seed_hash);
            for (char *p = h; *p; p++)
                if (*p >= 'A' && *p <= 'F') *p = (char)(*p + 32);
            published = h;
        } else {
            unsigned char seed[DRAWS_SEED_LEN];
            hash_random_bytes(seed, sizeof seed);
            char *sx = arena_alloc(a, 65), *hx = arena_alloc(a, 65);
            hash_hex(seed, sizeof seed, sx);
            draws_seed_hash(seed, hx);
            seed_hex = sx;
            published = hx;
        }
        bool is_done = false;
        e = draws_store_commit(db, a, id, published, seed_hex, seed_hash ? "office" : "server", jdump(a, snap),
                               time_now(), &is_done);
        if (!e && !is_done) e = err_new(a, ERR_CONFLICT, "state", "该抽查状态已变化", "the draw changed meanwhile");
    }
    json_decref(snap);
    if (!e) e = get_visible(db, a, who, id, &d);
    if (!e) {
        *out = plan_json(a, db, &d, false);
        json_t *after = json_pack("{s:s, s:s}", "seed_hash", d.seed_hash, "seed_source", d.seed_source);
        e = svc_audit(db, a, who, "commit", "draw_plan", svc_id_text(a, id), d.region_code, NULL, after);
        json_decref(after);
        if (e) json_decref(*out);
    }
    return svc_end(db, a, e);
}

/* ---------------------------------------------------------------- reveal */

static json_t *rank_ids_json(const unsigned char *seed, const char *label, const int64_t *ids, const int *w, size_t n,
                             arena_t *a) {
    draws_cand_t *c = arena_alloc(a, (n + 1) * sizeof *c);
    for (size_t i = 0; i < n; i++)
        c[i] = (draws_cand_t){.id = ids[i], .weight = w ? w[i] : 1};
    draws_rank(seed, label, c, n);
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, json_integer(c[i].id));
    return arr;
}

static bool is_excluded(const json_t *excluded, int64_t inspector, int64_t school) {
    size_t i;
    json_t *x;
    json_array_foreach(excluded, i, x) {
        if (json_integer_value(json_object_get(x, "inspector_id")) == inspector &&
            json_integer_value(json_object_get(x, "school_id")) == school)
            return true;
    }
    return false;
}

/* The m inspectors sent to school sid: the pool minus its 回避 pairs, ranked under the label
 * inspector:<sid>; sets t.inspectors and t.inspector_ranking. */
static void send_inspectors(arena_t *a, const unsigned char seed[DRAWS_SEED_LEN], const json_t *snap, int64_t sid,
                            json_t *t) {
    const json_t *ins = json_object_get(snap, "inspectors"), *excl = json_object_get(snap, "excluded");
    size_t m = (size_t)json_integer_value(json_object_get(snap, "m")), n_i = json_array_size(ins);
    int64_t *el = arena_alloc(a, (n_i + 1) * sizeof *el);
    size_t ne = 0;
    for (size_t j = 0; j < n_i; j++) {
        int64_t iid = json_integer_value(json_array_get(ins, j));
        if (!is_excluded(excl, iid, sid)) el[ne++] = iid;
    }
    const char *prefix = json_string_value(json_object_get(snap, "inspector_label"));
    json_t *ir =
        rank_ids_json(seed, arena_printf(a, "%s%lld", prefix ? prefix : "inspector:", (long long)sid), el, NULL, ne, a);
    json_t *chosen = json_array();
    for (size_t j = 0; j < m && j < ne; j++)
        json_array_append(chosen, json_array_get(ir, j));
    json_object_set_new(t, "inspectors", chosen);
    json_object_set_new(t, "inspector_ranking", ir);
}

/* The risk class the snapshot froze for candidate id ("ok" when none). */
static const char *cand_risk(const json_t *cands, int64_t id) {
    size_t i;
    json_t *c;
    json_array_foreach(cands, i, c) if (json_integer_value(json_object_get(c, "id")) == id) {
        const char *r = json_string_value(json_object_get(c, "risk"));
        return r ? r : "ok";
    }
    return "ok";
}

/* Runs the documented algorithm over the snapshot. */
static json_t *run_draw(arena_t *a, const unsigned char seed[DRAWS_SEED_LEN], const json_t *snap) {
    const json_t *cands = json_object_get(snap, "candidates");
    const char *label = json_string_value(json_object_get(snap, "label"));
    size_t k = (size_t)json_integer_value(json_object_get(snap, "k")),
           m = (size_t)json_integer_value(json_object_get(snap, "m"));
    size_t n = json_array_size(cands);
    int64_t *ids = arena_alloc(a, (n + 1) * sizeof *ids);
    int *w = arena_alloc(a, (n + 1) * sizeof *w);
    for (size_t i = 0; i < n; i++) {
        ids[i] = json_integer_value(json_object_get(json_array_get(cands, i), "id"));
        w[i] = (int)json_integer_value(json_object_get(json_array_get(cands, i), "tickets"));
    }
    json_t *ranking = rank_ids_json(seed, label, ids, w, n, a);
    json_t *targets = json_array();
    const json_t *strata = json_object_get(snap, "strata");
    size_t left[3] = {0}; /* a stratified draw: what each class still takes, by draws_risk_t */
    for (size_t q = 0; q < json_array_size(strata); q++) {
        draws_risk_t r;
        if (draws_risk_parse(json_string_value(json_object_get(json_array_get(strata, q), "risk")), &r))
            left[r] = (size_t)json_integer_value(json_object_get(json_array_get(strata, q), "k"));
    }
    for (size_t i = 0, taken = 0; taken < k && i < n; i++) {
        int64_t sid = json_integer_value(json_array_get(ranking, i));
        if (strata) { /* the first k_c of each class in ranking order */
            draws_risk_t r = DRAWS_RISK_OK;
            draws_risk_parse(cand_risk(cands, sid), &r);
            if (!left[r]) continue;
            left[r]--;
        }
        taken++;
        json_t *t = json_pack("{s:I}", "id", (json_int_t)sid);
        for (size_t c = 0; c < n; c++)
            if (ids[c] == sid && json_object_get(json_array_get(cands, c), "school_id"))
                json_object_set(t, "school_id", json_object_get(json_array_get(cands, c), "school_id"));
        if (m > 0) send_inspectors(a, seed, snap, sid, t);
        json_array_append_new(targets, t);
    }
    return json_pack("{s:o, s:o}", "ranking", ranking, "targets", targets);
}

err_t *draws_svc_reveal(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const char *seed, json_t **out) {
    if (seed && !draws_is_hex64(seed))
        return err_new(a, ERR_INVALID, "seed", "seed 应为 64 位十六进制（32 字节）",
                       "seed must be 32 bytes in 64 hex digits");
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    draw_row_t d;
    e = get_visible(db, a, who, id, &d);
    if (!e && strcmp(d.state, "planned") == 0)
        e = err_new(a, ERR_CONFLICT, "state", "尚未提交种子哈希，不能揭示种子", "the seed hash is not committed yet");
    if (!e && strcmp(d.state, "drawn") == 0)
        e = err_new(a, ERR_CONFLICT, "state", "该抽查已揭示种子并完成抽取", "this draw is already revealed");
    if (!e && !seed) {
        seed = d.seed;
        if (!seed)
            e = err_new(a, ERR_INVALID, "seed", "种子由督导室自行保管，请提交种子",
                        "the office keeps this seed: give it");
    }
    if (!e && !draws_seed_matches(seed, d.seed_hash))
        e = err_new(a, ERR_INVALID, "seed", "种子与已公布的哈希不符，拒绝揭示",
                    "the seed does not match the published hash");
    unsigned char sb[DRAWS_SEED_LEN];
    if (!e) {
        draws_seed_parse(seed, sb);
        char *lower = arena_alloc(a, 65);
        hash_hex(sb, sizeof sb, lower);
        json_t *snap = jparse(d.snapshot);
        json_t *res = run_draw(a, sb, snap);
        json_decref(snap);
        bool is_done = false;
        e = draws_store_reveal(db, a, id, lower, jdump(a, res), time_now(), &is_done);
        json_decref(res);
        if (!e && !is_done) e = err_new(a, ERR_CONFLICT, "state", "该抽查状态已变化", "the draw changed meanwhile");
    }
    if (!e) e = get_visible(db, a, who, id, &d);
    if (!e) {
        *out = plan_json(a, db, &d, false);
        json_t *after = json_pack("{s:s, s:O}", "seed", d.seed, "result", json_object_get(*out, "result"));
        e = svc_audit(db, a, who, "reveal", "draw_plan", svc_id_text(a, id), d.region_code, NULL, after);
        json_decref(after);
        if (e) json_decref(*out);
    }
    return svc_end(db, a, e);
}

/* ---------------------------------------------------------------- replacements */

static bool arr_has(const json_t *arr, int64_t v) {
    size_t i;
    json_t *x;
    json_array_foreach(arr, i, x) if (json_integer_value(x) == v) return true;
    return false;
}

static bool target_has(const json_t *targets, int64_t v) {
    size_t i;
    json_t *x;
    json_array_foreach(targets, i, x) if (json_integer_value(json_object_get(x, "id")) == v) return true;
    return false;
}

static err_t *replace_in(arena_t *a, const unsigned char *seed, json_t *res, const json_t *snap, const char *kind,
                         int64_t school_id, int64_t old_id, int64_t *new_id) {
    json_t *targets = json_object_get(res, "targets");
    if (strcmp(kind, "inspector") == 0) {
        json_t *t = NULL, *x;
        size_t i;
        json_array_foreach(targets, i, x) if (json_integer_value(json_object_get(x, "id")) == school_id) t = x;
        if (!t) return err_new(a, ERR_INVALID, "school_id", "该校不在抽取结果中", "the school is not in the result");
        json_t *chosen = json_object_get(t, "inspectors");
        size_t pos = (size_t)-1;
        json_array_foreach(chosen, i, x) if (json_integer_value(x) == old_id) pos = i;
        if (pos == (size_t)-1)
            return err_new(a, ERR_INVALID, "old_id", "该督学未被抽派到该校",
                           "the inspector was not drawn for the school");
        if (!*new_id) {
            json_t *ir = json_object_get(t, "inspector_ranking");
            json_array_foreach(ir, i, x) if (!arr_has(chosen, json_integer_value(x))) {
                *new_id = json_integer_value(x);
                break;
            }
            if (!*new_id) return err_new(a, ERR_INVALID, "new_id", "没有可替补的督学", "no inspector left to replace");
        } else {
            if (!arr_has(json_object_get(snap, "inspectors"), *new_id) || arr_has(chosen, *new_id))
                return err_new(a, ERR_INVALID, "new_id", "替补督学不在名录库或已被抽派",
                               "the substitute is not in the pool or already drawn");
            if (is_excluded(json_object_get(snap, "excluded"), *new_id, school_id))
                return err_new(a, ERR_INVALID, "new_id", "替补督学须回避该校",
                               "the substitute must recuse from the school");
        }
        json_array_set_new(chosen, pos, json_integer(*new_id));
        return NULL;
    }
    size_t pos = (size_t)-1, i;
    json_t *x;
    json_array_foreach(targets, i, x) if (json_integer_value(json_object_get(x, "id")) == old_id) pos = i;
    if (pos == (size_t)-1)
        return err_new(a, ERR_INVALID, "old_id", "该对象不在抽取结果中", "the target is not in the result");
    json_t *ranking = json_object_get(res, "ranking");
    /* a stratified draw replaces within the stratum: the share of each class stays as set */
    const json_t *cands = json_object_get(snap, "candidates");
    bool is_stratified = json_object_get(snap, "strata") != NULL;
    const char *old_class = cand_risk(cands, old_id);
    if (!*new_id) {
        json_array_foreach(ranking, i,
                           x) if (!target_has(targets, json_integer_value(x)) &&
                                  (!is_stratified || strcmp(cand_risk(cands, json_integer_value(x)), old_class) == 0)) {
            *new_id = json_integer_value(x);
            break;
        }
        if (!*new_id) return err_new(a, ERR_INVALID, "new_id", "名录库中已无可替补对象", "no target left to replace");
    } else if (!arr_has(ranking, *new_id) || target_has(targets, *new_id)) {
        return err_new(a, ERR_INVALID, "new_id", "替补对象不在名录库或已被抽中",
                       "the substitute is not in the pool or already drawn");
    } else if (is_stratified && strcmp(cand_risk(cands, *new_id), old_class) != 0) {
        return err_new(a, ERR_INVALID, "new_id", "分层抽取的替补对象须与被替换对象同一风险类别",
                       "in a stratified draw the substitute must be of the same risk class");
    }
    json_t *t = json_array_get(targets, pos);
    json_object_set_new(t, "id", json_integer(*new_id));
    json_object_set_new(t, "replaces", json_integer(old_id));
    /* the new school's inspectors are drawn for it from the same seed stream (its own label),
     * so 回避 holds for it and anyone can re-run the replacement */
    if (json_integer_value(json_object_get(snap, "m")) > 0) send_inspectors(a, seed, snap, *new_id, t);
    return NULL;
}

err_t *draws_svc_replace(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const char *kind, int64_t school_id,
                         int64_t old_id, int64_t new_id, const char *reason, json_t **out) {
    if (!kind ||
        (strcmp(kind, "school") && strcmp(kind, "unit") && strcmp(kind, "inspector") && strcmp(kind, "finding")))
        return err_new(a, ERR_INVALID, "kind", "kind 应为 school、unit、inspector 或 finding",
                       "kind must be school, unit, inspector or finding");
    if (!reason || !*reason)
        return err_new(a, ERR_INVALID, "reason", "替换须写明理由", "a replacement needs its reason");
    if (old_id <= 0) return err_new(a, ERR_INVALID, "old_id", "请给出被替换的对象", "old_id is required");
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    draw_row_t d;
    e = get_visible(db, a, who, id, &d);
    if (!e && strcmp(d.state, "drawn") != 0)
        e = err_new(a, ERR_CONFLICT, "state", "抽取完成后才能替换", "replacements come after the draw");
    json_t *res = NULL, *snap = NULL;
    if (!e) {
        res = jparse(d.result);
        snap = jparse(d.snapshot);
        unsigned char sb[DRAWS_SEED_LEN];
        draws_seed_parse(d.seed, sb);
        e = replace_in(a, sb, res, snap, kind, school_id, old_id, &new_id);
    }
    if (!e) {
        draw_replacement_t x = {
            .plan_id = id, .kind = kind, .school_id = school_id, .old_id = old_id, .new_id = new_id, .reason = reason};
        e = draws_store_replacement_insert(db, a, &x, who->user_id, time_now());
    }
    if (!e) e = draws_store_set_result(db, a, id, jdump(a, res));
    json_decref(res);
    json_decref(snap);
    if (!e) e = get_visible(db, a, who, id, &d);
    if (!e) {
        *out = plan_json(a, db, &d, false);
        json_t *after = json_pack("{s:s, s:I, s:I, s:I, s:s}", "kind", kind, "school_id", (json_int_t)school_id,
                                  "old_id", (json_int_t)old_id, "new_id", (json_int_t)new_id, "reason", reason);
        e = svc_audit(db, a, who, "replace", "draw_plan", svc_id_text(a, id), d.region_code, NULL, after);
        json_decref(after);
        if (e) json_decref(*out);
    }
    return svc_end(db, a, e);
}

/* ---------------------------------------------------------------- 回头看 */

err_t *draws_svc_followup_candidates(svc_t *s, arena_t *a, const actor_t *who, const char *region_code,
                                     const char *from, const char *to, const char *severity, json_t **out) {
    int64_t f = 0, t = 0;
    if (from && !time_parse_date(from, &f))
        return err_new(a, ERR_INVALID, "closed_from", "日期格式应为 YYYY-MM-DD", "date must be YYYY-MM-DD");
    if (to && !time_parse_date(to, &t))
        return err_new(a, ERR_INVALID, "closed_to", "日期格式应为 YYYY-MM-DD", "date must be YYYY-MM-DD");
    /* dates are Asia/Shanghai days: midnight there is 16:00 UTC the day before */
    if (f) f -= 8 * 3600;
    if (t) t += 16 * 3600;
    db_t *db;
    region_t reg;
    err_t *e = svc_db(s, a, &db);
    if (!e) e = region_of(db, a, who, region_code, &reg);
    draw_closed_finding_t *rows = NULL;
    size_t n = 0;
    if (!e) e = draws_store_closed_findings(db, a, reg.path, f, t, severity, &rows, &n);
    if (e) return e;
    json_t *items = json_array(), *ids = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(items, json_pack("{s:I, s:I, s:s, s:s, s:s, s:o}", "id", (json_int_t)rows[i].id,
                                               "school_id", (json_int_t)rows[i].school_id, "school_name",
                                               rows[i].school_name, "severity", rows[i].severity, "description",
                                               rows[i].description, "closed_at", svc_jtime(rows[i].closed_at)));
        json_array_append_new(ids, json_integer(rows[i].id));
    }
    *out = json_pack("{s:o, s:o, s:I}", "items", items, "ids", ids, "total", (json_int_t)n);
    return NULL;
}

static err_t *drawn_followup(arena_t *a, const draw_row_t *d) {
    if (strcmp(d->kind, "followup") != 0)
        return err_new(a, ERR_INVALID, "id", "该抽查不是回头看", "this draw is not a 回头看 round");
    if (strcmp(d->state, "drawn") != 0)
        return err_new(a, ERR_CONFLICT, "state", "抽取完成后才能安排回头看", "draw first");
    return NULL;
}

/* Records task_id on the targets of school_id that have none, in one transaction. */
static err_t *record_task(svc_t *s, arena_t *a, const actor_t *who, int64_t id, int64_t school_id, int64_t task_id) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    draw_row_t d;
    e = get_visible(db, a, who, id, &d);
    json_t *res = e ? NULL : jparse(d.result);
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(res, "targets"), i, t) {
        if (json_integer_value(json_object_get(t, "school_id")) == school_id && !json_object_get(t, "task_id"))
            json_object_set_new(t, "task_id", json_integer(task_id));
    }
    if (!e) e = draws_store_set_result(db, a, id, jdump(a, res));
    if (!e) {
        json_t *after = json_pack("{s:I, s:I}", "school_id", (json_int_t)school_id, "task_id", (json_int_t)task_id);
        e = svc_audit(db, a, who, "followup_task", "draw_plan", svc_id_text(a, id), d.region_code, NULL, after);
        json_decref(after);
    }
    json_decref(res);
    return svc_end(db, a, e);
}

err_t *draws_svc_followup_tasks(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const int64_t *inspector_ids,
                                size_t n_inspectors, const char *starts_on, const char *due_on, json_t **out) {
    if (!n_inspectors)
        return err_new(a, ERR_INVALID, "inspector_ids", "请指定回头看督学（第一位为组长）",
                       "give the inspectors (the first leads)");
    db_t *db;
    draw_row_t d;
    err_t *e = svc_db(s, a, &db);
    if (!e) e = get_visible(db, a, who, id, &d);
    if (!e) e = drawn_followup(a, &d);
    if (e) return e;
    json_t *res = jparse(d.result);
    json_t *targets = json_object_get(res, "targets");
    task_member_in_t *members = arena_alloc(a, n_inspectors * sizeof *members);
    for (size_t i = 0; i < n_inspectors; i++)
        members[i] = (task_member_in_t){inspector_ids[i], i ? "member" : "leader"};
    for (size_t i = 0; !e && i < json_array_size(targets); i++) {
        json_t *t = json_array_get(targets, i);
        if (json_object_get(t, "task_id")) continue;
        int64_t sid = json_integer_value(json_object_get(t, "school_id"));
        bool is_done = false;
        for (size_t j = 0; j < i; j++)
            if (json_integer_value(json_object_get(json_array_get(targets, j), "school_id")) == sid) is_done = true;
        if (is_done || sid <= 0) continue;
        task_input_t in = {.kind = "followup",
                           .title = arena_printf(a, "回头看：%s", d.title),
                           .notice_mode = "unannounced",
                           .starts_on = starts_on,
                           .due_on = due_on,
                           .description = "随机抽取的已销号问题复查（四不两直）",
                           .members = members,
                           .n_members = n_inspectors,
                           .school_ids = &sid,
                           .n_schools = 1};
        task_t task;
        e = task_svc_create(s, a, who, &in, &task);
        if (!e) e = record_task(s, a, who, id, sid, task.id);
    }
    json_decref(res);
    if (e) return e;
    return draws_svc_get(s, a, who, id, out);
}

err_t *draws_svc_recheck(svc_t *s, arena_t *a, const actor_t *who, int64_t id, int64_t finding_id, const char *outcome,
                         const char *note, json_t **out) {
    bool is_reopen = outcome && strcmp(outcome, "reopened") == 0;
    if (!is_reopen && !(outcome && strcmp(outcome, "confirmed") == 0))
        return err_new(a, ERR_INVALID, "outcome", "复查结论应为 confirmed（整改到位）或 reopened（重新整改）",
                       "outcome must be confirmed or reopened");
    if (is_reopen && (!note || !*note))
        return err_new(a, ERR_INVALID, "note", "重新整改须写明复查发现的问题", "a reopening needs what was found");
    /* an inspector re-checks only for a task it is on (the visits capability's task scope) */
    if (who->role == ROLE_INSPECTOR) {
        json_t *plan = NULL;
        err_t *pe = draws_svc_get(s, a, who, id, &plan);
        int64_t task_id = 0;
        size_t k;
        json_t *x;
        if (!pe) json_array_foreach(json_object_get(json_object_get(plan, "result"), "targets"), k, x) {
                if (json_integer_value(json_object_get(x, "id")) == finding_id)
                    task_id = json_integer_value(json_object_get(x, "task_id"));
            }
        json_decref(plan);
        task_t task;
        if (!pe && task_id > 0) pe = task_svc_get(s, a, who, task_id, &task);
        if (pe) return pe;
    }
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    draw_row_t d;
    e = get_visible(db, a, who, id, &d);
    if (!e) e = drawn_followup(a, &d);
    json_t *res = e ? NULL : jparse(d.result), *target = NULL;
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(res, "targets"), i, t) {
        if (json_integer_value(json_object_get(t, "id")) == finding_id) target = t;
    }
    if (!e && !target)
        e = err_new(a, ERR_INVALID, "finding_id", "该问题不在本轮回头看抽取结果中",
                    "the finding was not drawn in this round");
    if (!e && !json_object_get(target, "task_id"))
        e = err_new(a, ERR_CONFLICT, "state", "请先生成回头看任务", "create the 回头看 tasks first");
    if (!e && json_object_get(target, "outcome"))
        e = err_new(a, ERR_CONFLICT, "finding_id", "该问题已复查", "this finding is already re-checked");
    if (!e && is_reopen) {
        finding_input_t fin = {.reason = note};
        finding_t f;
        e = finding_svc_act_tx(db, a, who, finding_id, FA_REOPEN, &fin, &f);
    }
    if (!e) {
        json_object_set_new(target, "outcome", json_string(outcome));
        json_object_set_new(target, "outcome_label", json_string(is_reopen ? "重新整改" : "整改到位"));
        json_object_set_new(target, "note", svc_jstr(note));
        json_object_set_new(target, "checked_at", svc_jtime(time_now()));
        e = draws_store_set_result(db, a, id, jdump(a, res));
    }
    if (!e) {
        json_t *after = json_pack("{s:I, s:s, s:o}", "finding_id", (json_int_t)finding_id, "outcome", outcome, "note",
                                  svc_jstr(note));
        e = svc_audit(db, a, who, "recheck", "draw_plan", svc_id_text(a, id), d.region_code, NULL, after);
        json_decref(after);
    }
    json_decref(res);
    e = svc_end(db, a, e);
    if (e) return e;
    return draws_svc_get(s, a, who, id, out);
}

/* ---------------------------------------------------------------- settings */

err_t *draws_svc_settings(svc_t *s, arena_t *a, const actor_t *who, const char *region_code, json_t **out) {
    db_t *db;
    region_t reg;
    draws_risk_thresholds_t t;
    int64_t own = 1;
    err_t *e = svc_db(s, a, &db);
    if (!e) e = region_of(db, a, who, region_code, &reg);
    if (!e) e = risk_thresholds(db, a, reg.code, &t);
    if (!e) e = draws_store_setting(db, a, reg.code, "draws.exclude_own", &own);
    if (e) return e;
    *out = json_pack("{s:s, s:b, s:{s:I, s:I, s:I, s:I, s:I}}", "region_code", reg.code, "exclude_own", own != 0,
                     "thresholds", "key_overdue", (json_int_t)t.key_overdue, "key_recurrent",
                     (json_int_t)t.key_recurrent, "key_complaints", (json_int_t)t.key_complaints, "key_open",
                     (json_int_t)t.key_open, "key_balance", (json_int_t)t.key_balance);
    return NULL;
}

err_t *draws_svc_setting_put(svc_t *s, arena_t *a, const actor_t *who, const char *region_code, const char *name,
                             int64_t value) {
    static const char *const risk_names[] = {"draws.risk.key_overdue",    "draws.risk.key_recurrent",
                                             "draws.risk.key_complaints", "draws.risk.key_open",
                                             "draws.risk.key_balance",    NULL};
    bool is_own = name && strcmp(name, "draws.exclude_own") == 0, is_risk = false;
    for (int i = 0; name && risk_names[i]; i++)
        if (strcmp(name, risk_names[i]) == 0) is_risk = true;
    if (!is_own && !is_risk)
        return err_new(
            a, ERR_INVALID, "name",
            "设置项应为 draws.exclude_own 或 draws.risk.key_overdue / key_recurrent / key_complaints / key_open / "
            "key_balance",
            "name must be draws.exclude_own or draws.risk.key_overdue / key_recurrent / key_complaints / key_open / "
            "key_balance");
    if (is_own ? (value != 0 && value != 1) : (value < 1 || value > 1000))
        return err_new(a, ERR_INVALID, "value", "取值超出范围（回避本人挂牌学校 0 或 1，阈值 1–1000）",
                       "value out of range (exclude_own 0 or 1, thresholds 1–1000)");
    db_t *db;
    region_t reg;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    e = region_of(db, a, who, region_code, &reg);
    if (!e) e = setting_store_set(db, a, reg.code, name, arena_printf(a, "%lld", (long long)value));
    if (!e) {
        json_t *after = json_pack("{s:s, s:I}", "name", name, "value", (json_int_t)value);
        e = svc_audit(db, a, who, "update", "setting", name, reg.code, NULL, after);
        json_decref(after);
    }
    return svc_end(db, a, e);
}
