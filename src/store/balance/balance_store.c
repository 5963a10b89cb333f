#include "store/balance/balance_store.h"

#include "store/scope.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/platform/region_store.h"
#include "store/sqlb.h"

/* "p_students, p_classes, ..." with an optional alias prefix, in balance_fields order. */
static const char *stat_columns(arena_t *a, const char *prefix) {
    buf_t b;
    buf_init(&b);
    for (int f = 0; f < BF__COUNT; f++)
        buf_printf(&b, "%s%s%s", f ? ", " : "", prefix, balance_fields[f].name);
    const char *s = arena_strdup(a, b.p);
    buf_free(&b);
    return s;
}

static void stat_from_row(const db_rows_t *r, size_t row, size_t col, bal_stat_t *s) {
    for (int f = 0; f < BF__COUNT; f++) {
        const char *v = db_cell(r, row, col + (size_t)f);
        s->v[f] = v ? strtod(v, NULL) : 0;
    }
}

err_t *balance_store_schools(db_t *db, arena_t *a, const char *scope_path, const char *region_code,
                             const char *const *types, int64_t school_id, int64_t school_year,
                             balance_school_row_t **out, size_t *n_out) {
    sqlb_t q;
    sqlb_init(&q, a,
              arena_printf(a,
                           "SELECT s.id, s.code, s.name, s.type_code, s.region_code, c.code, c.name, "
                           "b.updated_at, l.school_id, %s, %s FROM school s "
                           "JOIN region r ON r.code = s.region_code "
                           "JOIN region c ON c.code = CASE WHEN r.level = 'town' THEN r.parent_code ELSE r.code END ",
                           stat_columns(a, "b."), stat_columns(a, "l.")));
    sqlb_addv(&q, "LEFT JOIN balance_stat b ON b.school_id = s.id AND b.school_year = ", DBV_I(school_year));
    sqlb_addv(&q, " LEFT JOIN balance_stat l ON l.school_id = s.id AND l.school_year = ", DBV_I(school_year - 1));
    sqlb_add(&q, " WHERE s.status = 'open'");
    scope_and_path(&q, &(scope_t){.region_path = scope_path}, "r.path");
    sqlb_addv(&q, " AND r.path LIKE '%/' || ", DBV_S(region_code));
    sqlb_add(&q, " || '/%'");
    if (school_id > 0) sqlb_addv(&q, " AND s.id = ", DBV_I(school_id));
    if (types && types[0]) {
        sqlb_add(&q, " AND s.type_code IN (");
        for (size_t i = 0; types[i]; i++)
            sqlb_addv(&q, i ? ", " : "", DBV_S(types[i]));
        sqlb_add(&q, ")");
    }
    sqlb_add(&q, " ORDER BY c.code, s.code");
    db_rows_t r;
    err_t *e = db_query(db, a, sqlb_sql(&q), q.params, q.n_params, &r);
    if (e) return e;
    balance_school_row_t *rows = arena_alloc(a, (r.n_rows + 1) * sizeof *rows);
    for (size_t i = 0; i < r.n_rows; i++) {
        balance_school_row_t *x = &rows[i];
        x->school_id = db_cell_int(&r, i, 0);
        x->code = db_cell(&r, i, 1);
        x->name = db_cell(&r, i, 2);
        x->type_code = db_cell(&r, i, 3);
        x->region_code = db_cell(&r, i, 4);
        x->county_code = db_cell(&r, i, 5);
        x->county_name = db_cell(&r, i, 6);
        x->has_stat = db_cell(&r, i, 7) != NULL;
        x->updated_at = db_cell_int(&r, i, 7);
        x->has_last = db_cell(&r, i, 8) != NULL;
        if (x->has_stat) stat_from_row(&r, i, 9, &x->stat);
        if (x->has_last) stat_from_row(&r, i, 9 + BF__COUNT, &x->last);
    }
    *out = rows;
    *n_out = r.n_rows;
    return NULL;
}

err_t *balance_store_get(db_t *db, arena_t *a, int64_t school_id, int64_t school_year, bal_stat_t *out, bool *found) {
    db_rows_t r;
    err_t *e = db_query(
        db, a,
        arena_printf(a, "SELECT %s FROM balance_stat WHERE school_id = $1 AND school_year = $2", stat_columns(a, "")),
        DB_P(DBV_I(school_id), DBV_I(school_year)), &r);
    if (e) return e;
    *found = r.n_rows == 1;
    memset(out, 0, sizeof *out);
    if (*found) stat_from_row(&r, 0, 0, out);
    return NULL;
}

err_t *balance_store_put(db_t *db, arena_t *a, int64_t school_id, int64_t school_year, const bal_stat_t *s,
                         int64_t user_id, int64_t now) {
    err_t *e = db_query(db, a, "DELETE FROM balance_stat WHERE school_id = $1 AND school_year = $2",
                        DB_P(DBV_I(school_id), DBV_I(school_year)), NULL);
    if (e) return e;
    enum { N = BF__COUNT + 5 };
    db_val_t p[N];
    buf_t b;
    buf_init(&b);
    buf_printf(&b,
               "INSERT INTO balance_stat (school_id, school_year, entered_by, created_at, updated_at, %s) VALUES "
               "($1, $2, $3, $4, $5",
               stat_columns(a, ""));
    p[0] = DBV_I(school_id);
    p[1] = DBV_I(school_year);
    p[2] = user_id > 0 ? DBV_I(user_id) : DBV_NUL;
    p[3] = DBV_I(now);
    p[4] = DBV_I(now);
    for (int f = 0; f < BF__COUNT; f++) {
        if (balance_fields[f].is_count) {
            p[5 + f] = DBV_I((int64_t)s->v[f]);
            buf_printf(&b, ", $%d", 6 + f);
        } else {
            p[5 + f] = DBV_S(arena_printf(a, "%.17g", s->v[f]));
            buf_printf(&b, ", CAST($%d AS DOUBLE PRECISION)", 6 + f);
        }
    }
    buf_puts(&b, ")");
    const char *sql = arena_strdup(a, b.p);
    buf_free(&b);
    return db_query(db, a, sql, p, N, NULL);
}

err_t *balance_store_years(db_t *db, arena_t *a, const char *region_code, int64_t **out, size_t *n_out) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "SELECT DISTINCT b.school_year FROM balance_stat b JOIN school s ON s.id = b.school_id "
                        "JOIN region r ON r.code = s.region_code WHERE r.path LIKE '%/' || $1 || '/%' "
                        "ORDER BY b.school_year DESC LIMIT 10",
                        DB_P(DBV_S(region_code)), &r);
    if (e) return e;
    int64_t *v = arena_alloc(a, (r.n_rows + 1) * sizeof *v);
    for (size_t i = 0; i < r.n_rows; i++)
        v[i] = db_cell_int(&r, i, 0);
    *out = v;
    *n_out = r.n_rows;
    return NULL;
}

err_t *balance_store_acks(db_t *db, arena_t *a, const char *region_code, int64_t school_year, balance_ack_t **out,
                          size_t *n_out) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "SELECT k.school_id, k.code, k.field, k.value, k.note, u.display_name, k.confirmed_at "
                        "FROM balance_check_ack k JOIN school s ON s.id = k.school_id "
                        "JOIN region r ON r.code = s.region_code LEFT JOIN app_user u ON u.id = k.confirmed_by "
                        "WHERE k.school_year = $1 AND r.path LIKE '%/' || $2 || '/%'",
                        DB_P(DBV_I(school_year), DBV_S(region_code)), &r);
    if (e) return e;
    balance_ack_t *v = arena_alloc(a, (r.n_rows + 1) * sizeof *v);
    for (size_t i = 0; i < r.n_rows; i++)
        v[i] = (balance_ack_t){db_cell_int(&r, i, 0), db_cell(&r, i, 1), db_cell(&r, i, 2),    db_cell(&r, i, 3),
                               db_cell(&r, i, 4),     db_cell(&r, i, 5), db_cell_int(&r, i, 6)};
    *out = v;
    *n_out = r.n_rows;
    return NULL;
}

err_t *balance_store_ack_put(db_t *db, arena_t *a, int64_t school_id, int64_t school_year, const char *code,
                             const char *field, const char *value, const char *note, int64_t user_id, int64_t now) {
    err_t *e = db_query(db, a,
                        "DELETE FROM balance_check_ack WHERE school_id = $1 AND school_year = $2 AND code = $3 "
                        "AND field = $4",
                        DB_P(DBV_I(school_id), DBV_I(school_year), DBV_S(code), DBV_S(field)), NULL);
    if (!e)
        e = db_query(db, a,
                     "INSERT INTO balance_check_ack (school_id, school_year, code, field, value, note, confirmed_by, "
                     "confirmed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                     DB_P(DBV_I(school_id), DBV_I(school_year), DBV_S(code), DBV_S(field), DBV_S(value), DBV_S(note),
                          user_id > 0 ? DBV_I(user_id) : DBV_NUL, DBV_I(now)),
                     NULL);
    return e;
}

err_t *balance_store_final_get(db_t *db, arena_t *a, const char *county_code, int64_t school_year, const char **result,
                               int64_t *finalized_at, bool *found) {
    db_rows_t r;
    err_t *e = db_query(
        db, a, "SELECT result, finalized_at FROM balance_evaluation WHERE county_code = $1 AND school_year = $2",
        DB_P(DBV_S(county_code), DBV_I(school_year)), &r);
    if (e) return e;
    *found = r.n_rows == 1;
    *result = *found ? db_cell(&r, 0, 0) : NULL;
    *finalized_at = *found ? db_cell_int(&r, 0, 1) : 0;
    return NULL;
}

err_t *balance_store_final_put(db_t *db, arena_t *a, const char *county_code, int64_t school_year, const char *result,
                               bool is_quality_passed, bool is_basic_passed, int64_t user_id, int64_t now) {
    err_t *e = db_query(db, a, "DELETE FROM balance_evaluation WHERE county_code = $1 AND school_year = $2",
                        DB_P(DBV_S(county_code), DBV_I(school_year)), NULL);
    if (!e)
        e = db_query(db, a,
                     "INSERT INTO balance_evaluation (county_code, school_year, result, is_quality_passed, "
                     "is_basic_passed, finalized_by, finalized_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                     DB_P(DBV_S(county_code), DBV_I(school_year), DBV_S(result), DBV_I(is_quality_passed),
                          DBV_I(is_basic_passed), user_id > 0 ? DBV_I(user_id) : DBV_NUL, DBV_I(now)),
                     NULL);
    return e;
}

err_t *balance_store_overrides(db_t *db, arena_t *a, const char *province, const char *city, balance_override_t **out,
                               size_t *n_out) {
    db_rows_t r;
    err_t *e = db_query(db, a,
                        "SELECT o.jurisdiction, o.standard, o.body, o.updated_by, o.updated_at, u.username "
                        "FROM balance_rule_override o LEFT JOIN app_user u ON u.id = o.updated_by "
                        "WHERE o.jurisdiction IN ($1, $2) ORDER BY o.jurisdiction, o.standard",
                        DB_P(DBV_S(province ? province : ""), DBV_S(city ? city : "")), &r);
    if (e) return e;
    balance_override_t *o = arena_alloc(a, (r.n_rows + 1) * sizeof *o);
    for (size_t i = 0; i < r.n_rows; i++)
        o[i] = (balance_override_t){db_cell(&r, i, 0),     db_cell(&r, i, 1),     db_cell(&r, i, 2),
                                    db_cell_int(&r, i, 3), db_cell_int(&r, i, 4), db_cell(&r, i, 5)};
    *out = o;
    *n_out = r.n_rows;
    return NULL;
}

err_t *balance_store_override_put(db_t *db, arena_t *a, const char *jurisdiction, const char *standard,
                                  const char *body, int64_t user_id, int64_t now) {
    err_t *e = db_query(db, a, "DELETE FROM balance_rule_override WHERE jurisdiction = $1 AND standard = $2",
                        DB_P(DBV_S(jurisdiction), DBV_S(standard)), NULL);
    if (!e)
        e = db_query(
            db, a,
            "INSERT INTO balance_rule_override (jurisdiction, standard, body, updated_by, updated_at) "
            "VALUES ($1, $2, $3, $4, $5)",
            DB_P(DBV_S(jurisdiction), DBV_S(standard), DBV_S(body), user_id > 0 ? DBV_I(user_id) : DBV_NUL, DBV_I(now)),
            NULL);
    return e;
}

err_t *balance_store_override_delete(db_t *db, arena_t *a, const char *jurisdiction, const char *standard,
                                     bool *found) {
    db_rows_t r;
    err_t *e = db_query(db, a, "SELECT 1 FROM balance_rule_override WHERE jurisdiction = $1 AND standard = $2",
                        DB_P(DBV_S(jurisdiction), DBV_S(standard)), &r);
    if (e) return e;
    *found = r.n_rows > 0;
    if (!*found) return NULL;
    return db_query(db, a, "DELETE FROM balance_rule_override WHERE jurisdiction = $1 AND standard = $2",
                    DB_P(DBV_S(jurisdiction), DBV_S(standard)), NULL);
}

err_t *balance_store_row_begin(db_t *db, arena_t *a) {
    return db_query(db, a, "SAVEPOINT balance_row", DB_NOP, NULL);
}

err_t *balance_store_row_end(db_t *db, arena_t *a, bool is_kept) {
    return db_query(db, a, is_kept ? "RELEASE SAVEPOINT balance_row" : "ROLLBACK TO SAVEPOINT balance_row", DB_NOP,
                    NULL);
}
