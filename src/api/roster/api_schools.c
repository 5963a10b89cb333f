#include <stdlib.h>
#include <string.h>

#include "api/api_agg.h"
#include "api/handlers.h"
#include "svc/roster/roster_svc.h"
#include "svc/roster/school_svc.h"

/* Overlays the body on s (the current school, or zeros for a new one): the descriptor's
 * fields (store/roster/school_agg.h), then the sections. */
static err_t *api_school_from_body(api_req_t *r, school_t *s) {
    static const char *const extra[] = {"sections", NULL};
    err_t *err = agg_from_body(r->a, &school_agg, r->body, r->who.role, extra, s);
    if (err) return err;
    json_t *j;
    if ((j = json_object_get(r->body, "sections"))) {
        size_t n = json_array_size(j);
        s->sections = arena_alloc(r->a, (n + 1) * sizeof *s->sections);
        s->n_sections = n;
        for (size_t i = 0; i < n; i++) {
            json_t *e = json_array_get(j, i);
            json_t *sec = json_object_get(e, "section"), *en = json_object_get(e, "enrollment"),
                   *nc = json_object_get(e, "n_classes");
            if (!json_is_object(e) || !json_is_string(sec) || (en && !json_is_integer(en)) ||
                (nc && !json_is_integer(nc)) || json_object_size(e) > 3)
                return err_new(r->a, ERR_INVALID, "sections",
                               "学段应为 {section, enrollment, n_classes} 对象", "each section is {section, enrollment, n_classes}");
            s->sections[i].section = arena_strdup(r->a, json_string_value(sec));
            s->sections[i].enrollment = en ? json_integer_value(en) : 0;
            s->sections[i].n_classes = nc ? json_integer_value(nc) : 0;
        }
    }
    return NULL;
}

err_t *api_schools_list(api_req_t *r) {
    school_filter_t f = {
        .q = api_query(r, "q"),
        .region_code = api_query(r, "region_code"),
        .status = api_query(r, "status"),
        .sort = api_query(r, "sort"),
        .is_private = -1,
        .has_inspector = -1,
    };
    api_agg_filters(r, &school_agg, f.eq);
    err_t *e = api_paging(r, &f.limit, &f.offset);
    if (!e) e = api_query_int(r, "zone_id", 0, 0, INT64_MAX, &f.zone_id);
    if (!e) e = api_query_bool(r, "is_private", &f.is_private);
    if (!e) e = api_query_bool(r, "has_inspector", &f.has_inspector);
    if (e) return e;
    school_t *items;
    size_t n;
    int64_t total;
    if ((e = school_svc_list(r->svc, r->a, &r->who, &f, &items, &n, &total))) return e;
    jw_t *w = api_list_begin(r);
    for (size_t i = 0; i < n; i++) school_write_json(w, &items[i]);
    api_list_end(w, total);
    return NULL;
}

err_t *api_schools_get(api_req_t *r) {
    int64_t id;
    school_t s;
    err_t *e = api_path_id(r, 0, &id);
    if (!e) e = school_svc_get(r->svc, r->a, &r->who, id, &s);
    if (e) return e;
    r->out = school_to_json(&s);
    json_t *hist;
    if ((e = assignment_svc_history(r->svc, r->a, &r->who, id, 0, &hist))) return e;
    json_object_set_new(r->out, "assignments", hist);
    return NULL;
}

err_t *api_schools_create(api_req_t *r) {
    school_t in = {.type_code = "211", .status = "open"}, out;
    err_t *e = api_school_from_body(r, &in);
    if (!e) e = school_svc_create(r->svc, r->a, &r->who, &in, &out);
    if (!e) r->out = school_to_json(&out);
    return e;
}

err_t *api_schools_update(api_req_t *r) {
    int64_t id;
    school_t cur, out;
    err_t *e = api_path_id(r, 0, &id);
    if (!e) e = school_svc_get(r->svc, r->a, &r->who, id, &cur);
    if (!e) e = api_school_from_body(r, &cur);
    if (!e) e = school_svc_update(r->svc, r->a, &r->who, id, &cur, &out);
    if (!e) r->out = school_to_json(&out);
    return e;
}
