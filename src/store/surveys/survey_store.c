#include "store/surveys/survey_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlb.h"

static double cell_double(const db_rows_t *r, size_t i, size_t c) {
    const char *s = db_cell(r, i, c);
    return s ? strtod(s, NULL) : 0;
}

err_t *survey_store_builtin_sync(db_t *db, arena_t *a, const char *code, const char *name, const char *source,
                                 const char *document, const char *digest, int64_t now) {
    db_rows_t r;
    err_t *e = db_query(db, a, "SELECT id FROM survey_form WHERE code = $1", DB_P(DBV_S(code)), &r);
    if (e) return e;
    int64_t form_id = db_scalar_int(&r, 0);
    if (!form_id) {
        if ((e = db_query(db, a,
                          "INSERT INTO survey_form (code, name, source, is_builtin, created_at) VALUES ($1, $2, $3, 1, "
                          "$4) RETURNING id",
                          DB_P(DBV_S(code), DBV_S(name), DBV_S(source), DBV_I(now)), &r)))
            return e;
        form_id = db_scalar_int(&r, 0);
    }
    if ((e = db_query(
             db, a, "SELECT version, digest FROM survey_form_version WHERE form_id = $1 ORDER BY version DESC LIMIT 1",
             DB_P(DBV_I(form_id)), &r)))
        return e;
    if (r.n_rows && strcmp(db_cell(&r, 0, 1), digest) == 0) return NULL;
    int64_t version = r.n_rows ? db_cell_int(&r, 0, 0) + 1 : 1;
    if ((e = db_query(db, a, "UPDATE survey_form SET name = $2, source = $3 WHERE id = $1",
                      DB_P(DBV_I(form_id), DBV_S(name), DBV_S(source)), NULL)))
        return e;
    return db_query(db, a,
                    "INSERT INTO survey_form_version (form_id, version, status, document, digest, created_at, "
                    "published_at) VALUES ($1, $2, 'published', $3, $4, $5, $5)",
                    DB_P(DBV_I(form_id), DBV_I(version), DBV_S(document), DBV_S(digest), DBV_I(now)), NULL);
}

#define V_COLS                                                                                                         \
    "SELECT v.id, v.form_id, v.version, f.code, f.name, f.source, v.status, %s, v.digest, f.region_code, "             \
    "f.is_builtin, v.created_at, v.published_at FROM survey_form_version v JOIN survey_form f ON f.id = v.form_id "    \
    "WHERE (f.region_code IS NULL"

static void version_row(const db_rows_t *r, size_t i, survey_version_row_t *v) {
    *v = (survey_version_row_t){
        .id = db_cell_int(r, i, 0),
        .form_id = db_cell_int(r, i, 1),
        .version = db_cell_int(r, i, 2),
        .code = db_cell(r, i, 3),
        .name = db_cell(r, i, 4),
        .source = db_cell(r, i, 5),
        .status = db_cell(r, i, 6),
        .document = db_cell(r, i, 7),
        .digest = db_cell(r, i, 8),
        .region_code = db_cell(r, i, 9),
        .is_builtin = db_cell_int(r, i, 10) != 0,
        .created_at = db_cell_int(r, i, 11),
        .published_at = db_cell_int(r, i, 12),
    };
}

/* A form of a region is visible in that region's subtree and above it (a city office sees
 * its counties' forms; a county sees the city's). */
static void scope_forms(sqlb_t *q, const scope_t *sc) {
    if (!sc->region_path) {
        sqlb_add(q, " OR 1=1)");
        return;
    }
    sqlb_add(q, " OR EXISTS (SELECT 1 FROM region g WHERE g.code = f.region_code AND (g.path LIKE ");
    sqlb_addv(q, "", DBV_S(scope_like(q->a, sc->region_path)));
    sqlb_addv(q, " OR ", DBV_S(sc->region_path));
    sqlb_add(q, " LIKE g.path || '%')))");
}

err_t *survey_store_versions(db_t *db, arena_t *a, const scope_t *sc, survey_version_row_t **out, size_t *n) {
    sqlb_t q;
    sqlb_init(&q, a, arena_printf(a, V_COLS, "NULL"));
    scope_forms(&q, sc);
    sqlb_add(&q, " ORDER BY f.is_builtin DESC, f.code, v.version");
    db_rows_t r;
    err_t *e = db_query(db, a, sqlb_sql(&q), q.params, q.n_params, &r);
    if (e) return e;
    *out = arena_alloc(a, (r.n_rows + 1) * sizeof **out);
    for (size_t i = 0; i < r.n_rows; i++)
        version_row(&r, i, &(*out)[i]);
    *n = r.n_rows;
    return NULL;
}

err_t *survey_store_version_get(db_t *db, arena_t *a, const scope_t *sc, int64_t id, survey_version_row_t *out,
                                bool *found) {
    sqlb_t q;
    sqlb_init(&q, a, arena_printf(a, V_COLS, "v.document"));
    scope_forms(&q, sc);
    sqlb_addv(&q, " AND v.id = ", DBV_I(id));
    db_rows_t r;
    err_t *e = db_query(db, a, sqlb_sql(&q), q.params, q.n_params, &r);
    if (e) return e;
    *found = r.n_rows > 0;
    if (*found) version_row(&r, 0, out);
    return NULL;
}

err_t *survey_store_form_create(db_t *db, arena_t *a, const char *code, const char *name, const char *source,
                                const char *region_code, const char *document, const char *digest, int64_t now,
                                int64_t *version_id) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "INSERT INTO survey_form (code, name, source, region_code, created_at) VALUES ($1, $2, $3, "
                        "$4, $5) RETURNING id",
                        DB_P(DBV_S(code), DBV_S(name), DBV_S(source), DBV_S(region_code), DBV_I(now)), &r);
    return e ? e : survey_store_version_add(db, a, db_scalar_int(&r, 0), document, digest, now, version_id);
}

err_t *survey_store_version_add(db_t *db, arena_t *a, int64_t form_id, const char *document, const char *digest,
                                int64_t now, int64_t *version_id) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "INSERT INTO survey_form_version (form_id, version, document, digest, created_at) VALUES ($1, "
                        "(SELECT COALESCE(MAX(version), 0) + 1 FROM survey_form_version WHERE form_id = $1), $2, $3, "
                        "$4) RETURNING id",
                        DB_P(DBV_I(form_id), DBV_S(document), DBV_S(digest), DBV_I(now)), &r);
    if (!e) *version_id = db_scalar_int(&r, 0);
    return e;
}

err_t *survey_store_version_update(db_t *db, arena_t *a, int64_t id, const char *name, const char *document,
                                   const char *digest, bool *changed) {
    db_rows_t r;
    err_t *e =
        db_query(db, a, "UPDATE survey_form_version SET document = $2, digest = $3 WHERE id = $1 AND status = 'draft'",
                 DB_P(DBV_I(id), DBV_S(document), DBV_S(digest)), &r);
    if (e) return e;
    *changed = r.n_changed == 1;
    if (!*changed) return NULL;
    return db_query(
        db, a, "UPDATE survey_form SET name = $2 WHERE id = (SELECT form_id FROM survey_form_version WHERE id = $1)",
        DB_P(DBV_I(id), DBV_S(name)), NULL);
}

err_t *survey_store_version_publish(db_t *db, arena_t *a, int64_t id, int64_t now, bool *changed) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "UPDATE survey_form_version SET status = 'published', published_at = $2 WHERE id = $1 AND "
                        "status = 'draft'",
                        DB_P(DBV_I(id), DBV_I(now)), &r);
    if (!e) *changed = r.n_changed == 1;
    return e;
}

err_t *survey_store_round_insert(db_t *db, arena_t *a, const survey_round_row_t *x, int64_t created_by, int64_t *id) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "INSERT INTO survey_round (form_version_id, title, region_code, opens_on, closes_on, min_n, "
                        "run_by, created_by, created_at, org_id, review, population, sample_rule) VALUES ($1, $2, $3, "
                        "$4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
                        DB_P(DBV_I(x->form_version_id), DBV_S(x->title), DBV_S(x->region_code), DBV_S(x->opens_on),
                             DBV_S(x->closes_on), DBV_I(x->min_n), DBV_S(x->org_id ? "org" : "office"),
                             created_by > 0 ? DBV_I(created_by) : DBV_NUL, DBV_I(x->created_at),
                             x->org_id ? DBV_I(x->org_id) : DBV_NUL, DBV_S(x->org_id ? "pending" : "none"),
                             x->population ? DBV_I(x->population) : DBV_NUL, DBV_S(x->sample_rule)),
                        &r);
    if (!e) *id = db_scalar_int(&r, 0);
    return e;
}

#define R_COLS                                                                                                         \
    "SELECT r.id, r.form_version_id, r.min_n, r.created_at, r.closed_at, r.title, r.region_code, g.name, r.opens_on, " \
    "r.closes_on, r.run_by, r.status, f.code, f.name, (SELECT COUNT(*) FROM survey_code c WHERE c.round_id = r.id), "  \
    "(SELECT COUNT(*) FROM survey_code c WHERE c.round_id = r.id AND c.is_used = 1), r.org_id, o.name, r.review, "     \
    "r.review_note, r.org_report, r.reviewed_at, r.population, r.sample_rule FROM survey_round r JOIN region g "       \
    "ON g.code = r.region_code JOIN survey_form_version v ON v.id = r.form_version_id JOIN survey_form f ON f.id = "   \
    "v.form_id LEFT JOIN survey_org o ON o.id = r.org_id WHERE 1=1"

static void round_row(const db_rows_t *r, size_t i, survey_round_row_t *x) {
    *x = (survey_round_row_t){
        .id = db_cell_int(r, i, 0),
        .form_version_id = db_cell_int(r, i, 1),
        .min_n = db_cell_int(r, i, 2),
        .created_at = db_cell_int(r, i, 3),
        .closed_at = db_cell_int(r, i, 4),
        .title = db_cell(r, i, 5),
        .region_code = db_cell(r, i, 6),
        .region_name = db_cell(r, i, 7),
        .opens_on = db_cell(r, i, 8),
        .closes_on = db_cell(r, i, 9),
        .run_by = db_cell(r, i, 10),
        .status = db_cell(r, i, 11),
        .form_code = db_cell(r, i, 12),
        .form_name = db_cell(r, i, 13),
        .n_codes = db_cell_int(r, i, 14),
        .n_used = db_cell_int(r, i, 15),
        .org_id = db_cell_int(r, i, 16),
        .org_name = db_cell(r, i, 17),
        .review = db_cell(r, i, 18),
        .review_note = db_cell(r, i, 19),
        .org_report = db_cell(r, i, 20),
        .reviewed_at = db_cell_int(r, i, 21),
        .population = db_cell_int(r, i, 22),
        .sample_rule = db_cell(r, i, 23),
    };
}

err_t *survey_store_rounds(db_t *db, arena_t *a, const scope_t *sc, survey_round_row_t **out, size_t *n) {
    sqlb_t q;
    sqlb_init(&q, a, R_COLS);
    scope_and_path(&q, sc, "g.path");
    scope_and_org(&q, sc, "r.org_id");
    sqlb_add(&q, " ORDER BY r.id DESC");
    db_rows_t r;
    err_t *e = db_query(db, a, sqlb_sql(&q), q.params, q.n_params, &r);
    if (e) return e;
    *out = arena_alloc(a, (r.n_rows + 1) * sizeof **out);
    for (size_t i = 0; i < r.n_rows; i++)
        round_row(&r, i, &(*out)[i]);
    *n = r.n_rows;
    return NULL;
}

err_t *survey_store_round_get(db_t *db, arena_t *a, const scope_t *sc, int64_t id, survey_round_row_t *out,
                              bool *found) {
    sqlb_t q;
    sqlb_init(&q, a, R_COLS);
    scope_and_path(&q, sc, "g.path");
    scope_and_org(&q, sc, "r.org_id");
    sqlb_addv(&q, " AND r.id = ", DBV_I(id));
    db_rows_t r;
    err_t *e = db_query(db, a, sqlb_sql(&q), q.params, q.n_params, &r);
    if (e) return e;
    *found = r.n_rows > 0;
    if (*found) round_row(&r, 0, out);
    return NULL;
}

err_t *survey_store_round_close(db_t *db, arena_t *a, int64_t id, int64_t now, bool *changed) {
    db_rows_t r;
    err_t *e =
        db_query(db, a, "UPDATE survey_round SET status = 'closed', closed_at = $2 WHERE id = $1 AND status = 'open'",
                 DB_P(DBV_I(id), DBV_I(now)), &r);
    if (!e) *changed = r.n_changed == 1;
    return e;
}

err_t *survey_store_round_submit(db_t *db, arena_t *a, int64_t id, const char *report, bool *changed) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "UPDATE survey_round SET review = 'submitted', org_report = $2 WHERE id = $1 AND "
                        "review IN ('pending', 'returned')",
                        DB_P(DBV_I(id), DBV_S(report)), &r);
    if (!e) *changed = r.n_changed == 1;
    return e;
}

err_t *survey_store_round_review(db_t *db, arena_t *a, int64_t id, const char *decision, const char *note, int64_t by,
                                 int64_t now, bool *changed) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "UPDATE survey_round SET review = $2, review_note = $3, reviewed_by = $4, reviewed_at = $5 "
                        "WHERE id = $1 AND review = 'submitted'",
                        DB_P(DBV_I(id), DBV_S(decision), DBV_S(note), DBV_I(by), DBV_I(now)), &r);
    if (!e) *changed = r.n_changed == 1;
    return e;
}

err_t *survey_store_cell_insert(db_t *db, arena_t *a, int64_t round_id, const survey_cell_row_t *c, int64_t *id) {
    db_rows_t r;
    char w[32];
    snprintf(w, sizeof w, "%.17g", c->weight);
    err_t *e = db_query(db, a,
                        "INSERT INTO survey_cell (round_id, position, group_code, school_id, stratum, quota, weight) "
                        "VALUES ($1, $2, $3, $4, $5, $6, CAST($7 AS DOUBLE PRECISION)) RETURNING id",
                        DB_P(DBV_I(round_id), DBV_I(c->position), DBV_S(c->group_code),
                             c->school_id > 0 ? DBV_I(c->school_id) : DBV_NUL, DBV_S(c->stratum), DBV_I(c->quota),
                             c->weight > 0 ? DBV_S(w) : DBV_NUL),
                        &r);
    if (!e) *id = db_scalar_int(&r, 0);
    return e;
}

err_t *survey_store_cells(db_t *db, arena_t *a, int64_t round_id, survey_cell_row_t **out, size_t *n) {
    db_rows_t r;
    err_t *e = db_query(
        db, a,
        "SELECT c.id, c.position, c.school_id, c.quota, c.group_code, c.stratum, s.name, s.code, c.weight, "
        "(SELECT COUNT(*) FROM survey_code k WHERE k.cell_id = c.id), (SELECT COUNT(*) FROM survey_code k WHERE "
        "k.cell_id = c.id AND k.is_used = 1), (SELECT COUNT(*) FROM survey_response p WHERE p.cell_id = c.id) FROM "
        "survey_cell c LEFT JOIN school s ON s.id = c.school_id WHERE c.round_id = $1 ORDER BY c.position",
        DB_P(DBV_I(round_id)), &r);
    if (e) return e;
    *out = arena_alloc(a, (r.n_rows + 1) * sizeof **out);
    for (size_t i = 0; i < r.n_rows; i++)
        (*out)[i] = (survey_cell_row_t){
            .id = db_cell_int(&r, i, 0),
            .position = db_cell_int(&r, i, 1),
            .school_id = db_cell_int(&r, i, 2),
            .quota = db_cell_int(&r, i, 3),
            .group_code = db_cell(&r, i, 4),
            .stratum = db_cell(&r, i, 5),
            .school_name = db_cell(&r, i, 6),
            .school_code = db_cell(&r, i, 7),
            .weight = cell_double(&r, i, 8),
            .n_codes = db_cell_int(&r, i, 9),
            .n_used = db_cell_int(&r, i, 10),
            .n_responses = db_cell_int(&r, i, 11),
        };
    *n = r.n_rows;
    return NULL;
}

err_t *survey_store_school_name(db_t *db, arena_t *a, int64_t school_id, const char *region_code, const char **name) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "SELECT s.name FROM school s JOIN region t ON t.code = s.region_code JOIN region g ON g.code = "
                        "$2 WHERE s.id = $1 AND s.status = 'open' AND t.path LIKE g.path || '%'",
                        DB_P(DBV_I(school_id), DBV_S(region_code)), &r);
    if (!e) *name = r.n_rows ? db_cell(&r, 0, 0) : NULL;
    return e;
}

enum { CODES_PER_STATEMENT = 100 };

err_t *survey_store_codes_insert(db_t *db, arena_t *a, int64_t round_id, int64_t cell_id, const char *const *codes,
                                 size_t n) {
    for (size_t at = 0; at < n; at += CODES_PER_STATEMENT) {
        size_t m = n - at < CODES_PER_STATEMENT ? n - at : CODES_PER_STATEMENT;
        buf_t sql;
        buf_init(&sql);
        buf_puts(&sql, "INSERT INTO survey_code (code, round_id, cell_id) VALUES ");
        db_val_t *p = arena_alloc(a, (m + 2) * sizeof *p);
        p[0] = DBV_I(round_id);
        p[1] = DBV_I(cell_id);
        for (size_t i = 0; i < m; i++) {
            buf_printf(&sql, "%s($%zu, $1, $2)", i ? ", " : "", i + 3);
            p[i + 2] = DBV_S(codes[at + i]);
        }
        err_t *e = db_query(db, a, arena_strdup(a, sql.p), p, m + 2, NULL);
        buf_free(&sql);
        if (e) return e;
    }
    return NULL;
}

err_t *survey_store_codes(db_t *db, arena_t *a, int64_t round_id, survey_code_row_t **out, size_t *n) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "SELECT k.code, k.cell_id, k.is_used FROM survey_code k JOIN survey_cell c ON c.id = k.cell_id "
                        "WHERE k.round_id = $1 ORDER BY c.position, k.code",
                        DB_P(DBV_I(round_id)), &r);
    if (e) return e;
    *out = arena_alloc(a, (r.n_rows + 1) * sizeof **out);
    for (size_t i = 0; i < r.n_rows; i++)
        (*out)[i] = (survey_code_row_t){db_cell(&r, i, 0), db_cell_int(&r, i, 1), db_cell_int(&r, i, 2) != 0};
    *n = r.n_rows;
    return NULL;
}

err_t *survey_store_code_info(db_t *db, arena_t *a, const char *code, survey_code_info_t *out, bool *found) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "SELECT k.round_id, k.cell_id, r.form_version_id, k.is_used, c.group_code, s.name, r.title, "
                        "r.status, r.opens_on, r.closes_on, g.name, v.document FROM survey_code k JOIN survey_cell c "
                        "ON c.id = k.cell_id JOIN survey_round r ON r.id = k.round_id JOIN region g ON g.code = "
                        "r.region_code JOIN survey_form_version v ON v.id = r.form_version_id LEFT JOIN school s ON "
                        "s.id = c.school_id WHERE k.code = $1",
                        DB_P(DBV_S(code)), &r);
    if (e) return e;
    *found = r.n_rows > 0;
    if (!*found) return NULL;
    *out = (survey_code_info_t){
        .round_id = db_cell_int(&r, 0, 0),
        .cell_id = db_cell_int(&r, 0, 1),
        .version_id = db_cell_int(&r, 0, 2),
        .is_used = db_cell_int(&r, 0, 3) != 0,
        .group_code = db_cell(&r, 0, 4),
        .school_name = db_cell(&r, 0, 5),
        .round_title = db_cell(&r, 0, 6),
        .round_status = db_cell(&r, 0, 7),
        .opens_on = db_cell(&r, 0, 8),
        .closes_on = db_cell(&r, 0, 9),
        .region_name = db_cell(&r, 0, 10),
        .document = db_cell(&r, 0, 11),
    };
    return NULL;
}

err_t *survey_store_code_use(db_t *db, arena_t *a, const char *code, bool *changed) {
    db_rows_t r;
    err_t *e =
        db_query(db, a, "UPDATE survey_code SET is_used = 1 WHERE code = $1 AND is_used = 0", DB_P(DBV_S(code)), &r);
    if (!e) *changed = r.n_changed == 1;
    return e;
}

enum { ANSWERS_PER_STATEMENT = 40 };

err_t *survey_store_response_insert(db_t *db, arena_t *a, int64_t round_id, int64_t cell_id, const char *day,
                                    const survey_value_t *values, size_t n) {
    db_rows_t r;
    err_t *e =
        db_query(db, a, "INSERT INTO survey_response (round_id, cell_id, answered_on) VALUES ($1, $2, $3) RETURNING id",
                 DB_P(DBV_I(round_id), DBV_I(cell_id), DBV_S(day)), &r);
    if (e) return e;
    int64_t id = db_scalar_int(&r, 0);
    for (size_t at = 0; at < n; at += ANSWERS_PER_STATEMENT) {
        size_t m = n - at < ANSWERS_PER_STATEMENT ? n - at : ANSWERS_PER_STATEMENT;
        buf_t sql;
        buf_init(&sql);
        buf_puts(&sql, "INSERT INTO survey_answer (response_id, round_id, cell_id, item, kind, value) VALUES ");
        db_val_t *p = arena_alloc(a, (3 * m + 3) * sizeof *p);
        p[0] = DBV_I(id);
        p[1] = DBV_I(round_id);
        p[2] = DBV_I(cell_id);
        for (size_t i = 0; i < m; i++) {
            buf_printf(&sql, "%s($1, $2, $3, $%zu, $%zu, $%zu)", i ? ", " : "", 3 * i + 4, 3 * i + 5, 3 * i + 6);
            p[3 * i + 3] = DBV_S(values[at + i].item);
            p[3 * i + 4] = DBV_S(values[at + i].kind);
            p[3 * i + 5] = DBV_S(values[at + i].value);
        }
        e = db_query(db, a, arena_strdup(a, sql.p), p, 3 * m + 3, NULL);
        buf_free(&sql);
        if (e) return e;
    }
    return NULL;
}

static err_t *tally_rows(db_t *db, arena_t *a, const char *sql, const db_val_t *p, size_t np, survey_tally_row_t **out,
                         size_t *n) {
    db_rows_t r;
    err_t *e = db_query(db, a, sql, p, np, &r);
    if (e) return e;
    *out = arena_alloc(a, (r.n_rows + 1) * sizeof **out);
    for (size_t i = 0; i < r.n_rows; i++)
        (*out)[i] =
            (survey_tally_row_t){db_cell_int(&r, i, 0), db_cell(&r, i, 1), db_cell(&r, i, 2), db_cell_int(&r, i, 3)};
    *n = r.n_rows;
    return NULL;
}

err_t *survey_store_tallies(db_t *db, arena_t *a, int64_t round_id, survey_tally_row_t **out, size_t *n) {
    return tally_rows(db, a,
                      "SELECT cell_id, item, value, COUNT(*) FROM survey_answer WHERE round_id = $1 AND kind = 'l' "
                      "GROUP BY cell_id, item, value",
                      DB_P(DBV_I(round_id)), out, n);
}

err_t *survey_store_answers_of_kind(db_t *db, arena_t *a, int64_t round_id, const char *kind, survey_tally_row_t **out,
                                    size_t *n) {
    return tally_rows(db, a,
                      "SELECT cell_id, item, value, 1 FROM survey_answer WHERE round_id = $1 AND kind = $2 ORDER BY "
                      "item, value",
                      DB_P(DBV_I(round_id), DBV_S(kind)), out, n);
}

err_t *survey_store_days(db_t *db, arena_t *a, int64_t round_id, survey_tally_row_t **out, size_t *n) {
    return tally_rows(db, a,
                      "SELECT 0, answered_on, NULL, COUNT(*) FROM survey_response WHERE round_id = $1 GROUP BY "
                      "answered_on ORDER BY answered_on",
                      DB_P(DBV_I(round_id)), out, n);
}

err_t *survey_store_rate_hit(db_t *db, arena_t *a, const char *bucket, int64_t window_start, int64_t purge_before,
                             int64_t *count) {
    err_t *e = db_query(db, a, "DELETE FROM survey_rate WHERE window_start < $1", DB_P(DBV_I(purge_before)), NULL);
    if (e) return e;
    db_rows_t r;
    e = db_query(db, a,
                 "INSERT INTO survey_rate (bucket, window_start, n) VALUES ($1, $2, 1) ON CONFLICT (bucket, "
                 "window_start) DO UPDATE SET n = survey_rate.n + 1 RETURNING n",
                 DB_P(DBV_S(bucket), DBV_I(window_start)), &r);
    if (!e) *count = db_scalar_int(&r, 0);
    return e;
}

err_t *survey_store_finding_insert(db_t *db, arena_t *a, int64_t round_id, int64_t school_id, const char *item,
                                   int64_t finding_id) {
    return db_query(db, a, "INSERT INTO survey_finding (round_id, school_id, item, finding_id) VALUES ($1, $2, $3, $4)",
                    DB_P(DBV_I(round_id), DBV_I(school_id), DBV_S(item), DBV_I(finding_id)), NULL);
}

err_t *survey_store_findings(db_t *db, arena_t *a, int64_t round_id, survey_finding_row_t **out, size_t *n) {
    db_rows_t r;
    err_t *e = db_query(db, a, "SELECT school_id, item, finding_id FROM survey_finding WHERE round_id = $1",
                        DB_P(DBV_I(round_id)), &r);
    if (e) return e;
    *out = arena_alloc(a, (r.n_rows + 1) * sizeof **out);
    for (size_t i = 0; i < r.n_rows; i++)
        (*out)[i] = (survey_finding_row_t){db_cell_int(&r, i, 0), db_cell(&r, i, 1), db_cell_int(&r, i, 2)};
    *n = r.n_rows;
    return NULL;
}

err_t *survey_store_texts(db_t *db, arena_t *a, int64_t round_id, bool flagged_only, survey_text_row_t **out,
                          size_t *n) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        arena_printf(a,
                                     "SELECT t.response_id, t.item, t.value, t.cell_id, f.note, f.flagged_at FROM "
                                     "survey_answer t LEFT JOIN survey_text_flag f ON f.response_id = t.response_id "
                                     "AND f.item = t.item WHERE t.round_id = $1 AND t.kind = 't'%s ORDER BY t.item, "
                                     "t.value, t.response_id",
                                     flagged_only ? " AND f.flagged_at IS NOT NULL" : ""),
                        DB_P(DBV_I(round_id)), &r);
    if (e) return e;
    *out = arena_alloc(a, (r.n_rows + 1) * sizeof **out);
    for (size_t i = 0; i < r.n_rows; i++)
        (*out)[i] = (survey_text_row_t){.response_id = db_cell_int(&r, i, 0),
                                        .item = db_cell(&r, i, 1),
                                        .text = db_cell(&r, i, 2),
                                        .cell_id = db_cell_int(&r, i, 3),
                                        .flag_note = db_cell(&r, i, 4),
                                        .flagged_at = db_cell_int(&r, i, 5)};
    *n = r.n_rows;
    return NULL;
}

err_t *survey_store_text_exists(db_t *db, arena_t *a, int64_t round_id, int64_t response_id, const char *item,
                                bool *found) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "SELECT 1 FROM survey_answer WHERE round_id = $1 AND response_id = $2 AND item = $3 AND "
                        "kind = 't'",
                        DB_P(DBV_I(round_id), DBV_I(response_id), DBV_S(item)), &r);
    if (!e) *found = r.n_rows > 0;
    return e;
}

err_t *survey_store_text_flag(db_t *db, arena_t *a, int64_t round_id, int64_t response_id, const char *item,
                              const char *note, int64_t by, int64_t now) {
    return db_query(db, a,
                    "INSERT INTO survey_text_flag (response_id, item, round_id, note, flagged_by, flagged_at) VALUES "
                    "($1, $2, $3, $4, $5, $6) ON CONFLICT (response_id, item) DO UPDATE SET note = $4, flagged_by = "
                    "$5, flagged_at = $6",
                    DB_P(DBV_I(response_id), DBV_S(item), DBV_I(round_id), DBV_S(note), DBV_I(by), DBV_I(now)), NULL);
}

err_t *survey_store_text_unflag(db_t *db, arena_t *a, int64_t response_id, const char *item, bool *changed) {
    db_rows_t r;
    err_t *e = db_query(db, a, "DELETE FROM survey_text_flag WHERE response_id = $1 AND item = $2",
                        DB_P(DBV_I(response_id), DBV_S(item)), &r);
    if (!e) *changed = r.n_changed == 1;
    return e;
}
