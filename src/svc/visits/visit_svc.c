#include "svc/visits/visit_svc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/visits/geo.h"
#include "core/visits/task_flow.h"
#include "docs/visits/visit_doc.h"
#include "store/findings/finding_store.h"
#include "store/platform/doc_counter_store.h"
#include "store/platform/region_store.h"
#include "store/platform/setting_store.h"
#include "store/roster/school_store.h"
#include "store/visits/task_store.h"
#include "store/visits/visit_framework_store.h"
#include "svc/calendar/calendar_svc.h"
#include "svc/frameworks/checklist.h"
#include "svc/platform/attachment_svc.h"
#include "svc/visits/task_svc.h"
#include "svc/visits/visit_frameworks.h"
#include "util/hash.h"
#include "util/timeutil.h"

/* A check-in within this distance (plus the phone's accuracy) counts as on site. */
enum { VISIT_ONSITE_METRES = 300 };

static json_t *jstr(const char *s) {
    return s ? json_string(s) : json_null();
}

static json_t *jid(int64_t id) {
    return id ? json_integer(id) : json_null();
}

static json_t *jnum_text(const char *s) {
    return s ? json_real(strtod(s, NULL)) : json_null();
}

static json_t *time_json(int64_t t) {
    if (!t) return json_null();
    char buf[32];
    time_format_iso(t, buf, sizeof buf);
    return json_string(buf);
}

scope_t visit_scope_of(const actor_t *who) {
    scope_t sc = {0};
    if (who->role == ROLE_INSPECTOR)
        sc.inspector_user_id = who->user_id;
    else if (who->role == ROLE_SCHOOL)
        sc.school_id = who->school_id > 0 ? who->school_id : -1;
    else if (who->role == ROLE_UNIT)
        sc.school_id = -1; /* a 被督导单位 account reads its tasks through the units capability */
    else
        sc.region_path = who->region_path;
    return sc;
}

json_t *visit_to_json(const visit_t *v) {
    json_t *j = json_object();
    task_kind_t k = TASK_ROUTINE;
    task_kind_parse(v->task_kind, &k);
    json_object_set_new(j, "id", json_integer(v->id));
    json_object_set_new(j, "task_id", json_integer(v->task_id));
    json_object_set_new(j, "task_title", jstr(v->task_title));
    json_object_set_new(j, "task_kind", jstr(v->task_kind));
    json_object_set_new(j, "task_kind_label", json_string(task_kind_label(k)));
    json_object_set_new(j, "notice_mode", jstr(v->notice_mode));
    json_object_set_new(j, "target_id", json_integer(v->target_id));
    json_object_set_new(j, "school_id", jid(v->school_id));
    json_object_set_new(j, "school_name", jstr(v->school_name));
    json_object_set_new(j, "school_code", jstr(v->school_code));
    json_object_set_new(j, "region_code", jstr(v->region_code));
    json_object_set_new(j, "region_name", jstr(v->region_name));
    json_object_set_new(j, "inspector_id", json_integer(v->inspector_id));
    json_object_set_new(j, "inspector_name", jstr(v->inspector_name));
    json_object_set_new(j, "framework_version_id", jid(v->framework_version_id));
    json_object_set_new(j, "status", jstr(v->status));
    json_object_set_new(j, "is_locked", json_boolean(strcmp(v->status, "submitted") == 0));
    json_object_set_new(j, "visit_date", jstr(v->visit_date));
    json_t *ci = json_null();
    if (v->checkin_at) {
        double d = v->checkin_distance_m ? strtod(v->checkin_distance_m, NULL) : -1;
        double acc = v->checkin_accuracy_m ? strtod(v->checkin_accuracy_m, NULL) : 0;
        ci = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "at", time_json(v->checkin_at), "lat",
                       jnum_text(v->checkin_lat), "lng", jnum_text(v->checkin_lng), "accuracy_m",
                       jnum_text(v->checkin_accuracy_m), "distance_m", jnum_text(v->checkin_distance_m), "verdict",
                       d >= 0 ? json_string(geo_verdict_name(geo_checkin_verdict(d, acc, VISIT_ONSITE_METRES)))
                              : json_null());
    }
    json_object_set_new(j, "checkin", ci);
    json_object_set_new(j, "score_total", jnum_text(v->score_total));
    json_object_set_new(j, "grade", jstr(v->grade));
    json_object_set_new(j, "is_veto_failed", json_boolean(v->is_veto_failed));
    json_object_set_new(j, "revision", json_integer(v->n_revision));
    json_object_set_new(j, "submitted_at", time_json(v->submitted_at));
    json_object_set_new(j, "n_amendments", json_integer(v->n_amendments));
    json_object_set_new(j, "created_at", time_json(v->created_at));
    json_object_set_new(j, "updated_at", time_json(v->updated_at));
    return j;
}

err_t *visit_svc_list(svc_t *s, arena_t *a, const actor_t *who, const visit_filter_t *f, visit_t **out, size_t *n,
                      int64_t *total) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    scope_t sc = visit_scope_of(who);
    return e ? e : visit_store_list(db, a, &sc, f, out, n, total);
}

/* ---------------- helpers inside a transaction ---------------- */

static err_t *visit_load(db_t *db, arena_t *a, const actor_t *who, int64_t id, visit_t *v) {
    scope_t sc = visit_scope_of(who);
    return visit_store_get(db, a, &sc, id, v);
}

/* The caller records on this visit: an inspector on its task. */
static err_t *visit_require_recorder(db_t *db, arena_t *a, const actor_t *who, const visit_t *v) {
    if (who->role != ROLE_INSPECTOR)
        return err_new(a, ERR_FORBIDDEN, NULL, "只有任务中的督学可以填写督导记录",
                       "only an inspector on the task records the visit");
    const char *role;
    err_t *e = task_store_member_role(db, a, v->task_id, who->user_id, &role, NULL);
    if (!e && !role) e = err_new(a, ERR_FORBIDDEN, NULL, "您不在该督导任务中", "you are not on this task");
    return e;
}

static err_t *visit_require_draft(arena_t *a, const visit_t *v) {
    if (strcmp(v->status, "draft") != 0)
        return err_new(a, ERR_LOCKED, "visit_id", "督导记录已提交并锁定，只能通过更正记录修改",
                       "the visit is submitted and locked; correct it with an amendment");
    return NULL;
}

/* The school's type and sections, for applies_to. */
static err_t *visit_checklist(db_t *db, arena_t *a, const visit_t *v, checklist_t *c) {
    const char **sections = NULL;
    size_t n_sections = 0;
    if (v->school_id) {
        school_t sch;
        err_t *e = school_store_get(db, a, &SCOPE_ALL, v->school_id, &sch);
        if (e) return e;
        sections = arena_alloc(a, (sch.n_sections + 1) * sizeof *sections);
        for (size_t i = 0; i < sch.n_sections; i++)
            sections[i] = sch.sections[i].section;
        n_sections = sch.n_sections;
    }
    return checklist_load(db, a, v->framework_version_id, v->school_id ? v->school_type : NULL, sections, n_sections,
                          c);
}

static json_t *answers_parse(const visit_t *v) {
    json_t *j = json_loads(v->answers_json ? v->answers_json : "{}", 0, NULL);
    return json_is_object(j) ? j : (json_decref(j), json_object());
}

static const char *json_text(arena_t *a, const json_t *j) {
    char *s = json_dumps(j, JSON_SORT_KEYS | JSON_COMPACT);
    char *out = arena_strdup(a, s ? s : "null");
    free(s);
    return out;
}

/* The visit's photos that its task's inspectors took (an attachment row naming the visit but
 * uploaded by anyone else is not the visit's). */
static bool photo_is_visits(db_t *db, arena_t *a, const visit_t *v, int64_t attachment_id) {
    bool is_visits = false;
    err_t *e = visit_store_photo_is_visits(db, a, v->id, v->task_id, attachment_id, &is_visits);
    return !e && is_visits;
}

/* Checks the given answers against the checklist and merges them into *stored. before, when
 * not NULL, receives the changed codes' previous answers (amendments). */
static err_t *answers_merge(db_t *db, arena_t *a, const visit_t *v, const checklist_t *c, const json_t *given,
                            json_t *stored, json_t *before) {
    if (!json_is_object(given))
        return err_new(a, ERR_INVALID, "answers", "answers 应为对象", "answers must be an object");
    const char *code;
    json_t *ans;
    json_object_foreach((json_t *)given, code, ans) {
        if (json_is_null(ans)) {
            if (!checklist_leaf(c, code))
                return err_newf(a, ERR_INVALID, arena_printf(a, "answers.%s", code), "指标 %s 不在本清单中",
                                "indicator %s is not on this checklist", code, code);
        } else {
            err_t *e = checklist_check_answer(a, c, code, ans);
            if (e) return e;
            json_t *atts = json_object_get(ans, "attachments");
            size_t i;
            json_t *x;
            json_array_foreach(atts, i, x) {
                if (!json_is_integer(x) || !photo_is_visits(db, a, v, json_integer_value(x)))
                    return err_newf(a, ERR_INVALID, arena_printf(a, "answers.%s", code),
                                    "指标 %s 引用的照片不属于本督导记录", "a photo of indicator %s is not this visit's",
                                    code, code);
            }
        }
        if (before) {
            json_t *old = json_object_get(stored, code);
            json_object_set(before, code, old ? old : json_null());
        }
        if (json_is_null(ans))
            json_object_del(stored, code);
        else
            json_object_set(stored, code, ans);
    }
    return NULL;
}

static const char *severity_of(const checklist_item_result_t *it) {
    return it->is_failed && it->leaf->is_veto ? "red_line" : "general";
}

/* Draft findings for failed and flagged items not yet recorded from this visit. */
static err_t *visit_findings(db_t *db, arena_t *a, const actor_t *who, const visit_t *v, const checklist_t *c,
                             const checklist_result_t *res, size_t *n_added) {
    const char **have;
    size_t n_have;
    err_t *e = visit_store_finding_codes(db, a, v->id, &have, &n_have);
    if (e) return e;
    *n_added = 0;
    int64_t now = time_now();
    for (size_t i = 0; i < res->n_items; i++) {
        const checklist_item_result_t *it = &res->items[i];
        bool is_known = false;
        for (size_t k = 0; k < n_have && !is_known; k++)
            is_known = have[k] && strcmp(have[k], it->leaf->code) == 0;
        if (is_known) continue;
        const char *desc = it->note && *it->note
                               ? it->note
                               : arena_printf(a, "%s：%s", it->is_failed ? "未达标" : "需跟进", it->leaf->text);
        visit_finding_in_t f = {.region_code = v->region_code,
                                .school_id = v->school_id,
                                .task_id = v->task_id,
                                .visit_id = v->id,
                                .indicator_code = it->leaf->code,
                                .indicator_text = it->leaf->text,
                                .framework_code = c->code,
                                .category = it->leaf->category_text,
                                .severity = severity_of(it),
                                .description = desc,
                                .created_by = who->user_id};
        if ((e = visit_store_add_finding(db, a, &f, now))) return e;
        (*n_added)++;
    }
    return NULL;
}

/* A visit's further checklists (visit_framework; defined at the end of this file). */
static err_t *extras_json(db_t *db, arena_t *a, const visit_t *v, json_t **out);
static err_t *extra_checklist(db_t *db, arena_t *a, const visit_t *v, int64_t version_id, checklist_t *c);
static json_t *extra_answers(const visit_fw_row_t *r);
static err_t *extras_submit(db_t *db, arena_t *a, const actor_t *who, const visit_t *v, json_t *scores,
                            size_t *n_findings);

/* ---------------- use cases ---------------- */

err_t *visit_svc_open(svc_t *s, arena_t *a, const actor_t *who, int64_t target_id, int64_t *visit_id) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    task_target_row_t g;
    task_t t;
    const char *role = NULL;
    int64_t inspector_id = 0;
    if ((e = task_store_get_target(db, a, target_id, &g))) goto done;
    /* the task must be in the caller's scope: 404 otherwise, as if the target did not exist */
    scope_t sc = task_scope_of(who);
    if ((e = task_store_get(db, a, &sc, g.task_id, &t))) {
        if (e->code == ERR_NOT_FOUND) e = err_new(a, ERR_NOT_FOUND, "target_id", "督导对象不存在", "no such target");
        goto done;
    }
    if (who->role != ROLE_INSPECTOR || (e = task_store_member_role(db, a, t.id, who->user_id, &role, &inspector_id)) ||
        !role) {
        if (!e)
            e = err_new(a, ERR_FORBIDDEN, NULL, "只有任务中的督学可以开始督导",
                        "only an inspector on the task opens visits");
        goto done;
    }
    if ((e = visit_store_id_for_target(db, a, target_id, visit_id))) goto done;
    if (*visit_id) goto done; /* reopening returns the same draft (or the submitted visit) */
    if (strcmp(t.status, "open") != 0) {
        e = err_new(a, ERR_CONFLICT, "task_id", "任务已结束或取消", "the task is not open");
        goto done;
    }
    if (g.step && strcmp(g.step, "onsite") != 0) { /* 专项/综合: this target's notice (and 自评) first */
        e = err_newf(a, ERR_CONFLICT, "task_id", "该督导对象尚未进入现场督导步骤（当前：%s）",
                     "this target is not at the on-site step (now: %s)", g.step, g.step);
        goto done;
    }
    char today[16];
    time_today_cn(today, sizeof today);
    visit_t v = {.task_id = t.id,
                 .target_id = target_id,
                 .school_id = g.school_id,
                 .region_code = g.region_code,
                 .inspector_id = inspector_id,
                 .framework_version_id = t.framework_version_id,
                 .visit_date = today};
    if ((e = visit_store_insert(db, a, &v, time_now()))) goto done;
    *visit_id = v.id;
    int64_t extra_fv = 0; /* the office's second checklist on routine visits (visit_frameworks.h) */
    if (strcmp(t.kind, "routine") == 0 &&
        (e = visit_fw_routine_extra_tx(db, a, g.region_code, t.framework_version_id, &extra_fv)))
        goto done;
    if (extra_fv) { /* only when it applies to the school (a 双减 list has nothing for a kindergarten) */
        visit_t w;
        checklist_t xc = {0};
        if ((e = visit_load(db, a, &(actor_t){.role = ROLE_ADMIN, .region_path = "/"}, v.id, &w)) ||
            (e = extra_checklist(db, a, &w, extra_fv, &xc)))
            goto done;
        size_t n_leaves = xc.n_leaves;
        checklist_release(&xc);
        if (n_leaves && (e = visit_fw_store_add(db, a, v.id, extra_fv, 1))) goto done;
    }
    json_t *after = json_pack("{s:I, s:I, s:o, s:s, s:I}", "task_id", (json_int_t)t.id, "target_id",
                              (json_int_t)target_id, "school_id", jid(g.school_id), "visit_date", today,
                              "framework_version_id", (json_int_t)t.framework_version_id);
    e = svc_audit(db, a, who, "create", "visit", svc_id_text(a, v.id), g.region_code, NULL, after);
    json_decref(after);
done:
    return svc_end(db, a, e);
}

static json_t *result_json(const checklist_result_t *res) {
    json_t *j = res->json ? json_deep_copy(res->json) : json_object();
    json_object_set_new(j, "n_applicable", json_integer((json_int_t)res->n_applicable));
    json_object_set_new(j, "n_answered", json_integer((json_int_t)res->n_answered));
    json_t *missing = json_array();
    for (size_t i = 0; i < res->n_missing; i++)
        json_array_append_new(missing, json_string(res->missing[i]));
    json_object_set_new(j, "missing", missing);
    return j;
}

/* The visit's photos as the visit page lists them. */
static err_t *visit_photos_json(db_t *db, arena_t *a, int64_t visit_id, json_t **out) {
    visit_photo_row_t *ph;
    size_t n_ph;
    err_t *e = visit_store_photos(db, a, visit_id, &ph, &n_ph);
    if (e) return e;
    json_t *arr = json_array();
    for (size_t i = 0; i < n_ph; i++) {
        const char *slash = strchr(ph[i].hash, '/');
        json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:I, s:o, s:o, s:o, s:s}", "id", (json_int_t)ph[i].id,
                                             "sm3", slash ? slash + 1 : ph[i].hash, "mime", ph[i].mime, "size_bytes",
                                             (json_int_t)ph[i].size_bytes, "taken_at",
                                             ph[i].taken_at ? json_integer(ph[i].taken_at) : json_null(), "lat",
                                             jnum_text(ph[i].lat), "lng", jnum_text(ph[i].lng), "url",
                                             arena_printf(a, "/api/v1/attachments/%lld", (long long)ph[i].id)));
    }
    *out = arr;
    return NULL;
}

/* What the office keeps to itself on a visit, in JSON and in its PDFs alike: a school account
 * sees only the findings sent to it (no draft, no voided one) and none of the inspectors'
 * photos (their time and place). */
static bool sees_office_work(const actor_t *who) {
    return (ROLES_SUPERVISORS & (unsigned)who->role) != 0;
}

/* The findings the visit recorded that who may see. */
static err_t *visit_findings_json(db_t *db, arena_t *a, const actor_t *who, int64_t visit_id, json_t **out) {
    visit_finding_row_t *fs;
    size_t n_fs;
    err_t *e = visit_store_findings(db, a, visit_id, !sees_office_work(who), &fs, &n_fs);
    if (e) return e;
    json_t *farr = json_array();
    for (size_t i = 0; i < n_fs; i++)
        json_array_append_new(farr, json_pack("{s:I, s:o, s:o, s:o, s:s, s:s, s:o, s:o, s:s}", "id",
                                              (json_int_t)fs[i].id, "indicator_code", jstr(fs[i].indicator_code),
                                              "indicator_text", jstr(fs[i].indicator_text), "category",
                                              jstr(fs[i].category), "severity", fs[i].severity, "description",
                                              fs[i].description, "requirement", jstr(fs[i].requirement), "deadline",
                                              jstr(fs[i].deadline), "state", fs[i].state));
    *out = farr;
    return NULL;
}

/* The amendments of a submitted visit, oldest first. */
static err_t *visit_amendments_json(db_t *db, arena_t *a, int64_t visit_id, json_t **out) {
    visit_amendment_row_t *am;
    size_t n_am;
    err_t *e = visit_store_amendments(db, a, visit_id, &am, &n_am);
    if (e) return e;
    json_t *aarr = json_array();
    for (size_t i = 0; i < n_am; i++) {
        json_t *b = json_loads(am[i].before_json, 0, NULL), *af = json_loads(am[i].after_json, 0, NULL);
        json_array_append_new(aarr, json_pack("{s:I, s:s, s:o, s:o, s:o, s:o, s:o, s:o}", "id", (json_int_t)am[i].id,
                                              "reason", am[i].reason, "before", b ? b : json_null(), "after",
                                              af ? af : json_null(), "score_before", jnum_text(am[i].score_before),
                                              "score_after", jnum_text(am[i].score_after), "by", jstr(am[i].by_name),
                                              "at", time_json(am[i].created_at)));
    }
    *out = aarr;
    return NULL;
}

err_t *visit_svc_get(svc_t *s, arena_t *a, const actor_t *who, int64_t id, json_t **out) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    visit_t v;
    if (!e) e = visit_load(db, a, who, id, &v);
    if (e) return e;
    checklist_t c = {0};
    if ((e = visit_checklist(db, a, &v, &c))) return e;
    json_t *answers = answers_parse(&v);
    checklist_result_t res;
    if ((e = checklist_evaluate(a, &c, answers, &res))) {
        json_decref(answers);
        checklist_release(&c);
        return e;
    }
    json_t *j = visit_to_json(&v);
    json_object_set_new(j, "answers", answers);
    json_object_set_new(j, "notes", jstr(v.notes));
    json_object_set_new(j, "school_location",
                        v.school_lat && v.school_lng
                            ? json_pack("{s:o, s:o}", "lat", jnum_text(v.school_lat), "lng", jnum_text(v.school_lng))
                            : json_null());
    json_object_set_new(j, "framework",
                        json_pack("{s:I, s:s, s:o, s:I, s:o, s:O}", "version_id", (json_int_t)c.version_id, "code",
                                  c.code, "name", jstr(c.name), "version", (json_int_t)c.version, "source",
                                  jstr(c.source), "document", c.doc));
    json_object_set_new(j, "result", result_json(&res));
    json_decref(res.json);
    checklist_release(&c);
    json_t *extras = NULL;
    if ((e = extras_json(db, a, &v, &extras))) {
        json_decref(j);
        return e;
    }
    json_object_set_new(j, "checklists", extras);

    json_t *part;
    if (sees_office_work(who)) {
        if ((e = visit_photos_json(db, a, v.id, &part))) goto fail;
        json_object_set_new(j, "photos", part);
    }
    if ((e = visit_findings_json(db, a, who, v.id, &part))) goto fail;
    json_object_set_new(j, "findings", part);
    if ((e = visit_amendments_json(db, a, v.id, &part))) goto fail;
    json_object_set_new(j, "amendments", part);
    visit_document_t d;
    bool found;
    if ((e = visit_store_get_document(db, a, v.id, "opinion", &d, &found))) goto fail;
    json_object_set_new(j, "opinion",
                        found ? json_pack("{s:s, s:o, s:o}", "doc_no", d.doc_no, "deadline", jstr(d.deadline),
                                          "issued_at", time_json(d.issued_at))
                              : json_null());
    *out = j;
    return NULL;
fail:
    json_decref(j);
    return e;
}

err_t *visit_svc_checkin(svc_t *s, arena_t *a, const actor_t *who, int64_t id, double lat, double lng,
                         double accuracy_m) {
    if (!geo_is_valid(lat, lng))
        return err_new(a, ERR_INVALID, "lat", "位置应为有效的经纬度",
                       "the position must be a valid latitude/longitude");
    if (!isfinite(accuracy_m) || accuracy_m < 0 || accuracy_m > 100000)
        return err_new(a, ERR_INVALID, "accuracy_m", "定位精度无效", "invalid accuracy");
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    visit_t v;
    if ((e = visit_load(db, a, who, id, &v)) || (e = visit_require_recorder(db, a, who, &v)) ||
        (e = visit_require_draft(a, &v)))
        goto done;
    bool has_distance = v.school_lat && v.school_lng;
    double d = has_distance ? geo_distance_m(lat, lng, strtod(v.school_lat, NULL), strtod(v.school_lng, NULL)) : 0;
    int64_t now = time_now();
    if ((e = visit_store_checkin(db, a, id, now, lat, lng, accuracy_m, has_distance, d))) goto done;
    json_t *after = json_pack("{s:f, s:f, s:f, s:o}", "lat", lat, "lng", lng, "accuracy_m", accuracy_m, "distance_m",
                              has_distance ? json_real(round(d * 10) / 10) : json_null());
    e = svc_audit(db, a, who, "checkin", "visit", svc_id_text(a, id), v.region_code, NULL, after);
    json_decref(after);
done:
    return svc_end(db, a, e);
}

err_t *visit_svc_save(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const json_t *answers, const char *notes,
                      bool has_notes, int64_t revision) {
    if (notes && strlen(notes) > 20000)
        return err_new(a, ERR_INVALID, "notes", "备注过长（≤ 20000 字节）", "notes are too long");
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    visit_t v;
    checklist_t c = {0};
    json_t *stored = NULL, *before = json_object();
    if ((e = visit_load(db, a, who, id, &v)) || (e = visit_require_recorder(db, a, who, &v)) ||
        (e = visit_require_draft(a, &v)) || (e = visit_checklist(db, a, &v, &c)))
        goto done;
    stored = answers_parse(&v);
    if (answers && (e = answers_merge(db, a, &v, &c, answers, stored, before))) goto done;
    if ((e = visit_store_save(db, a, id, revision >= 0 ? revision : v.n_revision, json_text(a, stored),
                              has_notes ? notes : v.notes, time_now())))
        goto done;
    json_t *after = json_pack("{s:O, s:o}", "answers", answers ? answers : json_object(), "notes",
                              has_notes ? jstr(notes) : json_null());
    if (!has_notes) json_object_del(after, "notes");
    e = svc_audit(db, a, who, "save", "visit", svc_id_text(a, id), v.region_code, NULL, after);
    json_decref(after);
done:
    json_decref(stored);
    json_decref(before);
    checklist_release(&c);
    return svc_end(db, a, e);
}

static bool is_image(const char *mime) {
    return mime && strncmp(mime, "image/", 6) == 0;
}

err_t *visit_svc_add_photo(svc_t *s, arena_t *a, const actor_t *who, int64_t id, int64_t taken_at, bool has_position,
                           double lat, double lng, const char *name, const char *data, size_t n, attachment_t *out) {
    if (n == 0) return err_new(a, ERR_INVALID, "file", "照片为空", "the photo is empty");
    if (n > VISIT_PHOTO_MAX)
        return err_newf(a, ERR_TOO_LARGE, "file", "照片不能超过 %d MiB", "a photo is at most %d MiB",
                        VISIT_PHOTO_MAX >> 20, VISIT_PHOTO_MAX >> 20);
    if (!is_image(attachment_sniff_mime(data, n, name)))
        return err_new(a, ERR_INVALID, "file", "照片须为 JPEG、PNG 或 WebP 图像",
                       "a photo must be a JPEG, PNG or WebP image");
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    visit_t v;
    if ((e = visit_load(db, a, who, id, &v)) || (e = visit_require_recorder(db, a, who, &v)) ||
        (e = visit_require_draft(a, &v)))
        goto done;
    /* The task grants the right to photograph this school: the recorder may be on a 专项 team
     * for a school it does not hold (挂牌), so the school check of the attachment module is
     * made with the task's authority, while the row and the audit still name the caller. */
    actor_t as = *who;
    as.role = ROLE_ADMIN;
    as.region_path = "/";
    attachment_in_t in = {.school_id = v.school_id,
                          .region_code = v.school_id ? NULL : v.region_code,
                          .owner_kind = "visit",
                          .owner_id = v.id,
                          .name = name,
                          .taken_at = taken_at,
                          .has_position = has_position,
                          .lat = lat,
                          .lng = lng,
                          .data = data,
                          .n = n};
    e = attachment_svc_put_tx(s, db, a, &as, &in, out);
done:
    return svc_end(db, a, e);
}

/* Evidence a failed item needs (docs/framework-format.md "evidence"). */
static err_t *evidence_check(arena_t *a, const checklist_result_t *res) {
    for (size_t i = 0; i < res->n_items; i++) {
        const checklist_item_result_t *it = &res->items[i];
        if (!it->is_failed) continue;
        const char *field = arena_printf(a, "answers.%s", it->leaf->code);
        if ((it->leaf->needs_photo || it->leaf->needs_document) && it->n_attachments == 0)
            return err_newf(a, ERR_INVALID, field, "未达标项「%s」须附照片或材料",
                            "failed item %s needs a photo or document", it->leaf->text, it->leaf->code);
        if (it->leaf->needs_note && (!it->note || !*it->note))
            return err_newf(a, ERR_INVALID, field, "未达标项「%s」须填写说明", "failed item %s needs a note",
                            it->leaf->text, it->leaf->code);
    }
    return NULL;
}

err_t *visit_svc_submit(svc_t *s, arena_t *a, const actor_t *who, int64_t id) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    visit_t v;
    checklist_t c = {0};
    json_t *answers = NULL, *rj = NULL;
    checklist_result_t res = {0};
    if ((e = visit_load(db, a, who, id, &v)) || (e = visit_require_recorder(db, a, who, &v)) ||
        (e = visit_require_draft(a, &v)) || (e = visit_checklist(db, a, &v, &c)))
        goto done;
    if (v.school_id && !v.checkin_at) {
        e = err_new(a, ERR_INVALID, "checkin", "请先签到再提交", "check in before submitting");
        goto done;
    }
    answers = answers_parse(&v);
    if ((e = checklist_evaluate(a, &c, answers, &res))) goto done;
    if (res.n_missing > 0) {
        e = err_newf(a, ERR_INVALID, arena_printf(a, "answers.%s", res.missing[0]), "还有 %zu 项未填写（第一项：%s）",
                     "%zu items are not answered (first: %s)", res.n_missing, res.missing[0], res.n_missing,
                     res.missing[0]);
        goto done;
    }
    if ((e = evidence_check(a, &res))) goto done;
    rj = result_json(&res);
    int64_t now = time_now();
    size_t n_findings = 0;
    json_t *extra_scores = json_array();
    if ((e = extras_submit(db, a, who, &v, extra_scores, &n_findings))) {
        json_decref(extra_scores);
        goto done;
    }
    if ((e = visit_store_set_result(db, a, id, json_text(a, answers), res.has_score, res.total, res.grade,
                                    res.is_veto_failed, json_text(a, rj), true, who->user_id, now)) ||
        (e = visit_findings(db, a, who, &v, &c, &res, &n_findings)) ||
        (e = task_svc_on_visit_submitted_tx(db, a, who, v.task_id, v.target_id, id)))
        goto done;
    /* the answers' hash goes into the chain: the locked record cannot change unnoticed */
    json_t *after =
        json_pack("{s:o, s:o, s:b, s:I}", "score_total", res.has_score ? json_real(res.total) : json_null(), "grade",
                  jstr(res.grade), "is_veto_failed", res.is_veto_failed, "n_findings", (json_int_t)n_findings);
    if (json_array_size(extra_scores)) json_object_set(after, "checklists", extra_scores);
    json_decref(extra_scores);
    char h[HASH_HEX_LEN + 1];
    const char *txt = json_text(a, answers);
    hash_sm3_hex(txt, strlen(txt), h);
    json_object_set_new(after, "answers_sm3", json_string(h));
    e = svc_audit(db, a, who, "submit", "visit", svc_id_text(a, id), v.region_code, NULL, after);
    json_decref(after);
done:
    json_decref(answers);
    json_decref(rj);
    json_decref(res.json);
    checklist_release(&c);
    return svc_end(db, a, e);
}

err_t *visit_svc_amend(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const json_t *answers,
                       const char *reason) {
    if (!reason || strlen(reason) < 4 || strlen(reason) > 2000)
        return err_new(a, ERR_INVALID, "reason", "请填写更正理由（至少 2 个汉字）",
                       "give the reason for the correction");
    if (!json_is_object(answers) || json_object_size(answers) == 0)
        return err_new(a, ERR_INVALID, "answers", "请给出更正的答案", "give the corrected answers");
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    visit_t v;
    checklist_t c = {0};
    json_t *stored = NULL, *before = json_object(), *rj = NULL;
    checklist_result_t res = {0};
    if ((e = visit_load(db, a, who, id, &v))) goto done;
    if (who->role == ROLE_INSPECTOR)
        e = visit_require_recorder(db, a, who, &v);
    else if (who->role != ROLE_ADMIN)
        e = err_new(a, ERR_FORBIDDEN, NULL, "无权更正督导记录", "you may not amend visits");
    if (e) goto done;
    if (strcmp(v.status, "submitted") != 0) {
        e = err_new(a, ERR_CONFLICT, "visit_id", "草稿可直接修改，无需更正", "a draft is edited directly, not amended");
        goto done;
    }
    if ((e = visit_checklist(db, a, &v, &c))) goto done;
    stored = answers_parse(&v);
    if ((e = answers_merge(db, a, &v, &c, answers, stored, before)) || (e = checklist_evaluate(a, &c, stored, &res)))
        goto done;
    if (res.n_missing > 0) {
        e = err_newf(a, ERR_INVALID, arena_printf(a, "answers.%s", res.missing[0]), "更正后仍有 %zu 项未填写",
                     "%zu items would be unanswered", res.n_missing, res.n_missing);
        goto done;
    }
    if ((e = evidence_check(a, &res))) goto done;
    rj = result_json(&res);
    int64_t now = time_now();
    bool had_score = v.score_total != NULL;
    double old_score = had_score ? strtod(v.score_total, NULL) : 0;
    size_t n_findings = 0;
    if ((e = visit_store_add_amendment(db, a, id, reason, json_text(a, before), json_text(a, answers), had_score,
                                       old_score, res.has_score, res.total, who->user_id, now)) ||
        (e = visit_store_set_result(db, a, id, json_text(a, stored), res.has_score, res.total, res.grade,
                                    res.is_veto_failed, json_text(a, rj), false, who->user_id, now)) ||
        (e = visit_findings(db, a, who, &v, &c, &res, &n_findings)))
        goto done;
    json_t *aud_before = json_pack("{s:O, s:o, s:o}", "answers", before, "score_total",
                                   had_score ? json_real(old_score) : json_null(), "grade", jstr(v.grade));
    json_t *aud_after = json_pack("{s:O, s:o, s:o, s:s, s:I}", "answers", answers, "score_total",
                                  res.has_score ? json_real(res.total) : json_null(), "grade", jstr(res.grade),
                                  "reason", reason, "new_findings", (json_int_t)n_findings);
    e = svc_audit(db, a, who, "amend", "visit", svc_id_text(a, id), v.region_code, aud_before, aud_after);
    json_decref(aud_before);
    json_decref(aud_after);
done:
    json_decref(stored);
    json_decref(before);
    json_decref(rj);
    json_decref(res.json);
    checklist_release(&c);
    return svc_end(db, a, e);
}

/* The county of the visit's region, its name, and the office's 文号 prefix (its 机关代字,
 * setting doc.agency_code, overrides the default "德督" made from the county's name). */
static err_t *visit_county(db_t *db, arena_t *a, const visit_t *v, region_t *county, const char **prefix) {
    err_t *e = region_store_get(db, a, "/", v->county_code, county);
    if (e) return e;
    *prefix = svc_doc_prefix(db, a, county->code, county->name, "督"); /* the 机关代字 when set */
    return NULL;
}

err_t *visit_svc_issue_opinion(svc_t *s, arena_t *a, const actor_t *who, int64_t id, const char *evaluation,
                               const char *deadline, const json_t *requirements, visit_document_t *out) {
    if (who->role != ROLE_ADMIN)
        return err_new(a, ERR_FORBIDDEN, NULL, "督导意见书由督导室签发", "the office issues the opinion");
    if (!evaluation || !*evaluation || strlen(evaluation) > 20000)
        return err_new(a, ERR_INVALID, "evaluation", "请填写督导评价", "the evaluation is required");
    if (!deadline || !time_is_date(deadline))
        return err_new(a, ERR_INVALID, "deadline", "整改期限应为 YYYY-MM-DD", "the deadline must be a date YYYY-MM-DD");
    char today[16];
    time_today_cn(today, sizeof today);
    if (strcmp(deadline, today) < 0)
        return err_new(a, ERR_INVALID, "deadline", "整改期限不能早于今天", "the deadline is in the past");
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    visit_t v;
    region_t county;
    const char *prefix;
    if ((e = visit_load(db, a, who, id, &v))) goto done;
    if (strcmp(v.status, "submitted") != 0) {
        e = err_new(a, ERR_CONFLICT, "visit_id", "督导记录提交后才能签发意见书", "the visit must be submitted first");
        goto done;
    }
    /* 专项/综合: not before the 初步意见 and the school's 申辩 (条例第二十、二十一条) */
    if ((e = task_svc_opinion_check_tx(db, a, v.task_id, v.target_id))) goto done;
    if ((e = visit_county(db, a, &v, &county, &prefix))) goto done;
    int64_t now = time_now();
    size_t i;
    json_t *x;
    json_array_foreach((json_t *)requirements, i, x) {
        json_t *fid = json_object_get(x, "finding_id");
        const char *req = json_string_value(json_object_get(x, "requirement"));
        const char *dl = json_string_value(json_object_get(x, "deadline"));
        if (!json_is_integer(fid) || (dl && !time_is_date(dl)) || (req && strlen(req) > 4000)) {
            e = err_new(a, ERR_INVALID, "requirements", "整改要求应为 [{finding_id, requirement, deadline}]",
                        "requirements are [{finding_id, requirement, deadline}]");
            goto done;
        }
        if ((e = visit_store_finding_requirement(db, a, id, json_integer_value(fid), req, dl ? dl : deadline, now)))
            goto done;
    }
    /* every draft finding gets the opinion's deadline unless it has its own */
    if ((e = finding_store_default_draft_deadlines(db, a, id, deadline, now))) goto done;
    int year = atoi(today);
    int64_t seq;
    if ((e = doc_counter_next(db, a, county.code, year, "opinion", &seq))) goto done;
    char no[96];
    task_doc_number(no, sizeof no, prefix, year, (int)seq);
    json_t *body = json_pack("{s:s, s:s}", "evaluation", evaluation, "deadline", deadline);
    *out = (visit_document_t){.kind = "opinion",
                              .visit_id = id,
                              .county_code = county.code,
                              .year = year,
                              .seq = seq,
                              .doc_no = arena_strdup(a, no),
                              .deadline = deadline,
                              .body_json = json_text(a, body),
                              .issued_by = who->user_id};
    if ((e = visit_store_insert_document(db, a, out, now))) {
        json_decref(body);
        goto done;
    }
    json_object_set_new(body, "doc_no", json_string(no));
    e = svc_audit(db, a, who, "issue_opinion", "visit", svc_id_text(a, id), v.region_code, NULL, body);
    json_decref(body);
    if (!e) e = task_svc_on_opinion_issued_tx(db, a, who, v.task_id, v.target_id, no);
done:
    return svc_end(db, a, e);
}

/* ---------------- documents ---------------- */

static const char *inspectors_text(arena_t *a, const task_t *t) {
    buf_t b;
    buf_init(&b);
    for (size_t i = 0; i < t->n_members; i++) {
        if (i) buf_puts(&b, "、");
        buf_puts(&b, t->members[i].name);
        if (strcmp(t->members[i].role, "leader") == 0 && t->n_members > 1) buf_puts(&b, "（组长）");
    }
    char *out = arena_strdup(a, b.p ? b.p : "");
    buf_free(&b);
    return out;
}

static const char *severity_label(const char *sev) {
    if (strcmp(sev, "red_line") == 0) return "红线";
    if (strcmp(sev, "severe") == 0) return "严重";
    if (strcmp(sev, "serious") == 0) return "较重";
    return "一般";
}

/* Everything both documents show, resolved to text. */
/* The checklist's items with the visit's answers, for the record's table. */
static visit_doc_item_t *visit_doc_items(arena_t *a, const checklist_t *c, const json_t *answers,
                                         const checklist_result_t *res) {
    visit_doc_item_t *items = arena_alloc(a, (c->n_leaves + 1) * sizeof *items);
    for (size_t i = 0; i < c->n_leaves; i++) {
        const checklist_leaf_t *l = &c->leaves[i];
        json_t *ans = json_object_get(answers, l->code);
        items[i] = (visit_doc_item_t){.category = l->category_text,
                                      .code = l->code,
                                      .text = l->text,
                                      .answer = checklist_answer_text(a, l, ans),
                                      .note = arena_strdup(a, json_string_value(json_object_get(ans, "note"))),
                                      .is_veto = l->is_veto,
                                      .is_flagged = json_is_true(json_object_get(ans, "flag"))};
        for (size_t k = 0; k < res->n_items; k++)
            if (res->items[k].leaf == l) items[i].is_failed = res->items[k].is_failed;
    }
    return items;
}

/* The photos (JPEG/PNG, at most 24), with the captions people check: time, place, the item
 * they show. */
static err_t *visit_doc_photos(svc_t *s, db_t *db, arena_t *a, const actor_t *who, const visit_t *v, json_t *answers,
                               visit_doc_t *d) {
    err_t *e;
    visit_photo_row_t *ph = NULL;
    size_t n_ph = 0;
    if (sees_office_work(who) && (e = visit_store_photos(db, a, v->id, &ph, &n_ph))) return e;
    visit_doc_photo_t *photos = arena_alloc(a, (n_ph + 1) * sizeof *photos);
    size_t n_photos = 0;
    for (size_t i = 0; i < n_ph && n_photos < 24; i++) {
        if (strcmp(ph[i].mime, "image/jpeg") != 0 && strcmp(ph[i].mime, "image/png") != 0) continue;
        const char *item = NULL;
        const char *code;
        json_t *ans;
        json_object_foreach(answers, code, ans) {
            size_t j;
            json_t *x;
            json_array_foreach(json_object_get(ans, "attachments"), j, x) if (json_integer_value(x) == ph[i].id) item =
                code;
        }
        char when[32] = "时间未知";
        if (ph[i].taken_at) time_format_cn(ph[i].taken_at, when, sizeof when);
        const char *slash = strchr(ph[i].hash, '/');
        photos[n_photos++] = (visit_doc_photo_t){
            .path = arena_printf(a, "%s/%s", s->cfg.data_dir, ph[i].hash),
            .caption = arena_printf(
                a, "%s%s%s · %s%s · SM3 %.12s", item ? "指标 " : "", item ? arena_strdup(a, item) : "",
                item ? " ·" : "", when,
                ph[i].lat ? arena_printf(a, " · %.5f, %.5f", strtod(ph[i].lat, NULL), strtod(ph[i].lng, NULL)) : "",
                slash ? slash + 1 : ph[i].hash)};
    }
    d->photos = photos;
    d->n_photos = n_photos;
    return NULL;
}

static err_t *visit_doc_amendments(db_t *db, arena_t *a, const visit_t *v, visit_doc_t *d) {
    err_t *e;
    visit_amendment_row_t *am;
    size_t n_am;
    if ((e = visit_store_amendments(db, a, v->id, &am, &n_am))) return e;
    const char **amt = arena_alloc(a, (n_am + 1) * sizeof *amt);
    for (size_t i = 0; i < n_am; i++) {
        char when[32];
        time_format_cn(am[i].created_at, when, sizeof when);
        amt[i] = arena_printf(a, "%s %s 更正：%s", when, am[i].by_name ? am[i].by_name : "", am[i].reason);
    }
    d->amendments = amt;
    d->n_amendments = n_am;
    return NULL;
}

static err_t *visit_doc_findings(db_t *db, arena_t *a, const actor_t *who, const visit_t *v, visit_doc_t *d) {
    err_t *e;
    visit_finding_row_t *fs;
    size_t n_fs;
    if ((e = visit_store_findings(db, a, v->id, !sees_office_work(who), &fs, &n_fs))) return e;
    visit_doc_finding_t *df = arena_alloc(a, (n_fs + 1) * sizeof *df);
    for (size_t i = 0; i < n_fs; i++)
        df[i] = (visit_doc_finding_t){.text = fs[i].indicator_text
                                                  ? arena_printf(a, "%s：%s", fs[i].indicator_text, fs[i].description)
                                                  : fs[i].description,
                                      .severity = severity_label(fs[i].severity),
                                      .requirement = fs[i].requirement,
                                      .deadline = fs[i].deadline};
    d->findings = df;
    d->n_findings = n_fs;
    return NULL;
}

/* The visit's further checklists in the record: their items follow the first list's, each
 * category headed with the checklist's name and its own score; the framework line names all. */
static err_t *extras_doc(db_t *db, arena_t *a, const visit_t *v, visit_doc_t *d) {
    visit_fw_row_t *rows;
    size_t n;
    err_t *e = visit_fw_store_list(db, a, v->id, &rows, &n);
    for (size_t i = 0; !e && i < n; i++) {
        checklist_t c = {0};
        checklist_result_t res = {0};
        json_t *answers = extra_answers(&rows[i]);
        if (!(e = extra_checklist(db, a, v, rows[i].framework_version_id, &c)) &&
            !(e = checklist_evaluate(a, &c, answers, &res))) {
            visit_doc_item_t *more = visit_doc_items(a, &c, answers, &res);
            const char *name = c.name ? c.name : c.code;
            const char *score = rows[i].has_score ? arena_printf(a, "得分 %.1f", rows[i].score_total)
                                : res.has_score   ? arena_printf(a, "当前得分 %.1f", res.total)
                                                  : "未计分";
            visit_doc_item_t *all = arena_alloc(a, (d->n_items + c.n_leaves + 1) * sizeof *all);
            memcpy(all, d->items, d->n_items * sizeof *all);
            for (size_t k = 0; k < c.n_leaves; k++) {
                more[k].category = arena_printf(a, "%s（%s）：%s", name, score, more[k].category ? more[k].category : "");
                all[d->n_items + k] = more[k];
            }
            d->items = all;
            d->n_items += c.n_leaves;
            d->framework_name = arena_printf(a, "%s；附加：%s（第 %lld 版，%s）", d->framework_name, name,
                                             (long long)c.version, score);
        }
        json_decref(answers);
        json_decref(res.json);
        checklist_release(&c);
    }
    return e;
}

static err_t *visit_doc_fill(svc_t *s, db_t *db, arena_t *a, const actor_t *who, int64_t id, visit_t *v,
                             visit_doc_t *d) {
    err_t *e = visit_load(db, a, who, id, v);
    if (e) return e;
    task_t t;
    region_t county;
    const char *prefix;
    if ((e = task_store_get(db, a, &(scope_t){.region_path = "/"}, v->task_id, &t)) ||
        (e = visit_county(db, a, v, &county, &prefix)))
        return e;
    checklist_t c = {0};
    if ((e = visit_checklist(db, a, v, &c))) return e;
    json_t *answers = answers_parse(v);
    visit_doc_item_t *items;
    checklist_result_t res;
    if ((e = checklist_evaluate(a, &c, answers, &res))) goto done;
    items = visit_doc_items(a, &c, answers, &res);
    json_decref(res.json);
    char task_kind_buf[32] = "";
    task_kind_t k;
    if (task_kind_parse(t.kind, &k)) snprintf(task_kind_buf, sizeof task_kind_buf, "%s", task_kind_label(k));
    *d = (visit_doc_t){
        .office_name = arena_printf(a, "%s人民政府教育督导室", county.name),
        .school_name = v->school_name ? v->school_name : arena_printf(a, "%s人民政府", v->region_name),
        .school_code = v->school_code,
        .region_name = v->region_name,
        .task_title = t.title,
        .task_kind = arena_strdup(a, task_kind_buf),
        .notice_mode = strcmp(t.notice_mode, "unannounced") == 0 ? "不发通知（四不两直）" : "事先通知",
        .framework_name = arena_printf(a, "%s（第 %lld 版）", c.name ? c.name : c.code, (long long)c.version),
        .inspectors = inspectors_text(a, &t),
        .visit_date = v->visit_date,
        .score = v->score_total ? arena_printf(a, "%.1f", strtod(v->score_total, NULL)) : NULL,
        .grade = v->grade,
        .is_veto_failed = v->is_veto_failed,
        .items = items,
        .n_items = c.n_leaves,
        .notes = v->notes,
    };
    if (v->checkin_at) {
        char when[32];
        time_format_cn(v->checkin_at, when, sizeof when);
        d->checkin = v->checkin_distance_m
                         ? arena_printf(a, "%s 签到，距学校 %.0f 米", when, strtod(v->checkin_distance_m, NULL))
                         : arena_printf(a, "%s 签到", when);
    }
    if (v->submitted_at) {
        char when[32];
        time_format_cn(v->submitted_at, when, sizeof when);
        d->submitted_at = arena_strdup(a, when);
    }
    if ((e = extras_doc(db, a, v, d))) goto done;
    if ((e = visit_doc_photos(s, db, a, who, v, answers, d)) || (e = visit_doc_amendments(db, a, v, d)) ||
        (e = visit_doc_findings(db, a, who, v, d)))
        goto done;
    d->doc_no = prefix; /* replaced by the opinion's number */
done:
    json_decref(answers);
    checklist_release(&c);
    return e;
}

static const char *pdf_name(arena_t *a, const char *kind, const visit_t *v) {
    return arena_printf(a, "%s-%s-%s.pdf", kind, v->school_code ? v->school_code : v->region_code, v->visit_date);
}

err_t *visit_svc_record_pdf(svc_t *s, arena_t *a, const actor_t *who, int64_t id, buf_t *out, const char **filename) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    visit_t v;
    visit_doc_t d;
    if (!e) e = visit_doc_fill(s, db, a, who, id, &v, &d);
    if (!e) e = visit_doc_record_pdf(a, &d, out);
    if (!e) *filename = pdf_name(a, "督导记录表", &v);
    return e;
}

err_t *visit_svc_opinion_pdf(svc_t *s, arena_t *a, const actor_t *who, int64_t id, buf_t *out, const char **filename) {
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    visit_t v;
    visit_doc_t d;
    visit_document_t doc;
    bool found = false;
    if (!e) e = visit_doc_fill(s, db, a, who, id, &v, &d);
    if (!e) e = visit_store_get_document(db, a, id, "opinion", &doc, &found);
    if (!e && !found)
        e = err_new(a, ERR_NOT_FOUND, "visit_id", "该督导记录尚未签发意见书",
                    "no opinion has been issued for this visit");
    if (e) return e;
    json_t *body = json_loads(doc.body_json, 0, NULL);
    d.doc_no = doc.doc_no;
    d.evaluation = arena_strdup(a, json_string_value(json_object_get(body, "evaluation")));
    d.deadline = doc.deadline;
    char issued[32];
    time_format_cn(doc.issued_at, issued, sizeof issued);
    issued[10] = '\0';
    d.issued_on = arena_strdup(a, issued);
    json_decref(body);
    e = visit_doc_opinion_pdf(a, &d, out);
    if (!e) *filename = pdf_name(a, "督导意见书", &v);
    return e;
}

/* ---------------- coverage and calendar ---------------- */

typedef struct ins_tally {
    int64_t id;
    const char *name;
    int64_t n[4]; /* schools, month ok, semester ok, stale */
} ins_tally_t;

/* What the coverage answer holds, computed before it is written. */
typedef struct coverage_doc {
    const char *month, *today, *sfirst, *slast;
    bool is_in_session;
    int per_month;
    const visit_coverage_row_t *rows;
    size_t n, n_month_ok, n_sem_ok, n_stale, n_ins;
    const task_coverage_t *vs;
    const int *days;
    const ins_tally_t *ins;
} coverage_doc_t;

static void coverage_write_school(jw_t *w, const coverage_doc_t *d, size_t i) {
    const visit_coverage_row_t *c = &d->rows[i];
    jw_obj(w);
    jw_key(w, "school_id");
    jw_int(w, c->school_id);
    jw_key(w, "school_name");
    jw_str(w, c->school_name);
    jw_key(w, "school_code");
    jw_str(w, c->school_code);
    jw_key(w, "inspector_id");
    jw_int(w, c->inspector_id);
    jw_key(w, "inspector_name");
    jw_str(w, c->inspector_name);
    jw_key(w, "last_visit");
    jw_str(w, c->last_visit);
    jw_key(w, "days_since");
    if (d->days[i] >= 0)
        jw_int(w, d->days[i]);
    else
        jw_null(w);
    jw_key(w, "n_month");
    jw_int(w, c->n_month);
    jw_key(w, "n_semester");
    jw_int(w, c->n_semester);
    jw_key(w, "is_month_ok");
    jw_bool(w, d->vs[i].is_month_ok);
    jw_key(w, "is_semester_ok");
    jw_bool(w, d->vs[i].is_semester_ok);
    jw_key(w, "is_stale");
    jw_bool(w, d->vs[i].is_stale);
    jw_obj_end(w);
}

static void coverage_write(jw_t *w, const coverage_doc_t *d) {
    jw_obj(w);
    jw_key(w, "month");
    jw_str(w, d->month);
    jw_key(w, "today");
    jw_str(w, d->today);
    jw_key(w, "month_in_session");
    jw_bool(w, d->is_in_session);
    jw_key(w, "rules");
    jw_obj(w);
    jw_key(w, "per_month");
    jw_int(w, d->per_month);
    jw_key(w, "per_semester");
    jw_int(w, 2);
    jw_key(w, "days_since");
    jw_str(w, "school_days");
    jw_obj_end(w);
    jw_key(w, "semester");
    jw_obj(w);
    jw_key(w, "from");
    jw_str(w, d->sfirst);
    jw_key(w, "to");
    jw_str(w, d->slast);
    jw_obj_end(w);
    jw_key(w, "totals");
    jw_obj(w);
    jw_key(w, "n_schools");
    jw_int(w, (int64_t)d->n);
    jw_key(w, "n_month_ok");
    jw_int(w, (int64_t)d->n_month_ok);
    jw_key(w, "n_semester_ok");
    jw_int(w, (int64_t)d->n_sem_ok);
    jw_key(w, "n_stale");
    jw_int(w, (int64_t)d->n_stale);
    jw_obj_end(w);
    jw_key(w, "inspectors");
    jw_arr(w);
    static const char *const keys[] = {"n_schools", "n_month_ok", "n_semester_ok", "n_stale"};
    for (size_t k = 0; k < d->n_ins; k++) {
        jw_obj(w);
        jw_key(w, "inspector_id");
        jw_int(w, d->ins[k].id);
        jw_key(w, "name");
        jw_str(w, d->ins[k].name);
        for (int q = 0; q < 4; q++) {
            jw_key(w, keys[q]);
            jw_int(w, d->ins[k].n[q]);
        }
        jw_obj_end(w);
    }
    jw_arr_end(w);
    for (int pass = 0; pass < 2; pass++) { /* every school, then the stale ones */
        jw_key(w, pass ? "not_visited_30_days" : "schools");
        jw_arr(w);
        for (size_t i = 0; i < d->n; i++) {
            if (pass && !d->vs[i].is_stale) continue;
            coverage_write_school(w, d, i);
        }
        jw_arr_end(w);
    }
    jw_obj_end(w);
}

err_t *visit_svc_coverage(svc_t *s, arena_t *a, const actor_t *who, const char *month, jw_t *w) {
    char today[16], mfirst[16], mlast[16], sfirst[16], slast[16];
    time_today_cn(today, sizeof today);
    const char *m = month ? month : arena_printf(a, "%.7s", today);
    if (!task_month_range(m, mfirst, mlast))
        return err_new(a, ERR_INVALID, "month", "月份应为 YYYY-MM", "month must be YYYY-MM");
    /* the term (校历) of the month's last day, or of today when the month is the current one */
    const char *ref = strcmp(mlast, today) > 0 ? today : mlast;
    if (who->role == ROLE_SCHOOL)
        return err_new(a, ERR_FORBIDDEN, NULL, "学校账号无权查看覆盖情况", "schools do not see coverage");
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    /* the 校历 of the actor's county (the default above county level): the term for 每学期 ≥ 2,
     * whether the month owes a visit (寒暑假 do not), and "30 days" counted on school days */
    cal_t cal = {0};
    if (!e) e = cal_svc_load(db, a, who->region_code, ref, &cal);
    if (e) return e;
    if (!cal_term_of(&cal, ref, sfirst, slast)) task_semester_of(ref, sfirst, slast);
    bool is_in_session = cal_month_in_session(&cal, m);
    visit_coverage_row_t *rows;
    size_t n;
    int per_month = 1;
    if (!e) e = visit_store_setting_int(db, a, who->region_code, "visit.per_month", 1, &per_month);
    if (!e)
        e = visit_store_coverage(db, a, who->region_path, who->role == ROLE_INSPECTOR ? who->user_id : 0, mfirst, mlast,
                                 sfirst, slast, &rows, &n);
    if (e) return e;
    /* one pass for the verdicts and the per-inspector tallies (in order of first appearance),
     * then the document written straight into w */
    task_coverage_t *vs = arena_alloc(a, (n ? n : 1) * sizeof *vs);
    int *days = arena_alloc(a, (n ? n : 1) * sizeof *days);
    ins_tally_t *ins = arena_alloc(a, (n ? n : 1) * sizeof *ins);
    size_t n_ins = 0, n_month_ok = 0, n_sem_ok = 0, n_stale = 0;
    for (size_t i = 0; i < n; i++) {
        const visit_coverage_row_t *c = &rows[i];
        days[i] = -1;
        if (c->last_visit) days[i] = cal_school_days_between(&cal, c->last_visit, today);
        task_coverage_t v = task_coverage_check((int)c->n_month, (int)c->n_semester, per_month, days[i]);
        if (!is_in_session) v.is_month_ok = true; /* a month out of session is not a gap */
        vs[i] = v;
        n_month_ok += v.is_month_ok;
        n_sem_ok += v.is_semester_ok;
        n_stale += v.is_stale;
        size_t k = 0;
        while (k < n_ins && ins[k].id != c->inspector_id) k++;
        if (k == n_ins) ins[n_ins++] = (ins_tally_t){.id = c->inspector_id, .name = c->inspector_name};
        ins[k].n[0]++;
        ins[k].n[1] += v.is_month_ok;
        ins[k].n[2] += v.is_semester_ok;
        ins[k].n[3] += v.is_stale;
    }
    coverage_write(w, &(coverage_doc_t){.month = m, .today = today, .sfirst = sfirst, .slast = slast,
                                        .is_in_session = is_in_session, .per_month = per_month, .rows = rows,
                                        .n = n, .n_month_ok = n_month_ok, .n_sem_ok = n_sem_ok,
                                        .n_stale = n_stale, .n_ins = n_ins, .vs = vs, .days = days, .ins = ins});
    return NULL;
}

err_t *visit_svc_calendar(svc_t *s, arena_t *a, const actor_t *who, const char *month, json_t **out) {
    char today[16], first[16], last[16];
    time_today_cn(today, sizeof today);
    const char *m = month ? month : arena_printf(a, "%.7s", today);
    if (!task_month_range(m, first, last))
        return err_new(a, ERR_INVALID, "month", "月份应为 YYYY-MM", "month must be YYYY-MM");
    db_t *db;
    err_t *e = svc_db(s, a, &db);
    scope_t sc = visit_scope_of(who);
    visit_day_row_t *rows;
    size_t n;
    if (!e) e = visit_store_calendar(db, a, &sc, first, last, &rows, &n);
    task_t *due;
    size_t n_due = 0;
    int64_t total;
    task_filter_t f = {.status = "open", .limit = 200};
    scope_t ts = task_scope_of(who);
    if (!e) e = task_store_list(db, a, &ts, &f, &due, &n_due, &total);
    if (e) return e;
    json_t *days = json_object();
    for (size_t i = 0; i < n; i++) {
        json_t *d = json_object_get(days, rows[i].date);
        if (!d) json_object_set_new(days, rows[i].date, d = json_pack("{s:[], s:[]}", "visits", "due"));
        json_array_append_new(json_object_get(d, "visits"),
                              json_pack("{s:I, s:s, s:s, s:I}", "visit_id", (json_int_t)rows[i].visit_id, "status",
                                        rows[i].status, "target", rows[i].target_name, "task_id",
                                        (json_int_t)rows[i].task_id));
    }
    for (size_t i = 0; i < n_due; i++) {
        if (!due[i].due_on || strcmp(due[i].due_on, first) < 0 || strcmp(due[i].due_on, last) > 0) continue;
        json_t *d = json_object_get(days, due[i].due_on);
        if (!d) json_object_set_new(days, due[i].due_on, d = json_pack("{s:[], s:[]}", "visits", "due"));
        json_array_append_new(json_object_get(d, "due"),
                              json_pack("{s:I, s:s, s:s, s:I, s:I}", "task_id", (json_int_t)due[i].id, "title",
                                        due[i].title, "kind", due[i].kind, "n_targets", (json_int_t)due[i].n_targets,
                                        "n_visited", (json_int_t)due[i].n_visited));
    }
    *out = json_pack("{s:s, s:s, s:s, s:o}", "month", m, "from", first, "to", last, "days", days);
    return NULL;
}

/* ---------------- further checklists (visit_framework) ---------------- */

/* The further checklist `version_id` of visit v, loaded for its school. */
static err_t *extra_checklist(db_t *db, arena_t *a, const visit_t *v, int64_t version_id, checklist_t *c) {
    visit_t w = *v;
    w.framework_version_id = version_id;
    return visit_checklist(db, a, &w, c);
}

static json_t *extra_answers(const visit_fw_row_t *r) {
    json_t *j = json_loads(r->answers_json ? r->answers_json : "{}", 0, NULL);
    return json_is_object(j) ? j : (json_decref(j), json_object());
}

/* [{version_id, position, framework: {code, name, version, source, document}, answers, result}] */
static err_t *extras_json(db_t *db, arena_t *a, const visit_t *v, json_t **out) {
    visit_fw_row_t *rows;
    size_t n;
    err_t *e = visit_fw_store_list(db, a, v->id, &rows, &n);
    if (e) return e;
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        checklist_t c = {0};
        if ((e = extra_checklist(db, a, v, rows[i].framework_version_id, &c))) break;
        json_t *answers = extra_answers(&rows[i]);
        checklist_result_t res;
        if ((e = checklist_evaluate(a, &c, answers, &res))) {
            json_decref(answers);
            checklist_release(&c);
            break;
        }
        json_array_append_new(
            arr, json_pack("{s:I, s:I, s:{s:I, s:s, s:o, s:I, s:o, s:O}, s:o, s:o}", "version_id",
                           (json_int_t)rows[i].framework_version_id, "position", (json_int_t)rows[i].position,
                           "framework", "version_id", (json_int_t)c.version_id, "code", c.code, "name", jstr(c.name),
                           "version", (json_int_t)c.version, "source", jstr(c.source), "document", c.doc, "answers",
                           answers, "result", result_json(&res)));
        json_decref(res.json);
        checklist_release(&c);
    }
    if (e) {
        json_decref(arr);
        return e;
    }
    *out = arr;
    return NULL;
}

static err_t *extras_submit(db_t *db, arena_t *a, const actor_t *who, const visit_t *v, json_t *scores,
                            size_t *n_findings) {
    visit_fw_row_t *rows;
    size_t n;
    err_t *e = visit_fw_store_list(db, a, v->id, &rows, &n);
    for (size_t i = 0; !e && i < n; i++) {
        checklist_t c = {0};
        checklist_result_t res = {0};
        json_t *answers = extra_answers(&rows[i]), *rj = NULL;
        size_t added = 0;
        if ((e = extra_checklist(db, a, v, rows[i].framework_version_id, &c)) ||
            (e = checklist_evaluate(a, &c, answers, &res)))
            goto next;
        if (res.n_missing > 0) {
            e = err_newf(a, ERR_INVALID,
                         arena_printf(a, "checklists.%lld.answers.%s", (long long)rows[i].framework_version_id,
                                      res.missing[0]),
                         "%s 还有 %zu 项未填写（第一项：%s）", "%s: %zu items are not answered (first: %s)", c.name,
                         res.n_missing, res.missing[0], c.code, res.n_missing, res.missing[0]);
            goto next;
        }
        if ((e = evidence_check(a, &res))) {
            e->field = arena_printf(a, "checklists.%lld.%s", (long long)rows[i].framework_version_id, e->field);
            goto next;
        }
        rj = result_json(&res);
        if ((e = visit_fw_store_set_result(db, a, v->id, rows[i].framework_version_id, res.has_score, res.total,
                                           res.grade, res.is_veto_failed, json_text(a, rj))) ||
            (e = visit_findings(db, a, who, v, &c, &res, &added)))
            goto next;
        *n_findings += added;
        json_array_append_new(scores, json_pack("{s:s, s:o, s:o, s:b}", "code", c.code, "score_total",
                                                res.has_score ? json_real(res.total) : json_null(), "grade",
                                                jstr(res.grade), "is_veto_failed", res.is_veto_failed));
    next:
        json_decref(answers);
        json_decref(rj);
        json_decref(res.json);
        checklist_release(&c);
    }
    return e;
}

err_t *visit_svc_save_checklist(svc_t *s, arena_t *a, const actor_t *who, int64_t id, int64_t version_id,
                                const json_t *answers) {
    db_t *db;
    err_t *e = svc_begin(s, a, &db);
    if (e) return e;
    visit_t v;
    checklist_t c = {0};
    json_t *stored = NULL;
    visit_fw_row_t *rows, *row = NULL;
    size_t n;
    if ((e = visit_load(db, a, who, id, &v)) || (e = visit_require_recorder(db, a, who, &v)) ||
        (e = visit_require_draft(a, &v)) || (e = visit_fw_store_list(db, a, id, &rows, &n)))
        goto done;
    for (size_t i = 0; i < n; i++)
        if (rows[i].framework_version_id == version_id) row = &rows[i];
    if (!row) {
        e = err_new(a, ERR_NOT_FOUND, "version_id", "本督导记录没有该清单", "this visit carries no such checklist");
        goto done;
    }
    if ((e = extra_checklist(db, a, &v, version_id, &c))) goto done;
    stored = extra_answers(row);
    if ((e = answers_merge(db, a, &v, &c, answers, stored, NULL)) ||
        (e = visit_fw_store_save(db, a, id, version_id, json_text(a, stored))))
        goto done;
    json_t *after = json_pack("{s:s, s:I, s:O}", "checklist", c.code, "version_id", (json_int_t)version_id, "answers",
                              (json_t *)answers);
    e = svc_audit(db, a, who, "save", "visit", svc_id_text(a, id), v.region_code, NULL, after);
    json_decref(after);
done:
    json_decref(stored);
    checklist_release(&c);
    return svc_end(db, a, e);
}
