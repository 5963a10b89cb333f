/* What the store suite's files share: the connection and arena (opened by store_suite.c's
 * group setup), the OK() check, and the tests each file adds to the run. */
#ifndef DUDAO_TESTS_STORE_SUITE_H
#define DUDAO_TESTS_STORE_SUITE_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "store/db.h"

extern db_t *db;
extern arena_t a;

#define OK(expr)                                                                                      \
    do {                                                                                              \
        err_t *e_ = (expr);                                                                           \
        if (e_) fail_msg("%s failed: %s", #expr, e_->message);                                        \
    } while (0)

/* tests/store/store_findings.c: the findings capability's store modules beyond the ledger */
void test_findings_jobs_store(void **state);
void test_findings_stats_and_visit_drafts(void **state);
void test_bulletin_store(void **state);
void test_complaint_store(void **state);
void test_accountability_store(void **state);
/* tests/store/store_monitoring.c: 质量监测 results and plans */
void test_monitoring_store(void **state);
/* tests/store/store_draws.c: 双随机 plans, replacements, risk counts */
void test_draws_store(void **state);

#endif
