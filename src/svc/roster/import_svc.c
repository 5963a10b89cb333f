#include "svc/roster/import_svc.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/roster/codes.h"
#include "docs/tabular.h"
#include "store/roster/assignment_store.h"
#include "store/roster/import_job_store.h"
#include "store/roster/inspector_store.h"
#include "store/platform/region_store.h"
#include "store/roster/school_store.h"
#include "store/roster/zone_store.h"
#include "svc/roster/roster_svc.h"
#include "svc/roster/school_svc.h"

typedef struct import_job import_job_t;

static const import_column_t school_columns[] = {
    {"学校标识码", "code", true, "2133000101", "10 位，教育部赋码；重复导入按此更新"},
    {"学校名称", "name", true, "德清县武康街道中心小学", ""},
    {"所在地代码", "region_code", true, "330521001", "乡镇/街道 9 位代码（或县级 6 位）"},
    {"办学类型码", "type_code", true, "211",
     "111 幼儿园 211 小学 218 教学点 311 初中 312 九年一贯制 341 完全中学 342 高中 345 十二年一贯制 365 职高 51x 特教"},
    {"民办", "is_private", false, "否", "是/否"},
    {"举办者", "organizer", false, "教育部门", "教育部门/其他部门/地方企业/事业单位/部队/集体/民办"},
    {"城乡分类代码", "urban_rural_code", false, "111", "111/112/121/122/123/210/220"},
    {"地址", "address", false, "武康街道学府路 1 号", ""},
    {"纬度", "lat", false, "30.5412", ""},
    {"经度", "lng", false, "119.9501", ""},
    {"校长", "principal", false, "王建国", ""},
    {"电话", "phone", false, "0572-8012345", ""},
    {"中心校", "is_central", false, "是", "是/否"},
    {"责任区", "zone", false, "城区责任区", "本县已有的责任区名称"},
    {"幼儿园在校生", "kindergarten.enrollment", false, "", ""},
    {"幼儿园班级数", "kindergarten.n_classes", false, "", ""},
    {"小学在校生", "primary.enrollment", false, "1200", ""},
    {"小学班级数", "primary.n_classes", false, "30", ""},
    {"初中在校生", "junior.enrollment", false, "", ""},
    {"初中班级数", "junior.n_classes", false, "", ""},
    {"高中在校生", "senior.enrollment", false, "", ""},
    {"高中班级数", "senior.n_classes", false, "", ""},
    {"中职在校生", "vocational.enrollment", false, "", ""},
    {"中职班级数", "vocational.n_classes", false, "", ""},
    {"特教在校生", "special.enrollment", false, "", ""},
    {"特教班级数", "special.n_classes", false, "", ""},
};

static const import_column_t zone_columns[] = {
    {"县级代码", "county_code", true, "330521", ""},
    {"责任区名称", "name", true, "城区责任区", "同一县内唯一；重复导入按此更新"},
    {"片区", "district_name", false, "城区片", "可选"},
};

static const import_column_t inspector_columns[] = {
    {"督学证号", "cert_no", true, "ZJ330521-001", "重复导入按此更新"},
    {"姓名", "name", true, "周建国", ""},
    {"类别", "kind", true, "兼职", "专职/兼职/特聘"},
    {"聘任区划代码", "region_code", true, "330521", "县级或以上"},
    {"工作单位", "employer", false, "县教研室", ""},
    {"职务", "post", false, "责任督学", ""},
    {"学历", "degree", false, "本科", "博士/硕士/本科/专科/其他"},
    {"教育工作年限", "years_in_education", false, "15", ""},
    {"聘任日期", "appointed_on", false, "2024-09-01", "YYYY-MM-DD"},
    {"任期开始", "term_start", false, "2024-09-01", "YYYY-MM-DD"},
    {"任期结束", "term_end", false, "2027-08-31", "YYYY-MM-DD；兼职每届 3 年"},
    {"连续任期数", "n_terms", false, "1", "兼职不超过 3"},
    {"本年度培训学时", "training_hours", false, "40", "不少于 40"},
    {"状态", "status", false, "在岗", "在岗/暂停/离任"},
    {"电话", "phone", false, "13705720001", ""},
};

static const import_column_t assignment_columns[] = {
    {"学校标识码", "school_code", true, "2133000101", ""},
    {"督学证号", "cert_no", true, "ZJ330521-001", ""},
    {"角色", "role", false, "责任督学", "责任督学/协助督学"},
    {"开始日期", "starts_on", false, "2024-09-01", "YYYY-MM-DD，默认今天"},
};

const import_column_t *import_columns(import_kind_t kind, size_t *n) {
    switch (kind) {
    case IMPORT_SCHOOLS:
        *n = sizeof school_columns / sizeof school_columns[0];
        return school_columns;
    case IMPORT_ZONES:
        *n = sizeof zone_columns / sizeof zone_columns[0];
        return zone_columns;
    case IMPORT_INSPECTORS:
        *n = sizeof inspector_columns / sizeof inspector_columns[0];
        return inspector_columns;
    default:
        *n = sizeof assignment_columns / sizeof assignment_columns[0];
        return assignment_columns;
    }
}

bool import_kind_parse(const char *name, import_kind_t *out) {
    static const char *names[] = {"schools", "zones", "inspectors", "assignments"};
    for (int i = 0; name && i < 4; i++)
        if (strcmp(name, names[i]) == 0) {
            *out = (import_kind_t)i;
            return true;
        }
    return false;
}

enum { IMPORT_MAX_COLS = 64 };

typedef struct import_ctx {
    arena_t *a; /* result arena: errors */
    arena_t row;
    db_t *db;
    const actor_t *who;
    import_kind_t kind;
    const import_column_t *cols;
    size_t n_cols;
    int cell_of[IMPORT_MAX_COLS]; /* column → cell index, -1 when absent */
    const char *label_of[IMPORT_MAX_COLS];
    bool has_header;
    const char *const *cells;
    size_t n_cells;
    int64_t row_no;
    import_result_t *res;
    /* natural keys seen in this file, to refuse a row that repeats an earlier one */
    char **seen;
    size_t n_seen, cap_seen;
    import_job_t *job; /* progress published here, or NULL */
} import_ctx_t;

/* ---------------- progress of running imports ----------------
 * In the database (store/roster/import_job_store), so a poll reaching any instance answers.
 * The running import writes its progress on a connection of its own, outside its
 * transaction; row counts at most every JOB_WRITE_EVERY_S second (a write per row would cost
 * as much as the import). */
enum { JOB_ID_MAX = 64, JOB_WRITE_EVERY_S = 1 };
struct import_job {
    db_t *db; /* the job's own connection */
    int64_t user_id;
    const char *id;
    time_t written; /* when progress was last written */
};

bool import_job_id_valid(const char *id) {
    size_t n = id ? strlen(id) : 0;
    if (n < 8 || n > JOB_ID_MAX) return false;
    for (size_t i = 0; i < n; i++)
        if (!((id[i] >= '0' && id[i] <= '9') || (id[i] >= 'a' && id[i] <= 'z') || (id[i] >= 'A' && id[i] <= 'Z') ||
              id[i] == '-' || id[i] == '_'))
            return false;
    return true;
}

static err_t *job_start(svc_t *s, arena_t *a, int64_t user_id, const char *id, import_job_t *j) {
    *j = (import_job_t){.user_id = user_id, .id = id};
    err_t *e = db_open(db_pool_url(s->pool), &j->db, a);
    if (!e) e = import_job_store_start(j->db, a, user_id, id, time(NULL));
    return e;
}

/* Best effort: inside the import's transaction (is_inside) a progress write that would wait
 * for the import's own lock (SQLite) is skipped. */
static void job_progress(import_job_t *j, bool is_inside, const char *phase, int64_t done, int64_t total) {
    if (!j) return;
    time_t now = time(NULL);
    if (!phase && now - j->written < JOB_WRITE_EVERY_S) return;
    arena_t t;
    arena_init(&t);
    if (!import_job_store_progress(j->db, &t, j->user_id, j->id, phase, done, total, is_inside, now))
        j->written = now;
    arena_free(&t);
}

static err_t *job_finish(import_job_t *j, arena_t *a, const import_result_t *r, const err_t *e) {
    json_t *res;
    if (e)
        res = json_pack("{s:s, s:s, s:o}", "error", err_code_name(e->code), "message", e->message, "field",
                        e->field ? json_string(e->field) : json_null());
    else
        res = import_result_to_json(r);
    char *text = json_dumps(res, JSON_COMPACT);
    json_decref(res);
    err_t *fe = import_job_store_finish(j->db, a, j->user_id, j->id, e ? "failed" : "done", r->n_rows, text,
                                       time(NULL));
    free(text);
    db_close(j->db);
    return fe;
}

err_t *import_svc_job(svc_t *s, arena_t *a, const actor_t *who, const char *id, json_t **out) {
    if (!import_job_id_valid(id)) return err_new(a, ERR_NOT_FOUND, "id", "导入任务不存在", "no such import job");
    db_t *db;
    import_job_row_t g;
    bool found = false;
    err_t *e = svc_db(s, a, &db);
    if (!e) e = import_job_store_get(db, a, who->user_id, id, time(NULL), &g, &found);
    if (e) return e;
    if (!found) return err_new(a, ERR_NOT_FOUND, "id", "导入任务不存在或已过期", "no such import job, or it expired");
    json_t *res = g.result ? json_loads(g.result, 0, NULL) : NULL;
    *out = json_pack("{s:s, s:s, s:I, s:I, s:o}", "id", g.id, "phase", g.phase, "rows_done", (json_int_t)g.rows_done,
                     "rows_total", (json_int_t)g.rows_total, "result", res ? res : json_null());
    return NULL;
}

static err_t *count_row(void *ctx, size_t row_no, const char *const *cells, size_t n_cells) {
    (void)cells;
    (void)n_cells;
    *(size_t *)ctx = row_no;
    return NULL;
}

static void import_add_error(import_ctx_t *c, const char *column, const char *message) {
    import_result_t *r = c->res;
    r->n_errors++;
    if (r->n_errors > IMPORT_MAX_ERRORS) return;
    if (r->n_errors == 1 || (r->n_errors & (r->n_errors - 1)) == 0) { /* grow at powers of two */
        import_error_t *grown = arena_alloc(c->a, 2 * r->n_errors * sizeof *grown);
        if (r->n_errors > 1) memcpy(grown, r->errors, (r->n_errors - 1) * sizeof *grown);
        r->errors = grown;
    }
    import_error_t *e = &r->errors[r->n_errors - 1];
    e->row = c->row_no;
    e->column = arena_strdup(c->a, column);
    e->message = arena_strdup(c->a, message);
}

static int import_col(const import_ctx_t *c, const char *field) {
    for (size_t i = 0; i < c->n_cols; i++)
        if (strcmp(c->cols[i].field, field) == 0) return (int)i;
    return -1;
}

/* The trimmed cell of a field, NULL when empty or absent. In the row arena. */
static const char *cell(import_ctx_t *c, const char *field) {
    int k = import_col(c, field);
    if (k < 0 || c->cell_of[k] < 0 || (size_t)c->cell_of[k] >= c->n_cells) return NULL;
    const char *v = c->cells[c->cell_of[k]];
    while (*v == ' ' || *v == '\t')
        v++;
    size_t n = strlen(v);
    while (n && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\r' || v[n - 1] == '\n'))
        n--;
    return n ? arena_strndup(&c->row, v, n) : NULL;
}

static const char *label(import_ctx_t *c, const char *field) {
    int k = field ? import_col(c, field) : -1;
    if (k < 0) {
        /* API field names that differ from column fields */
        if (field && strcmp(field, "zone_id") == 0) k = import_col(c, "zone");
        if (field && strcmp(field, "sections") == 0) return "学段";
        if (field && (strcmp(field, "inspector_id") == 0)) k = import_col(c, "cert_no");
        if (field && (strcmp(field, "school_id") == 0)) k = import_col(c, "school_code");
        if (k < 0) return NULL;
    }
    return c->label_of[k] ? c->label_of[k] : c->cols[k].label;
}

static bool parse_bool(const char *v, bool *out) {
    static const char *yes[] = {"是", "true", "TRUE", "1", "Y", "y", "yes"};
    static const char *no[] = {"否", "false", "FALSE", "0", "N", "n", "no"};
    for (size_t i = 0; i < 7; i++) {
        if (strcmp(v, yes[i]) == 0) return *out = true, true;
        if (strcmp(v, no[i]) == 0) return *out = false, true;
    }
    return false;
}

/* An integer cell; false (with the row error recorded) when malformed. */
static bool cell_int(import_ctx_t *c, const char *field, int64_t *out) {
    const char *v = cell(c, field);
    if (!v) return true;
    char *end = NULL;
    long long x = strtoll(v, &end, 10);
    if (end && *end == '.' && strspn(end + 1, "0") == strlen(end + 1)) end += strlen(end); /* "12.0" */
    if (!end || *end || x < 0) {
        import_add_error(c, label(c, field), "应为非负整数 / must be a whole number >= 0");
        return false;
    }
    *out = x;
    return true;
}

static bool cell_bool(import_ctx_t *c, const char *field, bool *out) {
    const char *v = cell(c, field);
    if (!v) return true;
    if (parse_bool(v, out)) return true;
    import_add_error(c, label(c, field), "应为“是”或“否” / must be 是 or 否");
    return false;
}

/* Maps a Chinese label in the cell to the API's value. */
static const char *cell_enum(import_ctx_t *c, const char *field, const char *const *labels, const char *const *values,
                             bool *is_ok) {
    const char *v = cell(c, field);
    if (!v) return NULL;
    for (size_t i = 0; labels[i]; i++)
        if (strcmp(v, labels[i]) == 0 || strcmp(v, values[i]) == 0) return values[i];
    import_add_error(c, label(c, field), arena_printf(&c->row, "无法识别的值：%s / unknown value: %s", v, v));
    *is_ok = false;
    return NULL;
}

static bool import_seen(import_ctx_t *c, const char *key) {
    for (size_t i = 0; i < c->n_seen; i++)
        if (strcmp(c->seen[i], key) == 0) return true;
    if (c->n_seen == c->cap_seen) {
        size_t cap = c->cap_seen ? c->cap_seen * 2 : 256;
        char **grown = arena_alloc(c->a, cap * sizeof *grown);
        if (c->n_seen) memcpy(grown, c->seen, c->n_seen * sizeof *grown);
        c->seen = grown;
        c->cap_seen = cap;
    }
    c->seen[c->n_seen++] = arena_strdup(c->a, key);
    return false;
}

static err_t *import_school_row(import_ctx_t *c, bool *is_update) {
    arena_t *a = &c->row;
    school_t in = {.code = cell(c, "code"),
                   .name = cell(c, "name"),
                   .region_code = cell(c, "region_code"),
                   .type_code = cell(c, "type_code"),
                   .urban_rural_code = cell(c, "urban_rural_code"),
                   .address = cell(c, "address"),
                   .lat = cell(c, "lat"),
                   .lng = cell(c, "lng"),
                   .principal = cell(c, "principal"),
                   .phone = cell(c, "phone"),
                   .status = "open"};
    const char *organizer = cell(c, "organizer"); /* the label as the template shows it, or the key */
    in.organizer = codes_organizer_parse(organizer) ? codes_organizer_parse(organizer) : organizer;
    bool is_ok = cell_bool(c, "is_private", &in.is_private) & cell_bool(c, "is_central", &in.is_central);
    static const char *sections[] = {"kindergarten", "primary", "junior", "senior", "vocational", "special"};
    in.sections = arena_alloc(a, 6 * sizeof *in.sections);
    for (int k = 0; k < 6; k++) {
        int64_t en = -1, nc = -1;
        const char *fe = arena_printf(a, "%s.enrollment", sections[k]),
                   *fn = arena_printf(a, "%s.n_classes", sections[k]);
        is_ok &= cell_int(c, fe, &en) & cell_int(c, fn, &nc);
        if (en >= 0 || nc >= 0)
            in.sections[in.n_sections++] = (school_section_row_t){sections[k], en > 0 ? en : 0, nc > 0 ? nc : 0};
    }
    if (!is_ok) return NULL;
    if (in.code && import_seen(c, in.code)) {
        import_add_error(c, label(c, "code"), "学校标识码在文件中重复 / the school code repeats an earlier row");
        return NULL;
    }
    const char *zone_name = cell(c, "zone");
    if (zone_name && in.region_code) {
        region_t r;
        err_t *e = region_store_get(c->db, a, c->who->region_path, in.region_code, &r);
        if (e) return e;
        zone_t z;
        bool found = false;
        if ((e = zone_store_find(c->db, a, strcmp(r.level, "town") == 0 ? r.parent_code : r.code, zone_name, &z,
                                 &found)))
            return e;
        if (!found)
            return err_newf(a, ERR_INVALID, "zone_id", "本县没有名为 %s 的责任区", "no zone named %s in the county",
                            zone_name, zone_name);
        in.zone_id = z.id;
    }
    school_t out;
    int64_t id = 0;
    const char *status = NULL;
    err_t *e = in.code ? school_store_id_by_code(c->db, a, in.code, &id, &status) : NULL;
    if (e) return e;
    *is_update = id != 0;
    if (id) {
        in.status = status; /* an import does not reopen or close schools */
        return school_svc_update_tx(c->db, a, c->who, id, &in, &out);
    }
    return school_svc_create_tx(c->db, a, c->who, &in, &out);
}

static err_t *import_zone_row(import_ctx_t *c, bool *is_update) {
    arena_t *a = &c->row;
    const char *county = cell(c, "county_code"), *name = cell(c, "name"), *district = cell(c, "district_name");
    if (county && name && import_seen(c, arena_printf(a, "%s/%s", county, name))) {
        import_add_error(c, label(c, "name"), "责任区在文件中重复 / the zone repeats an earlier row");
        return NULL;
    }
    zone_t z, out;
    bool found = false;
    err_t *e = county && name ? zone_store_find(c->db, a, county, name, &z, &found) : NULL;
    if (e) return e;
    *is_update = found;
    if (!found) return zone_svc_create_tx(c->db, a, c->who, county, name, district, &out);
    /* a district named in the file moves the zone through the use case (scope, audit row) */
    if (district) return zone_svc_update_tx(c->db, a, c->who, z.id, NULL, district, true, &out);
    region_t r; /* nothing to change: only the scope check */
    return region_store_get(c->db, a, c->who->region_path, county, &r);
}

static err_t *import_inspector_row(import_ctx_t *c, bool *is_update) {
    arena_t *a = &c->row;
    static const char *kind_labels[] = {"专职", "兼职", "特聘", NULL};
    static const char *kind_values[] = {"full_time", "part_time", "special", NULL};
    static const char *degree_labels[] = {"博士", "硕士", "本科", "专科", "其他", NULL};
    static const char *degree_values[] = {"doctor", "master", "bachelor", "associate", "other", NULL};
    static const char *status_labels[] = {"在岗", "暂停", "离任", NULL};
    static const char *status_values[] = {"active", "suspended", "retired", NULL};
    bool is_ok = true;
    inspector_t in = {.cert_no = cell(c, "cert_no"),
                      .name = cell(c, "name"),
                      .region_code = cell(c, "region_code"),
                      .employer = cell(c, "employer"),
                      .post = cell(c, "post"),
                      .appointed_on = cell(c, "appointed_on"),
                      .term_start = cell(c, "term_start"),
                      .term_end = cell(c, "term_end"),
                      .phone = cell(c, "phone"),
                      .n_terms = 1};
    in.kind = cell_enum(c, "kind", kind_labels, kind_values, &is_ok);
    in.degree = cell_enum(c, "degree", degree_labels, degree_values, &is_ok);
    in.status = cell_enum(c, "status", status_labels, status_values, &is_ok);
    is_ok &= cell_int(c, "years_in_education", &in.years_in_education) & cell_int(c, "n_terms", &in.n_terms) &
             cell_int(c, "training_hours", &in.training_hours);
    if (!is_ok) return NULL;
    if (in.cert_no && import_seen(c, in.cert_no)) {
        import_add_error(c, label(c, "cert_no"), "督学证号在文件中重复 / the certificate repeats an earlier row");
        return NULL;
    }
    inspector_t cur, out;
    bool found = false;
    err_t *e = in.cert_no ? inspector_store_find_cert(c->db, a, in.cert_no, &cur, &found) : NULL;
    if (e) return e;
    *is_update = found;
    if (found) {
        in.user_id = cur.user_id;
        return inspector_svc_update_tx(c->db, a, c->who, cur.id, &in, &out);
    }
    return inspector_svc_create_tx(c->db, a, c->who, &in, &out);
}

static err_t *import_assignment_row(import_ctx_t *c, bool *is_update) {
    arena_t *a = &c->row;
    static const char *role_labels[] = {"责任督学", "协助督学", NULL};
    static const char *role_values[] = {"lead", "member", NULL};
    bool is_ok = true;
    const char *code = cell(c, "school_code"), *cert = cell(c, "cert_no"), *starts_on = cell(c, "starts_on");
    const char *role = cell_enum(c, "role", role_labels, role_values, &is_ok);
    if (!is_ok) return NULL;
    if (!code) return err_new(a, ERR_INVALID, "school_id", "缺少学校标识码", "the school code is required");
    if (!cert) return err_new(a, ERR_INVALID, "inspector_id", "缺少督学证号", "the certificate number is required");
    school_t sch;
    inspector_t ins;
    bool has_school = false, has_inspector = false;
    err_t *e = school_store_find_code(c->db, a, code, &sch, &has_school);
    if (!e) e = inspector_store_find_cert(c->db, a, cert, &ins, &has_inspector);
    if (e) return e;
    if (!has_school)
        return err_newf(a, ERR_INVALID, "school_id", "学校 %s 不存在", "no school with code %s", code, code);
    if (!has_inspector)
        return err_newf(a, ERR_INVALID, "inspector_id", "督学 %s 不存在", "no inspector %s", cert, cert);
    if (import_seen(c, arena_printf(a, "%s/%s", code, cert))) {
        import_add_error(c, NULL, "该挂牌在文件中重复 / the assignment repeats an earlier row");
        return NULL;
    }
    assignment_t open;
    bool is_open = false;
    if ((e = assignment_store_open_pair(c->db, a, ins.id, sch.id, &open, &is_open))) return e;
    if (is_open) { /* already in force: re-importing changes nothing */
        *is_update = true;
        return NULL;
    }
    assignment_t out;
    assign_result_t res;
    return assignment_svc_create_tx(c->db, a, c->who, ins.id, sch.id, role ? role : "lead", starts_on, &out, &res);
}

static err_t *import_header(import_ctx_t *c, const char *const *cells, size_t n) {
    for (size_t i = 0; i < c->n_cols; i++)
        c->cell_of[i] = -1;
    for (size_t k = 0; k < n; k++) {
        const char *h = cells[k];
        while (*h == ' ')
            h++;
        if (!*h) continue;
        size_t len = strlen(h);
        while (len && h[len - 1] == ' ')
            len--;
        bool is_known = false;
        for (size_t i = 0; i < c->n_cols; i++)
            if ((strlen(c->cols[i].label) == len && memcmp(c->cols[i].label, h, len) == 0) ||
                (strlen(c->cols[i].field) == len && memcmp(c->cols[i].field, h, len) == 0)) {
                if (c->cell_of[i] >= 0)
                    return err_newf(c->a, ERR_INVALID, "file", "第 1 行：列“%s”重复", "row 1: column %s appears twice",
                                    c->cols[i].label, c->cols[i].label);
                c->cell_of[i] = (int)k;
                c->label_of[i] = arena_strndup(c->a, h, len);
                is_known = true;
            }
        if (!is_known) {
            const char *name = arena_strndup(c->a, h, len);
            return err_newf(c->a, ERR_INVALID, "file", "第 1 行：无法识别的列“%s”（请使用模板）",
                            "row 1: unknown column %s (use the template)", name, name);
        }
    }
    for (size_t i = 0; i < c->n_cols; i++)
        if (c->cols[i].is_required && c->cell_of[i] < 0)
            return err_newf(c->a, ERR_INVALID, "file", "第 1 行：缺少必填列“%s”",
                            "row 1: the required column %s is missing", c->cols[i].label, c->cols[i].label);
    c->has_header = true;
    return NULL;
}

static err_t *import_on_row(void *ctx, size_t row_no, const char *const *cells, size_t n_cells) {
    import_ctx_t *c = ctx;
    if (!c->has_header) return import_header(c, cells, n_cells);
    c->row_no = (int64_t)row_no;
    c->cells = cells;
    c->n_cells = n_cells;
    c->res->n_rows++;
    arena_free(&c->row);
    err_t *e = import_job_store_row_begin(c->db, &c->row);
    if (e) return err_new(c->a, e->code, NULL, "数据库错误", "database error");
    size_t n_errors_before = c->res->n_errors;
    bool is_update = false;
    switch (c->kind) {
    case IMPORT_SCHOOLS:
        e = import_school_row(c, &is_update);
        break;
    case IMPORT_ZONES:
        e = import_zone_row(c, &is_update);
        break;
    case IMPORT_INSPECTORS:
        e = import_inspector_row(c, &is_update);
        break;
    default:
        e = import_assignment_row(c, &is_update);
        break;
    }
    if (e && (e->code == ERR_UNAVAILABLE || e->code == ERR_INTERNAL))
        return err_new_raw(c->a, e->code, NULL, arena_strdup(c->a, e->message));
    if (e) import_add_error(c, label(c, e->field), e->message);
    /* a bad row leaves nothing behind, even on PostgreSQL where a failed statement poisons
     * the transaction; the whole file is still rolled back at the end when any row failed */
    if ((e = import_job_store_row_end(c->db, &c->row, c->res->n_errors == n_errors_before)))
        return err_new(c->a, e->code, NULL, "数据库错误", "database error");
    if (c->res->n_errors == n_errors_before) {
        if (is_update)
            c->res->n_updated++;
        else
            c->res->n_created++;
    }
    job_progress(c->job, true, NULL, c->res->n_rows, -1);
    return NULL;
}

static err_t *import_run(svc_t *s, arena_t *a, const actor_t *who, import_kind_t kind, const char *path,
                         import_job_t *job, import_result_t *out) {
    memset(out, 0, sizeof *out);
    import_ctx_t c = {.a = a, .who = who, .kind = kind, .res = out, .job = job};
    c.cols = import_columns(kind, &c.n_cols);
    err_t *e = NULL;
    if (job) { /* a first pass counts the rows, so progress has a total */
        size_t last = 0;
        arena_t ca;
        arena_init(&ca);
        e = tabular_read(&ca, path, count_row, &last);
        arena_free(&ca);
        job_progress(job, false, "importing", 0, last > 1 ? (int64_t)last - 1 : 0);
        e = NULL; /* the real pass reports the file's problems */
    }
    arena_init(&c.row);
    if ((e = svc_begin(s, a, &c.db))) return e;
    e = tabular_read(a, path, import_on_row, &c);
    arena_free(&c.row);
    if (!e && !c.has_header)
        e = err_new(a, ERR_INVALID, "file", "文件是空的（没有表头）", "the file is empty (no header row)");
    if (e || out->n_errors) {
        db_rollback(c.db);
        out->n_created = out->n_updated = 0;
        return e;
    }
    job_progress(job, true, "committing", -1, -1);
    if ((e = svc_end(c.db, a, NULL))) return e;
    out->is_written = true;
    return NULL;
}

err_t *import_svc_run(svc_t *s, arena_t *a, const actor_t *who, import_kind_t kind, const char *path,
                      import_result_t *out) {
    return import_run(s, a, who, kind, path, NULL, out);
}

err_t *import_svc_run_job(svc_t *s, arena_t *a, const actor_t *who, import_kind_t kind, const char *path,
                          const char *job_id, import_result_t *out) {
    if (!job_id) return import_run(s, a, who, kind, path, NULL, out);
    if (!import_job_id_valid(job_id))
        return err_new(a, ERR_INVALID, "job", "任务编号应为 8–64 位字母、数字、- 或 _",
                       "job must be 8-64 letters, digits, - or _");
    import_job_t job;
    err_t *e = job_start(s, a, who->user_id, job_id, &job);
    if (e) {
        if (job.db) db_close(job.db);
        return e;
    }
    e = import_run(s, a, who, kind, path, &job, out);
    err_t *fe = job_finish(&job, a, out, e);
    return e ? e : fe;
}

json_t *import_result_to_json(const import_result_t *r) {
    json_t *errs = json_array();
    size_t n = r->n_errors < IMPORT_MAX_ERRORS ? r->n_errors : IMPORT_MAX_ERRORS;
    for (size_t i = 0; i < n; i++)
        json_array_append_new(errs, json_pack("{s:I, s:o, s:s}", "row", (json_int_t)r->errors[i].row, "column",
                                              r->errors[i].column ? json_string(r->errors[i].column) : json_null(),
                                              "message", r->errors[i].message));
    return json_pack("{s:b, s:I, s:I, s:I, s:I, s:o}", "is_written", r->is_written, "n_rows", (json_int_t)r->n_rows,
                     "n_created", (json_int_t)r->n_created, "n_updated", (json_int_t)r->n_updated, "n_errors",
                     (json_int_t)r->n_errors, "errors", errs);
}
