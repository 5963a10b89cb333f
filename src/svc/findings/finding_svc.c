#include "svc/findings/finding_svc.h"

#include <inttypes.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc_no.h"
#include "core/visits/geo.h"
#include "docs/official_doc.h"
#include "docs/xlsx_out.h"
#include "store/findings/complaint_store.h"
#include "store/findings/finding_stats_store.h"
#include "store/platform/doc_counter_store.h"
#include "store/platform/region_store.h"
#include "store/platform/setting_store.h"
#include "store/platform/user_store.h"
#include "store/roster/school_store.h"
#include "store/units/unit_store.h"
#include "svc/findings/accountability_case_svc.h"
#include "svc/findings/accountability_svc.h"
#include "svc/platform/attachment_svc.h"
#include "util/hash.h"
#include "util/timeutil.h"

const char *finding_today(arena_t *a) {
    char today[16];
    time_today_cn(today, sizeof today);
    return arena_strdup(a, today);
}

/* One writer of a finding's fields (finding_write_json); the jansson form for the callers that
 * add to it is read back from those bytes, so the two can never differ. */
json_t *finding_to_json(const finding_t *f) {
    return SVC_JSON_OF(finding_write_json, f);
}

/* A finding's JSON fields in order, declared once: the list, the page and every jansson form
 * (finding_to_json) are written from this table. */
typedef enum { FW_STR, FW_INT, FW_ID, FW_BOOL, FW_TIME, FW_ESCALATION } finding_wtype_t;
static const struct {
    const char *key;
    finding_wtype_t type;
    size_t offset;
} finding_fields[] = {
    {"id", FW_INT, offsetof(finding_t, id)},
    {"verify_due", FW_STR, offsetof(finding_t, verify_due)},
    {"is_verify_overdue", FW_BOOL, offsetof(finding_t, is_verify_overdue)},
    {"region_code", FW_STR, offsetof(finding_t, region_code)},
    {"region_name", FW_STR, offsetof(finding_t, region_name)},
    {"county_code", FW_STR, offsetof(finding_t, county_code)},
    {"county_name", FW_STR, offsetof(finding_t, county_name)},
    {"school_id", FW_ID, offsetof(finding_t, school_id)},
    {"unit_id", FW_ID, offsetof(finding_t, unit_id)},
    {"school_name", FW_STR, offsetof(finding_t, school_name)},
    {"school_code", FW_STR, offsetof(finding_t, school_code)},
    {"source", FW_STR, offsetof(finding_t, source)},
    {"task_id", FW_ID, offsetof(finding_t, task_id)},
    {"visit_id", FW_ID, offsetof(finding_t, visit_id)},
    {"indicator_code", FW_STR, offsetof(finding_t, indicator_code)},
    {"indicator_text", FW_STR, offsetof(finding_t, indicator_text)},
    {"framework_code", FW_STR, offsetof(finding_t, framework_code)},
    {"category", FW_STR, offsetof(finding_t, category)},
    {"severity", FW_STR, offsetof(finding_t, severity)},
    {"description", FW_STR, offsetof(finding_t, description)},
    {"requirement", FW_STR, offsetof(finding_t, requirement)},
    {"responsible_unit", FW_STR, offsetof(finding_t, responsible_unit)},
    {"responsible_person", FW_STR, offsetof(finding_t, responsible_person)},
    {"deadline", FW_STR, offsetof(finding_t, deadline)},
    {"original_deadline", FW_STR, offsetof(finding_t, original_deadline)},
    {"state", FW_STR, offsetof(finding_t, state)},
    {"notice_no", FW_STR, offsetof(finding_t, notice_no)},
    {"issued_at", FW_TIME, offsetof(finding_t, issued_at)},
    {"submitted_at", FW_TIME, offsetof(finding_t, submitted_at)},
    {"closed_at", FW_TIME, offsetof(finding_t, closed_at)},
    {"void_reason", FW_STR, offsetof(finding_t, void_reason)},
    {"n_returns", FW_INT, offsetof(finding_t, n_returns)},
    {"n_reopens", FW_INT, offsetof(finding_t, n_reopens)},
    {"is_overdue", FW_BOOL, offsetof(finding_t, is_overdue)},
    {"was_overdue", FW_BOOL, offsetof(finding_t, was_overdue)},
    {"escalation", FW_ESCALATION, offsetof(finding_t, escalation_level)},
    {"accountability_flag", FW_STR, offsetof(finding_t, accountability_flag)},
    {"recurrence_flag", FW_STR, offsetof(finding_t, recurrence_flag)},
    {"complaint_id", FW_ID, offsetof(finding_t, complaint_id)},
    {"is_reinspected", FW_BOOL, offsetof(finding_t, is_reinspected)},
    {"order_no", FW_STR, offsetof(finding_t, order_no)},
    {"order_id", FW_ID, offsetof(finding_t, order_id)},
    {"has_pending_extension", FW_BOOL, offsetof(finding_t, has_pending_extension)},
    {"inspector_name", FW_STR, offsetof(finding_t, inspector_name)},
    {"created_by_name", FW_STR, offsetof(finding_t, created_by_name)},
    {"created_at", FW_TIME, offsetof(finding_t, created_at)},
    {"updated_at", FW_TIME, offsetof(finding_t, updated_at)},
};

void finding_write_json(jw_t *w, const finding_t *f) {
    const char *base = (const char *)f;
    jw_obj(w);
    for (size_t k = 0; k < sizeof finding_fields / sizeof finding_fields[0]; k++) {
        const void *p = base + finding_fields[k].offset;
        jw_key(w, finding_fields[k].key);
        switch (finding_fields[k].type) {
        case FW_STR:
            jw_str(w, *(const char *const *)p);
            break;
        case FW_INT:
            jw_int(w, *(const int64_t *)p);
            break;
        case FW_ID:
            jw_id(w, *(const int64_t *)p);
            break;
        case FW_BOOL:
            jw_bool(w, *(const bool *)p);
            break;
        case FW_TIME:
            jw_time(w, *(const int64_t *)p);
            break;
        case FW_ESCALATION:
            jw_str(w, finding_escalation_name((finding_escalation_t)f->escalation_level));
            break;
        }
    }
    jw_obj_end(w);
}

err_t *finding_rules_for(db_t *db, arena_t *a, const char *region_code, finding_rules_t *out) {
    finding_rules_defaults(out);
    db_rows_t r;
    err_t *e = finding_store_settings(db, a, region_code, &r);
    for (size_t i = 0; !e && i < r.n_rows; i++)
        (void)finding_rules_apply(out, db_cell(&r, i, 0), (int)strtol(db_cell(&r, i, 1), NULL, 10));
    return e;
}

json_t *finding_rules_to_json(const finding_rules_t *r) {
    return json_pack("{s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i}",
                     "finding.days.general", r->days[SEV_GENERAL], "finding.days.serious", r->days[SEV_SERIOUS],
                     "finding.days.severe", r->days[SEV_SEVERE], "finding.days.red_line", r->days[SEV_RED_LINE],
                     "finding.remind_days", r->remind_days, "finding.order_after_days", r->order_after_days,
                     "finding.interview_after_days", r->interview_after_days, "finding.returns_for_accountability",
                     r->returns_for_accountability, "finding.overdue_for_accountability", r->overdue_for_accountability,
                     "finding.recurrence_window_days", r->recurrence_window_days, "finding.recurrence_county_schools",
                     r->recurrence_county_schools, "finding.reinspect_sample_percent", r->reinspect_sample_percent,
                     "finding.close_review", r->close_review, "finding.verify_days", r->verify_days,
                     "finding.close_onsite", r->close_onsite);
}

/* The 核查 clock of findings in verification (submitted, review): the deadline from the county's
 * finding.verify_days since the report came in (submitted_at; a send-back restarts it) and
 * whether it has passed (or the daily job marked it). Rules are read once per region. */
static err_t *finding_fill_verify(db_t *db, arena_t *a, finding_t *fs, size_t n, const char *today) {
    const char *last_region = NULL;
    finding_rules_t rules;
    for (size_t i = 0; i < n; i++) {
        finding_t *f = &fs[i];
        int st = finding_state_parse(f->state);
        if ((st != FS_SUBMITTED && st != FS_REVIEW) || !f->submitted_at) continue;
        if (!last_region || strcmp(last_region, f->region_code) != 0) {
            err_t *e = finding_rules_for(db, a, f->region_code, &rules);
            if (e) return e;
            last_region = f->region_code;
        }
        char since[16], due[16];
        finding_days_to_date((int)((f->submitted_at + 8 * 3600) / 86400), since, sizeof since);
        if (!finding_verify_due(&rules, since, due, sizeof due)) continue;
        f->verify_due = arena_strdup(a, due);
        f->is_verify_overdue = f->verify_overdue_on != NULL || strcmp(today, due) > 0;
    }
    return NULL;
}

const char *finding_actor_display(db_t *db, arena_t *a, const actor_t *who) {
    if (!who) return "系统";
    if (!who->user_id) return who->username ? who->username : "系统";
    user_t u;
    if (user_store_get(db, a, "/", who->user_id, &u)) return who->username ? who->username : "";
    return u.display_name;
}

static json_t *finding_audit_json(const finding_t *f) {
    return json_pack("{s:s, s:o, s:o, s:o, s:I, s:o}", "state", f->state, "deadline", svc_jstr(f->deadline), "severity",
                     svc_jstr(f->severity), "notice_no", svc_jstr(f->notice_no), "n_returns", (json_int_t)f->n_returns,
                     "accountability_flag", svc_jstr(f->accountability_flag));
}

/* The region filter must lie in the caller's scope (else 404); a town is compared by equality. */
static err_t *finding_region_filter(db_t *db, arena_t *a, const actor_t *who, finding_filter_t *f) {
    if (!f->region_code) return NULL;
    region_t reg;
    err_t *e = region_store_get(db, a, who->region_path, f->region_code, &reg);
    if (!e) f->is_region_town = strcmp(reg.level, "town") == 0;
    return e;
}

err_t *finding_svc_list(svc_t *s, arena_t *a, const actor_t *who, finding_filter_t *f, finding_t **out, size_t *n,
                        int64_t *total, int64_t counts[8]) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    if ((e = finding_region_filter(db, a, who, f))) return e;
    if (!f->today) f->today = finding_today(a);
    scope_t sc = scope_of(who);
    if ((e = finding_store_list(db, a, &sc, f, out, n, total, counts))) return e;
    return finding_fill_verify(db, a, *out, *n, f->today);
}

/* The actions the caller may take now, for the page's buttons (the input checks are left to
 * the attempt: a button is shown when role and state allow it). */
static json_t *finding_allowed(const finding_t *f, const finding_actor_ctx_t *ctx) {
    json_t *arr = json_array();
    int st = finding_state_parse(f->state);
    if (st < 0) return arr;
    for (int act = 0; act < FA__COUNT; act++) {
        finding_action_input_t in = {.reason = "x",
                                     .deadline = "9999-12-31",
                                     .current_deadline = f->deadline,
                                     .has_pending_extension = act == FA_DECIDE_EXTENSION ? f->has_pending_extension
                                                                                         : f->has_pending_extension,
                                     .is_approval = true};
        if (finding_check((finding_state_t)st, (finding_action_t)act, ctx, &in, NULL) == FR_OK)
            json_array_append_new(arr, json_string(finding_action_name((finding_action_t)act)));
    }
    return arr;
}

static err_t *finding_ctx(db_t *db, arena_t *a, const actor_t *who, const finding_t *f, finding_actor_ctx_t *ctx) {
    *ctx = (finding_actor_ctx_t){.role = who->role};
    if (who->role == ROLE_SCHOOL) ctx->is_own_school = f->school_id && who->school_id == f->school_id;
    if (who->role == ROLE_UNIT) ctx->is_own_school = f->unit_id && who->unit_id == f->unit_id;
    err_t *e = NULL;
    if (who->role == ROLE_INSPECTOR && f->school_id)
        e = finding_store_is_holder(db, a, who->user_id, f->school_id, &ctx->is_holder);
    /* a member of the finding's task team acts on it as the holder does */
    if (!e && who->role == ROLE_INSPECTOR && !ctx->is_holder && f->task_id > 0)
        e = finding_store_is_team_member(db, a, who->user_id, f->task_id, &ctx->is_holder);
    return e;
}

static json_t *finding_event_json(const finding_event_t *ev) {
    json_t *j = json_pack("{s:I, s:s, s:o, s:o, s:s, s:o, s:o, s:o}", "id", (json_int_t)ev->id, "kind", ev->kind,
                          "from_state", svc_jstr(ev->from_state), "to_state", svc_jstr(ev->to_state), "actor_name",
                          ev->actor_name ? ev->actor_name : "", "actor_role", svc_jstr(ev->actor_role), "note",
                          svc_jstr(ev->note), "at", svc_jtime(ev->at));
    json_t *data = ev->data_json ? json_loads(ev->data_json, 0, NULL) : NULL;
    json_object_set_new(j, "data", data ? data : json_object());
    return j;
}

err_t *finding_svc_get(svc_t *s, arena_t *a, const actor_t *who, int64_t id, finding_t *out, json_t **extra) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    scope_t sc = scope_of(who);
    if ((e = finding_store_get(db, a, &sc, finding_today(a), id, out))) return e;
    if ((e = finding_fill_verify(db, a, out, 1, finding_today(a)))) return e;
    finding_event_t *evs;
    size_t n;
    if ((e = finding_store_events(db, a, id, &evs, &n))) return e;
    json_t *j = json_object();
    json_t *events = json_array();
    for (size_t i = 0; i < n; i++) {
        /* a school does not see the office's internal drafting history */
        if ((who->role == ROLE_SCHOOL || who->role == ROLE_UNIT) &&
            (strcmp(evs[i].kind, "created") == 0 || strcmp(evs[i].kind, "edited") == 0))
            continue;
        json_array_append_new(events, finding_event_json(&evs[i]));
    }
    json_object_set_new(j, "events", events);
    attachment_t *xs;
    size_t n_xs;
    /* the finding is in scope: all its files, as the reader may see them */
    scope_t all = SCOPE_ALL;
    if ((e = attachment_store_list_owner(db, a, &all, "finding", id, &xs, &n_xs))) {
        json_decref(j);
        return e;
    }
    json_t *atts = attachment_list_json(who, xs, n_xs);
    json_object_set_new(j, "attachments", atts);
    finding_extension_t x;
    bool has_x = false;
    if (!(e = finding_store_pending_extension(db, a, id, &x, &has_x)) && has_x)
        json_object_set_new(j, "pending_extension",
                            json_pack("{s:I, s:s, s:s, s:o}", "id", (json_int_t)x.id, "requested_deadline",
                                      x.requested_deadline, "reason", x.reason, "requested_at",
                                      svc_jtime(x.requested_at)));
    finding_actor_ctx_t ctx;
    if (!e) e = finding_ctx(db, a, who, out, &ctx);
    if (e) {
        json_decref(j);
        return e;
    }
    json_object_set_new(j, "actions", finding_allowed(out, &ctx));
    /* whether a 销号 must carry a 现场复核 (finding.close_onsite), for the closing form */
    finding_rules_t rules;
    int sev = finding_severity_parse(out->severity);
    if ((e = finding_rules_for(db, a, out->region_code, &rules))) {
        json_decref(j);
        return e;
    }
    json_object_set_new(j, "close_needs_onsite",
                        json_boolean(sev >= 0 && finding_close_needs_onsite(&rules, (finding_severity_t)sev)));
    *extra = j;
    return NULL;
}

static bool str_blank(const char *s) {
    if (!s) return true;
    for (; *s; s++)
        if (*s != ' ' && *s != '\n' && *s != '\t' && *s != '\r') return false;
    return true;
}

static err_t *finding_check_text(arena_t *a, const char *field, const char *v, size_t max, bool is_required) {
    if (is_required && str_blank(v))
        return err_newf(a, ERR_INVALID, field, "请填写 %s", "%s is required", field, field);
    if (v && strlen(v) > max)
        return err_newf(a, ERR_INVALID, field, "%s 过长（最多 %zu 字节）", "%s is too long (at most %zu bytes)", field,
                        max, field, max);
    return NULL;
}

/* at: the time the change itself is stamped with, so a finding's issued_at, closed_at ... and
 * the event that records it carry the same second. */
static err_t *finding_add_event(db_t *db, arena_t *a, const actor_t *who, const char *actor_name, int64_t finding_id,
                                const char *kind, const char *from, const char *to, const char *note, json_t *data,
                                int64_t at) {
    char *text = data ? json_dumps(data, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    finding_event_t ev = {
        .finding_id = finding_id,
        .kind = kind,
        .from_state = from,
        .to_state = to,
        .actor_id = who ? who->user_id : 0,
        .actor_name = actor_name,
        .actor_role = who && who->user_id ? role_name(who->role) : "system",
        .note = note,
        .data_json = text ? arena_strdup(a, text) : NULL,
        .at = at,
    };
    free(text);
    json_decref(data);
    return finding_store_add_event(db, a, &ev);
}

err_t *finding_svc_create_tx(db_t *db, arena_t *a, const actor_t *who, const finding_input_t *in, finding_t *out) {
    err_t *e;
    if ((e = finding_check_text(a, "description", in->description, 4000, true)) ||
        (e = finding_check_text(a, "requirement", in->requirement, 4000, false)) ||
        (e = finding_check_text(a, "category", in->category, 100, false)) ||
        (e = finding_check_text(a, "indicator_text", in->indicator_text, 1000, false)) ||
        (e = finding_check_text(a, "responsible_unit", in->responsible_unit, 200, false)) ||
        (e = finding_check_text(a, "responsible_person", in->responsible_person, 100, false)))
        return e;
    const char *sev = in->severity ? in->severity : "general";
    if (finding_severity_parse(sev) < 0)
        return err_new(a, ERR_INVALID, "severity", "严重程度应为 general/serious/severe/red_line",
                       "severity must be general, serious, severe or red_line");
    if (in->deadline && !time_is_date(in->deadline))
        return err_new(a, ERR_INVALID, "deadline", "期限应为 YYYY-MM-DD", "deadline must be YYYY-MM-DD");
    finding_t f = {.source = in->source ? in->source : "manual",
                   .severity = sev,
                   .description = in->description,
                   .requirement = in->requirement,
                   .category = in->category,
                   .indicator_code = in->indicator_code,
                   .indicator_text = in->indicator_text,
                   .responsible_unit = in->responsible_unit,
                   .responsible_person = in->responsible_person,
                   .deadline = in->deadline,
                   .state = "draft",
                   .created_by = who ? who->user_id : 0,
                   .complaint_id = in->complaint_id};
    if (in->unit_id > 0 && in->school_id > 0)
        return err_new(a, ERR_INVALID, "unit_id", "问题的对象是一所学校或一个被督导单位，不能两者兼有",
                       "a finding targets a school or a unit, not both");
    if (in->unit_id > 0) {
        unit_t unit;
        scope_t sc = scope_region(who ? who->region_path : "/");
        if ((e = unit_store_get(db, a, &sc, in->unit_id, &unit))) return e;
        if (strcmp(unit.status, "active") != 0)
            return err_new(a, ERR_INVALID, "unit_id", "该单位已撤销", "the unit is closed");
        f.unit_id = unit.id;
        f.region_code = unit.region_code;
        f.county_code = unit.county_code;
        if (!f.responsible_unit) f.responsible_unit = unit.name;
    } else if (in->school_id > 0) {
        school_t sch;
        scope_t sc = scope_region(who ? who->region_path : "/");
        if (who && who->role == ROLE_INSPECTOR) sc.inspector_user_id = who->user_id;
        if ((e = school_store_get(db, a, &sc, in->school_id, &sch))) return e;
        f.school_id = sch.id;
        f.region_code = sch.region_code;
        if (!f.responsible_unit) f.responsible_unit = sch.name;
        if (!f.responsible_person) f.responsible_person = sch.principal;
    } else {
        if (!in->region_code)
            return err_new(a, ERR_INVALID, "school_id", "请指定学校，或对政府督导指定区划",
                           "give a school, or a region for a government finding");
        region_t reg;
        if ((e = region_store_get(db, a, who ? who->region_path : "/", in->region_code, &reg))) return e;
        f.region_code = reg.code;
        if (!f.responsible_unit) f.responsible_unit = arena_printf(a, "%s人民政府", reg.name);
    }
    int64_t now = time_now();
    if ((e = finding_store_insert(db, a, &f, now))) return e;
    const char *name = finding_actor_display(db, a, who);
    if ((e = finding_add_event(db, a, who, name, f.id, "created", NULL, "draft", NULL,
                               json_pack("{s:s}", "source", f.source), now)))
        return e;
    if ((e = finding_store_get(db, a, &SCOPE_ALL, finding_today(a), f.id, out))) return e;
    json_t *after = finding_to_json(out);
    e = svc_audit(db, a, who, "create", "finding", svc_id_text(a, f.id), f.region_code, NULL, after);
    json_decref(after);
    return e;
}

err_t *finding_svc_create(svc_t *s, arena_t *a, const actor_t *who, const finding_input_t *in, finding_t *out) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    return e ? e : svc_end(db, a, finding_svc_create_tx(db, a, who, in, out));
}

static err_t *finding_refused(arena_t *a, finding_refusal_t r, finding_action_t act) {
    err_code_t code = ERR_INVALID;
    int st = finding_refusal_status(r);
    if (st == 403) code = ERR_FORBIDDEN;
    if (st == 409) code = ERR_CONFLICT;
    const char *field = finding_refusal_code(r);
    if (r == FR_REASON_REQUIRED) field = "reason";
    if (r == FR_DEADLINE_REQUIRED || r == FR_DEADLINE_PAST || r == FR_DEADLINE_NOT_LATER) field = "deadline";
    if (r == FR_ONSITE_REQUIRED) field = "onsite";
    err_t *e = err_newf(a, code, field, "%s（%s）", "%s (%s)", finding_refusal_zh(r), finding_action_name(act),
                        finding_refusal_en(r), finding_action_name(act));
    e->extra_name = "refusal";
    e->extra_value = finding_refusal_code(r);
    return e;
}

/* The evidence named in a submission: the caller's uploads for this finding's school, linked to
 * the finding here if they were uploaded unlinked (attachment_svc_link_tx refuses others'). */
static err_t *finding_check_attachments(db_t *db, arena_t *a, const actor_t *who, const finding_t *f,
                                        const finding_input_t *in, json_t **ids) {
    *ids = json_array();
    for (size_t i = 0; i < in->n_attachments; i++) {
        attachment_t x;
        err_t *e = attachment_store_get(db, a, &SCOPE_ALL, in->attachment_ids[i], &x);
        bool is_missing = e && e->code == ERR_NOT_FOUND;
        if (is_missing) e = NULL;
        if (!e && (is_missing || x.school_id != f->school_id))
            e = err_newf(a, ERR_INVALID, "attachment_ids", "附件 %lld 不属于该校",
                         "attachment %lld is not this school's", (long long)in->attachment_ids[i],
                         (long long)in->attachment_ids[i]);
        if (!e) e = attachment_svc_link_tx(db, a, who, in->attachment_ids[i], "finding", f->id);
        if (e) {
            json_decref(*ids);
            *ids = NULL;
            return e;
        }
        json_array_append_new(*ids, json_integer(in->attachment_ids[i]));
    }
    return NULL;
}

/* What an action works with: the row, who acts on it, its pending extension, its county's
 * rules, and the action's row of the lifecycle table with the input it resolved. */
typedef struct act_ctx {
    const finding_transition_t *t;
    unsigned effects;
    finding_t f;
    finding_actor_ctx_t who;
    finding_extension_t x;
    bool has_x;
    finding_rules_t rules;
    const char *today, *deadline, *reason;
    const char *event; /* the event's kind when it differs from the table's (a 销号 sent for review) */
    json_t *onsite;    /* the 现场复核 a 销号 carries (position, distance), for the event; NULL when none */
    int64_t now;
} act_ctx_t;

/* The action's deadline: the given one, or (FE_DEFAULT_DEADLINE) today + the severity's days;
 * issuing keeps a draft's deadline that is still ahead. */
static const char *act_deadline(arena_t *a, const act_ctx_t *c, const finding_input_t *in) {
    const char *deadline = in->deadline;
    if (!(c->effects & FE_DEFAULT_DEADLINE) || deadline) return deadline;
    bool is_issue = (c->effects & FE_ISSUE_FIELDS) != 0;
    int sev = finding_severity_parse(is_issue && in->severity ? in->severity : c->f.severity);
    char dflt[16];
    if (sev >= 0 && finding_default_deadline(&c->rules, (finding_severity_t)sev, c->today, dflt, sizeof dflt))
        deadline = arena_strdup(a, dflt);
    if (is_issue && c->f.deadline && strcmp(c->f.deadline, c->today) >= 0) deadline = c->f.deadline;
    return deadline;
}

/* Within this distance (plus the phone's accuracy) a position is at the school; 5 times it is
 * near (a large campus, a weak fix); farther is not on site. The visit check-in's rule. */
enum { ONSITE_METRES = 300 };

/* The 现场复核 of a 销号: a valid position, checked against the school's recorded one when it
 * has one (far away is refused). *out: what the event records. */
static err_t *act_onsite(db_t *db, arena_t *a, const finding_t *f, const finding_input_t *in, json_t **out) {
    if (!geo_is_valid(in->onsite_lat, in->onsite_lng) || !isfinite(in->onsite_accuracy_m) ||
        in->onsite_accuracy_m < 0 || in->onsite_accuracy_m > 100000)
        return err_new(a, ERR_INVALID, "onsite", "复核位置应为有效的经纬度和精度",
                       "the re-check position must be a valid latitude/longitude and accuracy");
    bool has = false;
    double lat = 0, lng = 0;
    err_t *e = f->school_id ? finding_store_school_position(db, a, f->school_id, &has, &lat, &lng) : NULL;
    if (e) return e;
    double d = has ? geo_distance_m(in->onsite_lat, in->onsite_lng, lat, lng) : 0;
    geo_verdict_t v = geo_checkin_verdict(d, in->onsite_accuracy_m, ONSITE_METRES);
    if (has && v == GEO_FAR)
        return err_newf(a, ERR_INVALID, "onsite", "复核位置距学校约 %.0f 米，不在现场",
                        "the re-check position is %.0f m "
                        "from the school: not on site",
                        d, d);
    *out = json_pack("{s:f, s:f, s:f, s:o, s:o}", "lat", in->onsite_lat, "lng", in->onsite_lng, "accuracy_m",
                     in->onsite_accuracy_m, "distance_m", has ? json_real(round(d)) : json_null(), "verdict",
                     has ? json_string(geo_verdict_name(v)) : json_string("no_school_position"));
    return NULL;
}

/* Loads the row and what the check needs, and checks the action against the lifecycle table. */
static err_t *act_prepare(db_t *db, arena_t *a, const actor_t *who, int64_t id, finding_action_t act,
                          const finding_input_t *in, act_ctx_t *c, finding_state_t *next) {
    *c = (act_ctx_t){.t = finding_transition(act), .today = finding_today(a), .now = time_now()};
    c->effects = c->t->effects | (in->is_approval ? 0 : c->t->effects_refused);
    scope_t sc = scope_of(who);
    err_t *e;
    if ((e = finding_store_get(db, a, &sc, c->today, id, &c->f)) || (e = finding_ctx(db, a, who, &c->f, &c->who)) ||
        (e = finding_store_pending_extension(db, a, id, &c->x, &c->has_x)) ||
        (e = finding_rules_for(db, a, c->f.region_code, &c->rules)))
        return e;
    int from = finding_state_parse(c->f.state);
    if (from < 0) return err_new(a, ERR_CONFLICT, "state", "问题状态无效", "the finding's state is not valid");
    c->deadline = act_deadline(a, c, in);
    if (c->deadline && !time_is_date(c->deadline))
        return err_new(a, ERR_INVALID, "deadline", "期限应为 YYYY-MM-DD", "deadline must be YYYY-MM-DD");
    c->reason = in->reason;
    if (act == FA_DECIDE_EXTENSION && !in->is_approval && !c->reason) c->reason = in->note;
    finding_action_input_t ai = {.reason = c->reason,
                                 .deadline = c->deadline,
                                 .today = c->today,
                                 .current_deadline = c->f.deadline,
                                 .has_pending_extension = c->has_x,
                                 .is_approval = in->is_approval};
    int sev = finding_severity_parse(c->f.severity);
    ai.needs_review = sev >= 0 && finding_close_needs_review(&c->rules, (finding_severity_t)sev);
    ai.needs_onsite = sev >= 0 && finding_close_needs_onsite(&c->rules, (finding_severity_t)sev);
    ai.has_onsite = in->has_onsite && in->n_attachments > 0;
    finding_refusal_t refusal = finding_check((finding_state_t)from, act, &c->who, &ai, next);
    if (refusal != FR_OK) return finding_refused(a, refusal, act);
    if (act == FA_CLOSE && in->has_onsite && (e = act_onsite(db, a, &c->f, in, &c->onsite))) return e;
    /* an inspector's 销号 that waits for the office's review: not closed yet */
    if (act == FA_CLOSE && *next == FS_REVIEW) {
        c->effects &= ~(unsigned)FE_MARK_CLOSED;
        c->event = "close_requested";
    }
    if ((e = finding_check_text(a, "note", in->note, 4000, (c->effects & FE_NOTE_REQUIRED) != 0)) ||
        (e = finding_check_text(a, "reason", c->reason, 2000, false)) ||
        (e = finding_check_text(a, "requirement", in->requirement, 4000, false)) ||
        (e = finding_check_text(a, "description", in->description, 4000, false)))
        return e;
    return NULL;
}

/* FE_EDIT_FIELDS: a draft's texts from the input. */
static err_t *act_edit_fields(arena_t *a, finding_t *f, const finding_input_t *in) {
    if (in->severity) {
        if (finding_severity_parse(in->severity) < 0)
            return err_new(a, ERR_INVALID, "severity", "严重程度无效", "unknown severity");
        f->severity = in->severity;
    }
    if (in->description) f->description = in->description;
    if (in->requirement) f->requirement = in->requirement;
    if (in->category) f->category = in->category;
    if (in->indicator_text) f->indicator_text = in->indicator_text;
    if (in->responsible_unit) f->responsible_unit = in->responsible_unit;
    if (in->responsible_person) f->responsible_person = in->responsible_person;
    if (in->deadline) f->deadline = in->deadline;
    if (str_blank(f->description))
        return err_new(a, ERR_INVALID, "description", "问题描述不能为空", "the description is required");
    return NULL;
}

/* FE_ISSUE_FIELDS: what issuing may still set. */
static void act_issue_fields(finding_t *f, const finding_input_t *in) {
    if (in->severity && finding_severity_parse(in->severity) >= 0) f->severity = in->severity;
    if (in->requirement) f->requirement = in->requirement;
    if (str_blank(f->requirement)) f->requirement = "请对照问题认真整改，于整改期限前报送整改报告及佐证材料。";
    if (in->responsible_unit) f->responsible_unit = in->responsible_unit;
    if (in->responsible_person) f->responsible_person = in->responsible_person;
}

/* FE_NUMBER_NOTICE: the county's next 整改通知书 文号. */
static err_t *act_number_notice(db_t *db, arena_t *a, act_ctx_t *c, json_t *data) {
    const char *county_name;
    int64_t no;
    int year = atoi(c->today);
    err_t *e = finding_store_county_of(db, a, c->f.region_code, &c->f.county_code, &county_name);
    if (!e) e = doc_counter_next(db, a, c->f.county_code, year, "notice", &no);
    if (e) return e;
    c->f.notice_no = svc_doc_no(db, a, c->f.county_code, county_name, "督改", year, no);
    json_object_set_new(data, "notice_no", json_string(c->f.notice_no));
    return NULL;
}

/* FE_ADD_EXTENSION and FE_DECIDE_EXTENSION: the 延期 request and its decision. */
static err_t *act_extension(db_t *db, arena_t *a, const actor_t *who, act_ctx_t *c, const finding_input_t *in,
                            json_t *data) {
    err_t *e;
    if (c->effects & FE_ADD_EXTENSION) {
        c->x = (finding_extension_t){.finding_id = c->f.id,
                                     .requested_deadline = c->deadline,
                                     .previous_deadline = c->f.deadline,
                                     .reason = c->reason,
                                     .requested_by = who->user_id,
                                     .requested_at = c->now};
        if ((e = finding_store_add_extension(db, a, &c->x))) return e;
        json_object_set_new(data, "requested_deadline", json_string(c->deadline));
        json_object_set_new(data, "extension_id", json_integer(c->x.id));
        return NULL;
    }
    c->x.state = in->is_approval ? "approved" : "refused";
    c->x.decided_by = who->user_id;
    c->x.decided_at = c->now;
    c->x.decision_note = in->is_approval ? in->note : c->reason;
    c->x.new_deadline = in->is_approval ? c->deadline : NULL;
    if ((e = finding_store_decide_extension(db, a, &c->x))) return e;
    json_object_set_new(data, "extension_id", json_integer(c->x.id));
    if (in->is_approval) {
        json_object_set_new(data, "previous_deadline", svc_jstr(c->f.deadline));
        json_object_set_new(data, "deadline", json_string(c->deadline));
        c->f.deadline = c->deadline;
        /* a new deadline restarts the ladder; the history keeps that it was late */
        if (strcmp(c->deadline, c->today) >= 0) c->f.escalation_level = 0;
    }
    return NULL;
}

/* Applies the action's field effects (finding_lifecycle.h FE_*) to c->f; data gets the event's details. */
static err_t *act_apply(db_t *db, arena_t *a, const actor_t *who, act_ctx_t *c, const finding_input_t *in,
                        json_t *data) {
    finding_t *f = &c->f;
    unsigned fx = c->effects;
    err_t *e;
    if ((fx & FE_EDIT_FIELDS) && (e = act_edit_fields(a, f, in))) return e;
    if (fx & FE_ISSUE_FIELDS) act_issue_fields(f, in);
    if (fx & FE_SET_DEADLINE) {
        f->deadline = c->deadline;
        json_object_set_new(data, "deadline", svc_jstr(c->deadline));
    }
    if (fx & FE_SET_ORIGINAL_DEADLINE) f->original_deadline = c->deadline;
    if (fx & FE_MARK_ISSUED) f->issued_at = c->now, f->issued_by = who->user_id;
    if ((fx & FE_NUMBER_NOTICE) && (e = act_number_notice(db, a, c, data))) return e;
    if ((fx & FE_EVIDENCE) || c->onsite) {
        json_t *ids;
        if ((e = finding_check_attachments(db, a, who, f, in, &ids))) return e;
        json_object_set_new(data, "attachment_ids", ids);
    }
    if (c->onsite) {
        json_object_set_new(data, "onsite", c->onsite);
        c->onsite = NULL;
    }
    if (fx & FE_MARK_SUBMITTED) f->submitted_at = c->now;
    if (fx & FE_MARK_CLOSED) f->closed_at = c->now, f->closed_by = who->user_id;
    if (fx & FE_CLEAR_CLOSED) f->closed_at = 0, f->closed_by = 0;
    if (fx & FE_COUNT_RETURN) json_object_set_new(data, "n_returns", json_integer(++f->n_returns));
    if (fx & FE_COUNT_REOPEN) f->n_reopens++;
    if (fx & FE_MARK_REINSPECTED) f->is_reinspected = true;
    if (fx & FE_RESET_ESCALATION) f->escalation_level = 0;
    if (fx & FE_VOID_REASON) f->void_reason = c->reason;
    if ((fx & (FE_ADD_EXTENSION | FE_DECIDE_EXTENSION)) && (e = act_extension(db, a, who, c, in, data))) return e;
    return NULL;
}

/* A finding returned this often is marked for accountability (问责办法: 整改不力). */
static err_t *act_flag_returns(db_t *db, arena_t *a, act_ctx_t *c) {
    finding_t *f = &c->f;
    if (!(c->effects & FE_COUNT_RETURN) || f->n_returns < c->rules.returns_for_accountability || f->accountability_flag)
        return NULL;
    f->accountability_flag = "returned_repeatedly";
    err_t *e = finding_store_update(db, a, f, c->now);
    if (!e)
        e = finding_add_event(db, a, NULL, "系统", f->id, "accountability", f->state, f->state,
                              arena_printf(a, "整改被退回 %lld 次，列入问责线索", (long long)f->n_returns),
                              json_pack("{s:s}", "flag", "returned_repeatedly"), c->now);
    return e;
}

/* One action of the loop: look up the row, check it against the lifecycle table, apply the
 * table's field effects, write through the store, record the event and the audit. */
err_t *finding_svc_act_tx(db_t *db, arena_t *a, const actor_t *who, int64_t id, finding_action_t act,
                          const finding_input_t *in, finding_t *out) {
    act_ctx_t c;
    finding_state_t next;
    err_t *e = act_prepare(db, a, who, id, act, in, &c, &next);
    if (e) return e;
    json_t *before = finding_audit_json(&c.f), *data = json_object();
    const char *name = finding_actor_display(db, a, who), *from_name = c.f.state;
    if ((e = act_apply(db, a, who, &c, in, data))) {
        json_decref(data);
        json_decref(before);
        return e;
    }
    c.f.state = finding_state_name(next);
    /* the 核查 reminder's marker lasts while the finding waits for verification */
    if ((next != FS_SUBMITTED && next != FS_REVIEW) || act == FA_SEND_BACK) c.f.verify_overdue_on = NULL;
    const char *kind = c.event ? c.event : !in->is_approval && c.t->event_refused ? c.t->event_refused : c.t->event;
    const char *note = (c.effects & FE_NOTE_IS_REASON) ? c.reason : in->note;
    if (!(e = finding_store_update(db, a, &c.f, c.now)))
        e = finding_add_event(db, a, who, name, id, kind, from_name, c.f.state, note, data, c.now);
    else
        json_decref(data);
    if (!e) e = act_flag_returns(db, a, &c);
    json_t *after = e ? NULL : finding_audit_json(&c.f);
    if (!e)
        e = svc_audit(db, a, who, finding_action_name(act), "finding", svc_id_text(a, id), c.f.region_code, before,
                      after);
    if (!e) e = finding_store_get(db, a, &SCOPE_ALL, c.today, id, out);
    json_decref(before);
    json_decref(after);
    return e;
}

err_t *finding_svc_act(svc_t *s, arena_t *a, const actor_t *who, int64_t id, finding_action_t act,
                       const finding_input_t *in, finding_t *out) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    return e ? e : svc_end(db, a, finding_svc_act_tx(db, a, who, id, act, in, out));
}

static json_t *extension_json(const finding_extension_t *x) {
    return json_pack("{s:I, s:I, s:s, s:o, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o}", "id", (json_int_t)x->id,
                     "finding_id", (json_int_t)x->finding_id, "requested_deadline", x->requested_deadline,
                     "previous_deadline", svc_jstr(x->previous_deadline), "reason", x->reason, "state", x->state,
                     "requested_at", svc_jtime(x->requested_at), "decided_at", svc_jtime(x->decided_at),
                     "decision_note", svc_jstr(x->decision_note), "new_deadline", svc_jstr(x->new_deadline),
                     "school_name", svc_jstr(x->school_name), "description", svc_jstr(x->description));
}

err_t *finding_svc_extensions(svc_t *s, arena_t *a, const actor_t *who, const char *state, json_t **out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    scope_t sc = scope_of(who);
    finding_extension_t *xs;
    size_t n;
    if ((e = finding_store_extensions(db, a, &sc, state, &xs, &n))) return e;
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, extension_json(&xs[i]));
    *out = arr;
    return NULL;
}

static err_t *inbox_box(db_t *db, arena_t *a, const scope_t *sc, json_t *box, const char *name, finding_filter_t f) {
    f.limit = 20;
    finding_t *items;
    size_t n;
    int64_t total;
    err_t *e = finding_store_list(db, a, sc, &f, &items, &n, &total, NULL);
    if (e) return e;
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, finding_to_json(&items[i]));
    json_object_set_new(box, name, json_pack("{s:I, s:o}", "total", (json_int_t)total, "items", arr));
    return NULL;
}

err_t *finding_svc_inbox(svc_t *s, arena_t *a, const actor_t *who, json_t **out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    scope_t sc = scope_of(who);
    const char *today = finding_today(a);
    char soon[16];
    finding_date_add(today, 3, soon, sizeof soon);
    finding_filter_t base = {.is_overdue = -1, .is_flagged = -1, .today = today, .sort = "deadline"};
    json_t *box = json_object();
    finding_filter_t f;
    if (who->role == ROLE_INSPECTOR || who->role == ROLE_ADMIN) {
        f = base, f.state = "draft";
        if (!e) e = inbox_box(db, a, &sc, box, "drafts", f);
        f = base, f.state = "submitted";
        if (!e) e = inbox_box(db, a, &sc, box, "to_verify", f);
    }
    if (who->role == ROLE_ADMIN) { /* the office's 销号 review queue */
        f = base, f.state = "review";
        if (!e) e = inbox_box(db, a, &sc, box, "to_review", f);
    }
    if (who->role == ROLE_SCHOOL || who->role == ROLE_UNIT) {
        f = base, f.state = "issued";
        if (!e) e = inbox_box(db, a, &sc, box, "new", f);
        f = base, f.state = "rectifying";
        if (!e) e = inbox_box(db, a, &sc, box, "rectifying", f);
    }
    f = base, f.is_overdue = 1;
    if (!e) e = inbox_box(db, a, &sc, box, "overdue", f);
    if (!e && who->role != ROLE_LEADER) {
        /* due within three days, still owed */
        int64_t n;
        if (!(e = finding_stats_due_between(db, a, &sc, today, arena_strdup(a, soon), &n)))
            json_object_set_new(box, "due_soon", json_pack("{s:I}", "total", (json_int_t)n));
    }
    if (!e && who->role == ROLE_ADMIN) {
        json_t *xs;
        if (!(e = finding_svc_extensions(s, a, who, "pending", &xs)))
            json_object_set_new(box, "extensions",
                                json_pack("{s:I, s:o}", "total", (json_int_t)json_array_size(xs), "items", xs));
    }
    if (!e && (who->role == ROLE_INSPECTOR || who->role == ROLE_ADMIN)) {
        int64_t n;
        if (!(e = complaint_store_count(db, a, &sc, "received", &n)))
            json_object_set_new(box, "complaints", json_pack("{s:I}", "total", (json_int_t)n));
    }
    if (!e && who->role == ROLE_ADMIN) { /* the 督办单 proposals to decide, and the 问责 clocks running out */
        int64_t n;
        if (!(e = finding_store_count_orders(db, a, &sc, "proposed", &n)))
            json_object_set_new(box, "orders_proposed", json_pack("{s:I}", "total", (json_int_t)n));
        json_t *acc = NULL;
        if (!e) e = accountability_svc_list(s, a, who, &acc);
        json_t *clocks = NULL, *cases = NULL;
        if (!e) clocks = accountability_clocks_due(acc);
        json_decref(acc);
        /* and the 60 days to form a case's investigation group */
        if (!e && !(e = accountability_case_svc_due(s, a, who, &cases))) {
            json_array_extend(json_object_get(clocks, "items"), json_object_get(cases, "items"));
            json_object_set_new(clocks, "total",
                                json_integer((json_int_t)json_array_size(json_object_get(clocks, "items"))));
        }
        json_decref(cases);
        if (clocks) json_object_set_new(box, "clocks_due", clocks);
    }
    if (e) {
        json_decref(box);
        return e;
    }
    *out = box;
    return NULL;
}

/* ---------------- documents ---------------- */

static const char *office_of(arena_t *a, const char *county_name) {
    return arena_printf(a, "%s人民政府教育督导室", county_name ? county_name : "");
}

/* The Asia/Shanghai date of a time, "YYYY-MM-DD", in the arena. */
static const char *date_of(arena_t *a, int64_t t) {
    char iso[32];
    time_format_iso(t + 8 * 3600, iso, sizeof iso);
    return arena_printf(a, "%.10s", iso);
}

err_t *finding_svc_notice_pdf(svc_t *s, arena_t *a, const actor_t *who, int64_t id, buf_t *out, const char **filename) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    scope_t sc = scope_of(who);
    finding_t f;
    if ((e = finding_store_get(db, a, &sc, finding_today(a), id, &f))) return e;
    if (!f.notice_no)
        return err_new(a, ERR_CONFLICT, "state", "问题尚未下发，没有整改通知书", "the finding has not been issued yet");
    int sev = finding_severity_parse(f.severity);
    const char *paras[] = {
        arena_printf(
            a,
            "根据《教育督导条例》第二十一条、第二十二条，经督导检查，你单位存在下列问题。现将问题及整改要求通知"
            "如下，请你单位高度重视，制定整改方案，落实整改责任，于%s前完成整改，并通过督导平台报送整改报告及"
            "佐证材料。逾期未完成整改的，将依规发出督办单，并视情况约谈、通报、问责。",
            official_doc_date_cn(a, f.deadline)),
    };
    official_doc_field_t fields[] = {
        {"问题编号", svc_id_text(a, f.id)},
        {"被督导单位", f.school_name ? f.school_name : f.responsible_unit},
        {"督导指标", f.indicator_text ? arena_printf(a, "%s%s%s", f.indicator_code ? f.indicator_code : "",
                                                     f.indicator_code ? " " : "", f.indicator_text)
                                      : NULL},
        {"问题类别", f.category},
        {"严重程度", sev >= 0 ? finding_severity_label_zh((finding_severity_t)sev) : f.severity},
        {"问题描述", f.description},
        {"整改要求", f.requirement},
        {"整改责任人", f.responsible_person},
        {"整改期限", official_doc_date_cn(a, f.deadline)},
        {"责任督学", f.inspector_name},
    };
    official_doc_t d = {
        .office = office_of(a, f.county_name),
        .doc_no = f.notice_no,
        .title = "督导问题整改通知书",
        .addressee = arena_printf(a, "%s：", f.school_name ? f.school_name : f.responsible_unit),
        .paragraphs = paras,
        .n_paragraphs = 1,
        .fields = fields,
        .n_fields = sizeof fields / sizeof fields[0],
        .date_text = official_doc_date_cn(a, date_of(a, f.issued_at)),
        .copy_to = arena_printf(a, "%s教育局", f.county_name ? f.county_name : ""),
    };
    *filename = arena_printf(a, "整改通知书-%lld.pdf", (long long)f.id);
    return official_doc_pdf(a, &d, out);
}

static json_t *order_json(const supervision_order_t *o) {
    json_t *j = json_pack(
        "{s:I, s:I, s:o, s:o, s:s, s:s, s:s, s:s, s:b, s:o, s:o, s:o}", "id", (json_int_t)o->id, "finding_id",
        (json_int_t)o->finding_id, "school_id", o->school_id ? json_integer(o->school_id) : json_null(), "school_name",
        svc_jstr(o->school_name), "order_no", o->order_no, "to_department", o->to_department, "deadline", o->deadline,
        "issued_on", o->issued_on, "is_automatic", o->is_automatic, "description", svc_jstr(o->description),
        "finding_state", svc_jstr(o->finding_state), "finding_deadline", svc_jstr(o->finding_deadline));
    json_object_set_new(j, "state", json_string(o->state ? o->state : "issued"));
    json_object_set_new(j, "decided_at", svc_jtime(o->decided_at));
    json_object_set_new(j, "dismiss_reason", svc_jstr(o->dismiss_reason));
    return j;
}

err_t *finding_svc_orders(svc_t *s, arena_t *a, const actor_t *who, int64_t limit, int64_t offset, json_t **out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    scope_t sc = scope_of(who);
    supervision_order_t *os;
    size_t n;
    int64_t total;
    if ((e = finding_store_orders(db, a, &sc, limit, offset, &os, &n, &total))) return e;
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, order_json(&os[i]));
    *out = json_pack("{s:o, s:I}", "items", arr, "total", (json_int_t)total);
    return NULL;
}

err_t *finding_svc_order_pdf(svc_t *s, arena_t *a, const actor_t *who, int64_t id, buf_t *out, const char **filename) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    scope_t sc = scope_of(who);
    supervision_order_t o;
    finding_t f;
    if ((e = finding_store_order_get(db, a, &sc, id, &o)) ||
        (e = finding_store_get(db, a, &SCOPE_ALL, finding_today(a), o.finding_id, &f)))
        return e;
    if (o.state && strcmp(o.state, "issued") != 0)
        return err_new(a, ERR_CONFLICT, "state", "督办单尚未经督导室确认发出", "the 督办单 is not issued");
    const char *paras[] = {
        arena_printf(
            a,
            "%s于%s下发的整改通知书（%s）所列问题，整改期限为%s，截至目前仍未按期完成整改。根据《教育督导条例》"
            "第二十二条、第二十五条和《教育督导问责办法》，现予挂牌督办。",
            f.school_name ? f.school_name : f.responsible_unit, official_doc_date_cn(a, date_of(a, f.issued_at)),
            f.notice_no ? f.notice_no : "", official_doc_date_cn(a, f.deadline)),
        arena_printf(a,
                     "请你单位于%s前完成整改并报送整改报告；请%s督促落实，整改不力的将承担连带责任。逾期仍未整改的，"
                     "将约谈单位主要负责人，并予以通报、问责。",
                     official_doc_date_cn(a, o.deadline), o.to_department),
    };
    official_doc_field_t fields[] = {
        {"问题描述", f.description},
        {"整改要求", f.requirement},
        {"原整改期限", official_doc_date_cn(a, f.deadline)},
        {"督办期限", official_doc_date_cn(a, o.deadline)},
        {"责任督学", f.inspector_name},
    };
    official_doc_t d = {
        .office = office_of(a, f.county_name),
        .doc_no = o.order_no,
        .title = "教育督导督办单",
        .addressee = arena_printf(a, "%s、%s：", f.school_name ? f.school_name : f.responsible_unit, o.to_department),
        .paragraphs = paras,
        .n_paragraphs = 2,
        .fields = fields,
        .n_fields = sizeof fields / sizeof fields[0],
        .date_text = official_doc_date_cn(a, o.issued_on),
        .copy_to = arena_printf(a, "%s人民政府教育督导委员会", f.county_name ? f.county_name : ""),
    };
    *filename = arena_printf(a, "督办单-%lld.pdf", (long long)o.id);
    return official_doc_pdf(a, &d, out);
}

err_t *finding_svc_export(svc_t *s, arena_t *a, const actor_t *who, finding_filter_t *f, const char *path) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    if ((e = finding_region_filter(db, a, who, f))) return e;
    if (!f->today) f->today = finding_today(a);
    static const char *const headers[] = {"编号",     "整改通知书文号", "学校标识码", "学校",     "乡镇/街道",
                                          "来源",     "指标",           "类别",       "严重程度", "问题描述",
                                          "整改要求", "责任人",         "整改期限",   "状态",     "是否逾期",
                                          "退回次数", "督办单",         "问责线索",   "下发时间", "销号时间"};
    enum { N = sizeof headers / sizeof headers[0] };
    xlsx_col_type_t types[N] = {0};
    types[2] = XLSX_COL_TEXT;
    types[12] = XLSX_COL_DATE;
    types[18] = XLSX_COL_DATE;
    types[19] = XLSX_COL_DATE;
    xlsx_out_t *w;
    if ((e = xlsx_out_open(a, path, "问题台账", headers, N, types, &w))) return e;
    scope_t sc = scope_of(who);
    static const char *const sources[] = {"visit",  "督导检查", "complaint",    "举报投诉",
                                          "manual", "人工录入", "reinspection", "回头看"};
    int64_t after = 0;
    for (;;) {
        arena_t page;
        arena_init(&page);
        finding_t *items;
        size_t n;
        if ((e = finding_store_export_page(db, &page, &sc, f, after, 2000, &items, &n))) {
            arena_free(&page);
            break;
        }
        for (size_t i = 0; !e && i < n; i++) {
            const finding_t *x = &items[i];
            const char *src = x->source;
            for (size_t k = 0; k < 8; k += 2)
                if (strcmp(src, sources[k]) == 0) src = sources[k + 1];
            int st = finding_state_parse(x->state), sev = finding_severity_parse(x->severity);
            char issued[24] = "", closed[24] = "";
            if (x->issued_at) time_format_cn(x->issued_at, issued, sizeof issued);
            if (x->closed_at) time_format_cn(x->closed_at, closed, sizeof closed);
            const char *cells[N] = {
                arena_printf(&page, "%lld", (long long)x->id),
                x->notice_no,
                x->school_code,
                x->school_name ? x->school_name : x->responsible_unit,
                x->region_name,
                src,
                x->indicator_text,
                x->category,
                sev >= 0 ? finding_severity_label_zh((finding_severity_t)sev) : x->severity,
                x->description,
                x->requirement,
                x->responsible_person,
                x->deadline,
                st >= 0 ? finding_state_label_zh((finding_state_t)st) : x->state,
                x->is_overdue ? "是" : "否",
                arena_printf(&page, "%lld", (long long)x->n_returns),
                x->order_no,
                x->accountability_flag ? "是" : "",
                issued,
                closed,
            };
            e = xlsx_out_row(w, cells);
            after = x->id;
        }
        arena_free(&page);
        if (e || n < 2000) break;
    }
    if (e) {
        xlsx_out_discard(w);
        return e;
    }
    return xlsx_out_close(w);
}

/* ---------------- dashboard ---------------- */

/* One group of the dashboard (a town, a school, a category) while aggregating. */
typedef struct stat_group {
    const char *key, *name;
    int64_t n_open, n_overdue, n_closed, n_total;
} stat_group_t;

static stat_group_t *stat_find(stat_group_t *g, size_t *n, size_t cap, const char *key, const char *name) {
    for (size_t i = 0; i < *n; i++)
        if (strcmp(g[i].key, key) == 0) return &g[i];
    if (*n == cap) return NULL;
    g[*n] = (stat_group_t){.key = key, .name = name};
    return &g[(*n)++];
}

static int stat_cmp(const void *x, const void *y) {
    const stat_group_t *p = x, *q = y;
    if (p->n_overdue != q->n_overdue) return p->n_overdue < q->n_overdue ? 1 : -1;
    if (p->n_open != q->n_open) return p->n_open < q->n_open ? 1 : -1;
    return strcmp(p->key, q->key);
}

static json_t *stat_json(stat_group_t *g, size_t n, size_t limit, const char *key_name, bool is_int_key) {
    qsort(g, n, sizeof *g, stat_cmp);
    json_t *arr = json_array();
    for (size_t i = 0; i < n && i < limit; i++) {
        json_t *o = json_pack("{s:I, s:I, s:I, s:I}", "n_open", (json_int_t)g[i].n_open, "n_overdue",
                              (json_int_t)g[i].n_overdue, "n_closed", (json_int_t)g[i].n_closed, "n_total",
                              (json_int_t)g[i].n_total);
        json_object_set_new(o, key_name,
                            is_int_key ? json_integer(strtoll(g[i].key, NULL, 10)) : json_string(g[i].key));
        if (g[i].name) json_object_set_new(o, "name", json_string(g[i].name));
        json_array_append_new(arr, o);
    }
    return arr;
}

/* The dashboard's groups: towns, schools, categories and the totals, folded from the rows of
 * finding_stats_groups; the top 20 schools get their names. */
static err_t *stats_groups(db_t *db, arena_t *a, const scope_t *sc, const char *today, json_t *j) {
    db_rows_t r, names;
    err_t *e;
    if ((e = finding_stats_groups(db, a, sc, today, &r)) || (e = finding_stats_region_names(db, a, sc, &names)))
        return e;
    size_t cap = r.n_rows + 1, n_town = 0, n_school = 0, n_cat = 0;
    stat_group_t *towns = arena_alloc(a, cap * sizeof *towns), *schools = arena_alloc(a, cap * sizeof *schools),
                 *cats = arena_alloc(a, cap * sizeof *cats);
    stat_group_t total = {0};
    for (size_t i = 0; i < r.n_rows; i++) {
        const char *town_name = db_cell(&r, i, 0);
        for (size_t k = 0; k < names.n_rows; k++)
            if (strcmp(db_cell(&names, k, 0), db_cell(&r, i, 0)) == 0) town_name = db_cell(&names, k, 1);
        stat_group_t *g[] = {stat_find(towns, &n_town, cap, db_cell(&r, i, 0), town_name),
                             !db_cell_int(&r, i, 1) ? NULL
                             : n_school && strcmp(schools[n_school - 1].key, db_cell(&r, i, 1)) == 0
                                 ? &schools[n_school - 1] /* rows come in school order */
                                 : (schools[n_school] = (stat_group_t){.key = db_cell(&r, i, 1)}, &schools[n_school++]),
                             stat_find(cats, &n_cat, cap, db_cell(&r, i, 2), NULL), &total};
        for (size_t k = 0; k < 4; k++) {
            if (!g[k]) continue;
            g[k]->n_open += db_cell_int(&r, i, 3);
            g[k]->n_overdue += db_cell_int(&r, i, 4);
            g[k]->n_closed += db_cell_int(&r, i, 5);
            g[k]->n_total += db_cell_int(&r, i, 6);
        }
    }
    qsort(schools, n_school, sizeof *schools, stat_cmp);
    for (size_t i = 0; i < n_school && i < 20; i++)
        if ((e = finding_stats_school_name(db, a, strtoll(schools[i].key, NULL, 10), &schools[i].name))) return e;
    json_object_set_new(j, "by_town", stat_json(towns, n_town, 200, "code", false));
    json_object_set_new(j, "by_school", stat_json(schools, n_school, 20, "id", true));
    json_object_set_new(j, "by_category", stat_json(cats, n_cat, 100, "category", false));
    json_object_set_new(j, "totals",
                        json_pack("{s:I, s:I, s:I, s:I, s:f}", "n_open", (json_int_t)total.n_open, "n_overdue",
                                  (json_int_t)total.n_overdue, "n_closed", (json_int_t)total.n_closed, "n_total",
                                  (json_int_t)total.n_total, "closure_rate",
                                  total.n_total ? (double)total.n_closed / (double)total.n_total : 0.0));
    return NULL;
}

/* The median days from issue to close, from a histogram of whole days. */
static err_t *stats_median(db_t *db, arena_t *a, const scope_t *sc, json_t *j) {
    db_rows_t r;
    err_t *e = finding_stats_days_to_close(db, a, sc, &r);
    if (e) return e;
    int64_t n = 0, seen = 0;
    double median = 0;
    for (size_t i = 0; i < r.n_rows; i++)
        n += db_cell_int(&r, i, 1);
    for (size_t i = 0; i < r.n_rows && n; i++) {
        seen += db_cell_int(&r, i, 1);
        if (seen * 2 >= n) {
            median = (double)db_cell_int(&r, i, 0) + 0.5;
            break;
        }
    }
    json_object_set_new(j, "median_days_to_close", json_real(median));
    return NULL;
}

/* Months in order (insertion sort: at most 13). */
static void stats_sort_months(json_t *arr) {
    size_t na = json_array_size(arr);
    for (size_t i = 1; i < na; i++)
        for (size_t k = i; k > 0; k--) {
            json_t *x = json_array_get(arr, k - 1), *y = json_array_get(arr, k);
            if (strcmp(json_string_value(json_object_get(x, "month")),
                       json_string_value(json_object_get(y, "month"))) <= 0)
                break;
            json_incref(x);
            json_array_set(arr, k - 1, y);
            json_array_set_new(arr, k, x);
        }
}

/* The monthly trend of the last 12 months (Asia/Shanghai), from counts per day. */
static err_t *stats_trend(db_t *db, arena_t *a, const scope_t *sc, json_t *j) {
    int64_t since = time_now() - 365 * 86400;
    json_t *trend = json_object();
    err_t *e = NULL;
    for (int c = 0; !e && c < 2; c++) {
        db_rows_t r;
        if ((e = finding_stats_per_day(db, a, sc, c == 1, since, &r))) break;
        for (size_t i = 0; i < r.n_rows; i++) {
            char day[16];
            finding_days_to_date((int)db_cell_int(&r, i, 0), day, sizeof day);
            day[7] = '\0';
            json_t *m = json_object_get(trend, day);
            if (!m)
                json_object_set_new(trend, day,
                                    m = json_pack("{s:s, s:i, s:i}", "month", day, "n_issued", 0, "n_closed", 0));
            const char *k = c == 0 ? "n_issued" : "n_closed";
            json_object_set_new(m, k, json_integer(json_integer_value(json_object_get(m, k)) + db_cell_int(&r, i, 1)));
        }
    }
    json_t *arr = json_array();
    const char *key;
    json_t *v;
    void *tmp;
    json_object_foreach_safe(trend, tmp, key, v) json_array_append(arr, v);
    json_decref(trend);
    stats_sort_months(arr);
    json_object_set_new(j, "trend", arr);
    return e;
}

/* The dashboard in four passes over the scope's findings, whatever their number: one grouped
 * by (region, school, category) with the state sums, folded here into towns, schools,
 * categories and totals; a histogram of days to close for the median; issued and closed per
 * day for the monthly trend. */
err_t *finding_svc_stats(svc_t *s, arena_t *a, const actor_t *who, json_t **out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    if (e) return e;
    scope_t sc = scope_of(who);
    json_t *j = json_object();
    if ((e = stats_groups(db, a, &sc, finding_today(a), j))) {
        json_decref(j);
        return e;
    }
    if ((e = stats_median(db, a, &sc, j)) || (e = stats_trend(db, a, &sc, j))) {
        json_decref(j);
        return e;
    }
    *out = j;
    return NULL;
}

/* ---------------- 回头看 ---------------- */

err_t *finding_svc_reinspection(svc_t *s, arena_t *a, const actor_t *who, const char *region_code, const char *from,
                                const char *to, json_t **out) {
    int64_t t0, t1;
    if (!from || !to || !time_parse_date(from, &t0) || !time_parse_date(to, &t1) || t0 > t1)
        return err_new(a, ERR_INVALID, "closed_from", "请给出销号日期范围（YYYY-MM-DD，起不晚于止）",
                       "give closed_from ≤ closed_to as YYYY-MM-DD");
    t0 -= 8 * 3600;
    t1 += 86400 - 8 * 3600;
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    const char *code = region_code ? region_code : who->region_code;
    region_t reg;
    finding_rules_t rules;
    db_rows_t r;
    json_t *ids = json_array();
    int64_t n_red = 0, n_sample = 0;
    if ((e = region_store_get(db, a, who->region_path, code, &reg)) || (e = finding_rules_for(db, a, code, &rules)))
        goto done;
    if ((e = finding_stats_reinspection_pool(db, a, reg.path, t0, t1, &r))) goto done;
    const char *name = finding_actor_display(db, a, who);
    for (size_t i = 0; !e && i < r.n_rows; i++) {
        bool is_red = strcmp(db_cell(&r, i, 1), "red_line") == 0;
        /* the sample: each other finding with the set probability, from the system's randomness */
        unsigned char byte = 0;
        char token[8], hex[HASH_HEX_LEN + 1];
        hash_random_token(4, token, sizeof token);
        hash_blake2b_hex(token, strlen(token), hex);
        byte = (unsigned char)strtol((char[]){hex[0], hex[1], 0}, NULL, 16);
        bool is_picked = is_red || (int)(byte % 100) < rules.reinspect_sample_percent;
        if (!is_picked) continue;
        int64_t id = db_cell_int(&r, i, 0);
        if ((e = finding_store_mark_reinspected(db, a, id)) ||
            (e = finding_add_event(db, a, who, name, id, "reinspection", "closed", "closed",
                                   is_red ? "红线问题，全部回头看" : "随机抽取回头看", NULL, time_now())))
            break;
        json_array_append_new(ids, json_integer(id));
        if (is_red)
            n_red++;
        else
            n_sample++;
    }
    if (!e) {
        json_t *after = json_pack("{s:s, s:s, s:s, s:I, s:I}", "region_code", code, "closed_from", from, "closed_to",
                                  to, "n_red_line", (json_int_t)n_red, "n_sampled", (json_int_t)n_sample);
        e = svc_audit(db, a, who, "reinspection", "finding", "sample", code, NULL, after);
        json_decref(after);
    }
    if (!e)
        *out = json_pack("{s:I, s:I, s:O}", "n_red_line", (json_int_t)n_red, "n_sampled", (json_int_t)n_sample, "ids",
                         ids);
done:
    json_decref(ids);
    return svc_end(db, a, e);
}

/* ---------------- rules ---------------- */

err_t *finding_svc_rules(svc_t *s, arena_t *a, const actor_t *who, const char *region_code, json_t **out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    const char *code = region_code ? region_code : who->region_code;
    if (!e) e = svc_region_filter(db, a, who, code);
    finding_rules_t r;
    if (!e) e = finding_rules_for(db, a, code, &r);
    if (e) return e;
    *out = json_pack("{s:s, s:o}", "region_code", code, "settings", finding_rules_to_json(&r));
    return NULL;
}

err_t *finding_svc_set_rule(svc_t *s, arena_t *a, const actor_t *who, const char *region_code, const char *name,
                            int64_t value) {
    finding_rules_t probe;
    finding_rules_defaults(&probe);
    bool is_known = false;
    for (const char *const *n = finding_rules_names(); *n; n++)
        is_known = is_known || strcmp(*n, name) == 0;
    if (!is_known)
        return err_new(a, ERR_INVALID, "name", "未知的设置项（见 GET /findings/settings）",
                       "unknown setting name (see GET /findings/settings)");
    if (value > 3650 || value < 0 || !finding_rules_apply(&probe, name, (int)value))
        return err_new(a, ERR_INVALID, "value", "取值超出范围（天数 1–3650，比例 0–100，销号审核 0–2）",
                       "value out of range (days 1 to 3650, percent 0 to 100, close_review 0 to 2)");
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    if (!(e = svc_region_filter(db, a, who, region_code))) {
        e = setting_store_set(db, a, region_code, name, arena_printf(a, "%lld", (long long)value));
        if (!e) {
            json_t *after = json_pack("{s:s, s:I}", "name", name, "value", (json_int_t)value);
            e = svc_audit(db, a, who, "update", "setting", name, region_code, NULL, after);
            json_decref(after);
        }
    }
    return svc_end(db, a, e);
}

/* ---------------------------------------------------------------- 督办单 proposals */

err_t *finding_svc_order_decide(svc_t *s, arena_t *a, const actor_t *who, int64_t id, bool is_confirm,
                                const char *reason, json_t **out) {
    if (!is_confirm && (!reason || !*reason || strlen(reason) > 2000))
        return err_new(a, ERR_INVALID, "reason", "不发督办单须说明理由", "dismissing a proposal needs a reason");
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    scope_t sc = scope_of(who);
    supervision_order_t o;
    finding_t f;
    finding_rules_t rules;
    bool changed = false;
    const char *today = finding_today(a), *no = NULL, *deadline = NULL;
    if ((e = finding_store_order_get(db, a, &sc, id, &o)) ||
        (e = finding_store_get(db, a, &SCOPE_ALL, today, o.finding_id, &f)) ||
        (e = finding_rules_for(db, a, f.region_code, &rules)))
        goto done;
    if (strcmp(o.state, "proposed") != 0) {
        e = err_new(a, ERR_CONFLICT, "state", "该督办单已处理", "this 督办单 is not a proposal any more");
        goto done;
    }
    if (is_confirm) { /* the number in the county's 督办单 series, and the full period from today */
        region_t county;
        int year = atoi(today);
        int64_t seq;
        char due[16];
        if ((e = region_store_get(db, a, "/", o.county_code, &county)) ||
            (e = doc_counter_next(db, a, county.code, year, "order", &seq)))
            goto done;
        no = svc_doc_no(db, a, county.code, county.name, "督办", year, seq);
        finding_date_add(today, rules.order_after_days, due, sizeof due);
        deadline = arena_strdup(a, due);
    }
    int64_t now = time_now();
    if ((e = finding_store_order_decide(db, a, id, is_confirm ? "issued" : "dismissed", no, is_confirm ? today : NULL,
                                        deadline, is_confirm ? NULL : reason, who->user_id, now, &changed)))
        goto done;
    if (!changed) {
        e = err_new(a, ERR_CONFLICT, "state", "该督办单已处理", "this 督办单 is not a proposal any more");
        goto done;
    }
    const char *name = finding_actor_display(db, a, who);
    json_t *data = is_confirm
                       ? json_pack("{s:s, s:I, s:s}", "deadline", deadline, "order_id", (json_int_t)id, "order_no", no)
                       : json_pack("{s:I}", "order_id", (json_int_t)id);
    if ((e = finding_add_event(db, a, who, name, f.id, is_confirm ? "order" : "order_dismissed", f.state, f.state,
                               is_confirm ? arena_printf(a, "逾期未整改，发出督办单 %s", no) : reason, data, now)))
        goto done;
    if ((e = finding_store_order_get(db, a, &sc, id, &o))) goto done;
    *out = order_json(&o);
    json_t *after = json_pack("{s:s, s:o}", "state", o.state, "order_no", svc_jstr(no));
    e = svc_audit(db, a, who, is_confirm ? "issue" : "dismiss", "supervision_order", svc_id_text(a, id), o.region_code,
                  NULL, after);
    json_decref(after);
    if (e) json_decref(*out);
done:
    return svc_end(db, a, e);
}
