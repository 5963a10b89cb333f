#include "svc/demo/demo_frameworks.h"

#include "svc/frameworks/framework_svc.h"

err_t *demo_frameworks_load(svc_t *s, arena_t *a) {
    actor_t dq = {
        .username = "system", .role = ROLE_ADMIN, .region_code = "330521", .region_path = "/330000/330500/330521/"};
    db_t *db;
    framework_version_row_t routine;
    bool found = false;
    err_t *e = svc_db(s, a, &db);
    if (!e) e = framework_store_current_version(db, a, "gpdd-routine", "/", &routine, &found);
    if (e || !found) return e; /* without standards/ there is nothing to copy */
    int64_t fid, vid;
    if ((e = framework_svc_copy(s, a, &dq, routine.id, "dq-routine", "德清县责任督学月度督导记录表", &fid, &vid)))
        return e;
    framework_version_row_t v;
    json_t *doc;
    if ((e = framework_svc_get_version(s, a, &dq, vid, &v, &doc))) return e;
    json_object_set_new(doc, "source",
                        json_string("德清县教育督导室据《中小学校责任督学挂牌督导办法》第四条制定（演示数据）"));
    json_object_set_new(doc, "grade_bands",
                        json_pack("[{s:s, s:s, s:i}, {s:s, s:s, s:i}, {s:s, s:s, s:i}, {s:s, s:s, s:i}]", "label",
                                  "优秀", "label_en", "Excellent", "min", 90, "label", "良好", "label_en", "Good",
                                  "min", 80, "label", "合格", "label_en", "Pass", "min", 60, "label", "不合格",
                                  "label_en", "Fail", "min", 0));
    json_array_append_new(
        json_object_get(doc, "indicators"),
        json_pack("{s:s, s:s, s:s, s:s, s:[{s:s, s:s, s:i}, {s:s, s:s, s:i, s:b}], s:{s:b, s:b, s:b}}", "code", "R9",
                  "text", "学校周边是否发现违规学科类培训（县定项目）", "guidance",
                  "放学后巡查学校周边，发现线索拍照并写明地点", "kind", "choice", "choices", "value", "none", "label",
                  "未发现", "score", 3, "value", "found", "label", "发现线索", "score", 0, "is_fail", 1, "evidence",
                  "photo", 1, "document", 0, "note", 1));
    framework_issues_t is;
    if ((e = framework_svc_update_draft(s, a, &dq, vid, doc, NULL, &is)) ||
        (e = framework_svc_publish(s, a, &dq, vid))) {
        json_decref(doc);
        return e;
    }
    json_decref(doc);
    int64_t v2;
    return framework_svc_new_draft(s, a, &dq, fid, 0, &v2);
}
