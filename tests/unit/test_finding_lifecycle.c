/* The finding state machine: every transition, every refusal, the clocks and the 问责 rules. */
/* clang-format off */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/findings/finding_lifecycle.h"

static const finding_actor_ctx_t ADMIN = {.role = ROLE_ADMIN};
static const finding_actor_ctx_t HOLDER = {.role = ROLE_INSPECTOR, .is_holder = true};
static const finding_actor_ctx_t OTHER_INSPECTOR = {.role = ROLE_INSPECTOR, .is_holder = false};
static const finding_actor_ctx_t OWN_SCHOOL = {.role = ROLE_SCHOOL, .is_own_school = true};
static const finding_actor_ctx_t OTHER_SCHOOL = {.role = ROLE_SCHOOL, .is_own_school = false};
static const finding_actor_ctx_t LEADER = {.role = ROLE_LEADER};
static const finding_actor_ctx_t AUDITOR = {.role = ROLE_AUDITOR};

static const finding_action_input_t WITH_REASON = {.reason = "原因", .today = "2026-12-01"};

/* Every allowed transition, with the actor that may take it and the state it leads to. */
static void test_allowed_transitions(void **state) {
    (void)state;
    static const struct {
        finding_state_t from;
        finding_action_t act;
        const finding_actor_ctx_t *who;
        finding_state_t to;
    } ok[] = {
        {FS_DRAFT, FA_EDIT, &HOLDER, FS_DRAFT},
        {FS_DRAFT, FA_EDIT, &ADMIN, FS_DRAFT},
        {FS_DRAFT, FA_ISSUE, &HOLDER, FS_ISSUED},
        {FS_DRAFT, FA_ISSUE, &ADMIN, FS_ISSUED},
        {FS_ISSUED, FA_ACKNOWLEDGE, &OWN_SCHOOL, FS_RECTIFYING},
        {FS_ISSUED, FA_PROGRESS, &OWN_SCHOOL, FS_RECTIFYING},
        {FS_RECTIFYING, FA_PROGRESS, &OWN_SCHOOL, FS_RECTIFYING},
        {FS_ISSUED, FA_SUBMIT, &OWN_SCHOOL, FS_SUBMITTED},
        {FS_RECTIFYING, FA_SUBMIT, &OWN_SCHOOL, FS_SUBMITTED},
        {FS_SUBMITTED, FA_CLOSE, &HOLDER, FS_CLOSED},
        {FS_SUBMITTED, FA_CLOSE, &ADMIN, FS_CLOSED},
        {FS_SUBMITTED, FA_RETURN, &HOLDER, FS_RECTIFYING},
        {FS_SUBMITTED, FA_RETURN, &ADMIN, FS_RECTIFYING},
        {FS_DRAFT, FA_VOID, &HOLDER, FS_VOIDED},
        {FS_DRAFT, FA_VOID, &ADMIN, FS_VOIDED},
        {FS_ISSUED, FA_VOID, &ADMIN, FS_VOIDED},
        {FS_RECTIFYING, FA_VOID, &ADMIN, FS_VOIDED},
        {FS_SUBMITTED, FA_VOID, &ADMIN, FS_VOIDED},
        {FS_CLOSED, FA_REOPEN, &HOLDER, FS_RECTIFYING},
        {FS_CLOSED, FA_REOPEN, &ADMIN, FS_RECTIFYING},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        finding_action_input_t in = WITH_REASON;
        in.deadline = "2026-12-31";
        finding_state_t next = FS__COUNT;
        finding_refusal_t r = finding_check(ok[i].from, ok[i].act, ok[i].who, &in, &next);
        if (r != FR_OK)
            fail_msg("case %zu (%s from %s): refused %s", i, finding_action_name(ok[i].act),
                     finding_state_name(ok[i].from), finding_refusal_code(r));
        assert_int_equal(next, ok[i].to);
    }
}

/* Every action from every state it is not allowed from is FR_WRONG_STATE for an actor who may
 * otherwise take it. */
static void test_wrong_states(void **state) {
    (void)state;
    static const struct {
        finding_action_t act;
        const finding_actor_ctx_t *who;
        unsigned allowed; /* bit per state */
    } rows[] = {
        {FA_EDIT, &ADMIN, 1u << FS_DRAFT},
        {FA_ISSUE, &ADMIN, 1u << FS_DRAFT},
        {FA_ACKNOWLEDGE, &OWN_SCHOOL, 1u << FS_ISSUED},
        {FA_PROGRESS, &OWN_SCHOOL, 1u << FS_ISSUED | 1u << FS_RECTIFYING},
        {FA_SUBMIT, &OWN_SCHOOL, 1u << FS_ISSUED | 1u << FS_RECTIFYING},
        {FA_CLOSE, &HOLDER, 1u << FS_SUBMITTED},
        {FA_RETURN, &HOLDER, 1u << FS_SUBMITTED},
        {FA_VOID, &ADMIN,
         1u << FS_DRAFT | 1u << FS_ISSUED | 1u << FS_RECTIFYING | 1u << FS_SUBMITTED | 1u << FS_REVIEW},
        {FA_REOPEN, &ADMIN, 1u << FS_CLOSED},
        {FA_REQUEST_EXTENSION, &OWN_SCHOOL, 1u << FS_ISSUED | 1u << FS_RECTIFYING},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        for (int s = 0; s < FS__COUNT; s++) {
            finding_action_input_t in = WITH_REASON;
            in.deadline = "2027-01-31";
            in.current_deadline = "2026-12-31";
            finding_refusal_t r = finding_check((finding_state_t)s, rows[i].act, rows[i].who, &in, NULL);
            bool is_allowed = rows[i].allowed & (1u << s);
            if (is_allowed && r != FR_OK)
                fail_msg("%s from %s refused: %s", finding_action_name(rows[i].act), finding_state_name(s),
                         finding_refusal_code(r));
            if (!is_allowed && r != FR_WRONG_STATE)
                fail_msg("%s from %s gave %s, want wrong_state", finding_action_name(rows[i].act),
                         finding_state_name(s), finding_refusal_code(r));
        }
    /* a decision needs a pending request, and an open finding */
    finding_action_input_t d = {
        .has_pending_extension = true, .is_approval = true, .deadline = "2027-02-01", .current_deadline = "2027-01-01"};
    assert_int_equal(finding_check(FS_CLOSED, FA_DECIDE_EXTENSION, &ADMIN, &d, NULL), FR_WRONG_STATE);
    assert_int_equal(finding_check(FS_RECTIFYING, FA_DECIDE_EXTENSION, &ADMIN, &d, NULL), FR_OK);
}

static void test_role_refusals(void **state) {
    (void)state;
    finding_action_input_t in = WITH_REASON;
    in.deadline = "2026-12-31";
    /* the school cannot close, return, void or reopen its own finding */
    assert_int_equal(finding_check(FS_SUBMITTED, FA_CLOSE, &OWN_SCHOOL, &in, NULL), FR_OWN_FINDING);
    assert_int_equal(finding_check(FS_SUBMITTED, FA_RETURN, &OWN_SCHOOL, &in, NULL), FR_OWN_FINDING);
    assert_int_equal(finding_check(FS_ISSUED, FA_VOID, &OWN_SCHOOL, &in, NULL), FR_OWN_FINDING);
    assert_int_equal(finding_check(FS_CLOSED, FA_REOPEN, &OWN_SCHOOL, &in, NULL), FR_OWN_FINDING);
    assert_int_equal(finding_check(FS_DRAFT, FA_ISSUE, &OWN_SCHOOL, &in, NULL), FR_ROLE);
    assert_int_equal(finding_check(FS_DRAFT, FA_EDIT, &OWN_SCHOOL, &in, NULL), FR_ROLE);
    assert_int_equal(finding_check(FS_RECTIFYING, FA_DECIDE_EXTENSION, &OWN_SCHOOL, &in, NULL), FR_ROLE);
    /* another school's finding: not yours, whatever the action */
    for (int act = 0; act < FA__COUNT; act++)
        assert_int_equal(finding_check(FS_ISSUED, (finding_action_t)act, &OTHER_SCHOOL, &in, NULL), FR_NOT_OWN_SCHOOL);
    /* an inspector acts only on the schools it holds, never on the school's own steps */
    assert_int_equal(finding_check(FS_SUBMITTED, FA_CLOSE, &OTHER_INSPECTOR, &in, NULL), FR_NOT_HOLDER);
    assert_int_equal(finding_check(FS_DRAFT, FA_ISSUE, &OTHER_INSPECTOR, &in, NULL), FR_NOT_HOLDER);
    assert_int_equal(finding_check(FS_ISSUED, FA_SUBMIT, &HOLDER, &in, NULL), FR_ROLE);
    assert_int_equal(finding_check(FS_ISSUED, FA_ACKNOWLEDGE, &HOLDER, &in, NULL), FR_ROLE);
    assert_int_equal(finding_check(FS_RECTIFYING, FA_DECIDE_EXTENSION, &HOLDER, &in, NULL), FR_ROLE);
    assert_int_equal(finding_check(FS_ISSUED, FA_VOID, &HOLDER, &in, NULL), FR_ROLE); /* issued: the office voids */
    /* the admin does not do the school's steps */
    assert_int_equal(finding_check(FS_ISSUED, FA_SUBMIT, &ADMIN, &in, NULL), FR_ROLE);
    assert_int_equal(finding_check(FS_ISSUED, FA_REQUEST_EXTENSION, &ADMIN, &in, NULL), FR_ROLE);
    /* readers read */
    for (int act = 0; act < FA__COUNT; act++) {
        assert_int_equal(finding_check(FS_SUBMITTED, (finding_action_t)act, &LEADER, &in, NULL), FR_ROLE);
        assert_int_equal(finding_check(FS_SUBMITTED, (finding_action_t)act, &AUDITOR, &in, NULL), FR_ROLE);
    }
}

static void test_input_refusals(void **state) {
    (void)state;
    finding_action_input_t none = {.today = "2026-12-01"};
    assert_int_equal(finding_check(FS_SUBMITTED, FA_RETURN, &HOLDER, &none, NULL), FR_REASON_REQUIRED);
    finding_action_input_t blank = {.reason = "  \n", .today = "2026-12-01"};
    assert_int_equal(finding_check(FS_ISSUED, FA_VOID, &ADMIN, &blank, NULL), FR_REASON_REQUIRED);
    assert_int_equal(finding_check(FS_CLOSED, FA_REOPEN, &ADMIN, &none, NULL), FR_REASON_REQUIRED);
    assert_int_equal(finding_check(FS_DRAFT, FA_ISSUE, &ADMIN, &none, NULL), FR_DEADLINE_REQUIRED);
    finding_action_input_t past = {.deadline = "2026-11-30", .today = "2026-12-01"};
    assert_int_equal(finding_check(FS_DRAFT, FA_ISSUE, &ADMIN, &past, NULL), FR_DEADLINE_PAST);
    finding_action_input_t same_day = {.deadline = "2026-12-01", .today = "2026-12-01"};
    assert_int_equal(finding_check(FS_DRAFT, FA_ISSUE, &ADMIN, &same_day, NULL), FR_OK);
    /* extensions */
    finding_action_input_t ext = {.reason = "需采购设备", .deadline = "2026-12-20", .current_deadline = "2026-12-20"};
    assert_int_equal(finding_check(FS_RECTIFYING, FA_REQUEST_EXTENSION, &OWN_SCHOOL, &ext, NULL),
                     FR_DEADLINE_NOT_LATER);
    ext.deadline = "2027-01-20";
    assert_int_equal(finding_check(FS_RECTIFYING, FA_REQUEST_EXTENSION, &OWN_SCHOOL, &ext, NULL), FR_OK);
    ext.has_pending_extension = true;
    assert_int_equal(finding_check(FS_RECTIFYING, FA_REQUEST_EXTENSION, &OWN_SCHOOL, &ext, NULL), FR_PENDING_EXTENSION);
    ext.reason = NULL;
    ext.has_pending_extension = false;
    assert_int_equal(finding_check(FS_RECTIFYING, FA_REQUEST_EXTENSION, &OWN_SCHOOL, &ext, NULL), FR_REASON_REQUIRED);
    finding_action_input_t dec = {.is_approval = true, .deadline = "2027-01-20", .current_deadline = "2026-12-20"};
    assert_int_equal(finding_check(FS_RECTIFYING, FA_DECIDE_EXTENSION, &ADMIN, &dec, NULL), FR_NO_PENDING_EXTENSION);
    dec.has_pending_extension = true;
    assert_int_equal(finding_check(FS_RECTIFYING, FA_DECIDE_EXTENSION, &ADMIN, &dec, NULL), FR_OK);
    dec.deadline = "2026-12-19";
    assert_int_equal(finding_check(FS_RECTIFYING, FA_DECIDE_EXTENSION, &ADMIN, &dec, NULL), FR_DEADLINE_NOT_LATER);
    dec.deadline = NULL;
    assert_int_equal(finding_check(FS_RECTIFYING, FA_DECIDE_EXTENSION, &ADMIN, &dec, NULL), FR_DEADLINE_REQUIRED);
    finding_action_input_t refuse = {.is_approval = false, .has_pending_extension = true};
    assert_int_equal(finding_check(FS_RECTIFYING, FA_DECIDE_EXTENSION, &ADMIN, &refuse, NULL), FR_REASON_REQUIRED);
    refuse.reason = "理由不充分";
    assert_int_equal(finding_check(FS_RECTIFYING, FA_DECIDE_EXTENSION, &ADMIN, &refuse, NULL), FR_OK);
    /* statuses: refusals map to 400/403/409 */
    assert_int_equal(finding_refusal_status(FR_WRONG_STATE), 409);
    assert_int_equal(finding_refusal_status(FR_OWN_FINDING), 403);
    assert_int_equal(finding_refusal_status(FR_REASON_REQUIRED), 400);
    for (int r = 0; r < FR__COUNT; r++) {
        assert_true(strlen(finding_refusal_zh((finding_refusal_t)r)) > 0);
        assert_true(strlen(finding_refusal_en((finding_refusal_t)r)) > 0);
    }
}

static void test_names(void **state) {
    (void)state;
    for (int s = 0; s < FS__COUNT; s++)
        assert_int_equal(finding_state_parse(finding_state_name((finding_state_t)s)), s);
    assert_int_equal(finding_state_parse("open"), -1);
    assert_int_equal(finding_state_parse(NULL), -1);
    for (int s = 0; s < SEV__COUNT; s++)
        assert_int_equal(finding_severity_parse(finding_severity_name((finding_severity_t)s)), s);
    assert_string_equal(finding_severity_label_zh(SEV_RED_LINE), "红线");
    assert_true(finding_state_is_open(FS_SUBMITTED));
    assert_false(finding_state_is_open(FS_CLOSED));
    assert_false(finding_state_is_open(FS_VOIDED));
}

static void test_dates_and_deadlines(void **state) {
    (void)state;
    char out[11];
    assert_true(finding_date_add("2026-12-01", 30, out, sizeof out));
    assert_string_equal(out, "2026-12-31");
    assert_true(finding_date_add("2028-02-28", 1, out, sizeof out)); /* leap year */
    assert_string_equal(out, "2028-02-29");
    assert_true(finding_date_add("2026-12-31", 1, out, sizeof out));
    assert_string_equal(out, "2027-01-01");
    assert_true(finding_date_add("2026-03-01", -1, out, sizeof out));
    assert_string_equal(out, "2026-02-28");
    int d;
    assert_false(finding_date_to_days("2026-02-29", &d));
    assert_false(finding_date_to_days("2026-13-01", &d));
    assert_false(finding_date_to_days("2026-1-01", &d));
    assert_false(finding_date_to_days(NULL, &d));
    assert_true(finding_date_to_days("1970-01-01", &d));
    assert_int_equal(d, 0);
    finding_rules_t r;
    finding_rules_defaults(&r);
    assert_true(finding_default_deadline(&r, SEV_GENERAL, "2026-12-01", out, sizeof out));
    assert_string_equal(out, "2026-12-31");
    assert_true(finding_default_deadline(&r, SEV_RED_LINE, "2026-12-01", out, sizeof out));
    assert_string_equal(out, "2026-12-04");
    /* per-jurisdiction settings */
    assert_true(finding_rules_apply(&r, "finding.days.red_line", 1));
    assert_true(finding_default_deadline(&r, SEV_RED_LINE, "2026-12-01", out, sizeof out));
    assert_string_equal(out, "2026-12-02");
    assert_false(finding_rules_apply(&r, "finding.days.red_line", 0));
    assert_false(finding_rules_apply(&r, "finding.days.unknown", 5));
    assert_true(finding_rules_apply(&r, "finding.reinspect_sample_percent", 0));
    assert_false(finding_rules_apply(&r, "finding.reinspect_sample_percent", 101));
    size_t n = 0;
    for (const char *const *p = finding_rules_names(); *p; p++)
        n++;
    assert_int_equal(n, 15);
    /* 销号 review and the 核查 clock */
    assert_int_equal(r.close_review, 0);
    assert_int_equal(r.verify_days, 7);
    assert_true(finding_rules_apply(&r, "finding.close_review", 0));
    assert_true(finding_rules_apply(&r, "finding.close_review", 2));
    assert_false(finding_rules_apply(&r, "finding.close_review", 3));
    assert_false(finding_rules_apply(&r, "finding.verify_days", 0));
    assert_true(finding_rules_apply(&r, "finding.verify_days", 5));
    assert_true(finding_verify_due(&r, "2026-12-29", out, sizeof out));
    assert_string_equal(out, "2027-01-03");
    assert_false(finding_verify_due(&r, "2026-13-01", out, sizeof out));
}

/* The office's review of a 销号: which severities wait, who goes where, what is refused. */
/* 现场复核 before 销号 (finding.close_onsite): the same 0 / 1 / 2 setting as the review; a 销号
 * without the re-check is refused whoever closes, and with it the review rule still applies. */
static void test_close_onsite(void **state) {
    (void)state;
    finding_rules_t r;
    finding_rules_defaults(&r);
    for (int s = 0; s < SEV__COUNT; s++)
        assert_false(finding_close_needs_onsite(&r, (finding_severity_t)s)); /* off by default */
    assert_true(finding_rules_apply(&r, "finding.close_onsite", 1));
    assert_false(finding_rules_apply(&r, "finding.close_onsite", 3));
    assert_false(finding_rules_apply(&r, "finding.close_onsite", -1));
    assert_false(finding_close_needs_onsite(&r, SEV_GENERAL));
    assert_false(finding_close_needs_onsite(&r, SEV_SERIOUS));
    assert_true(finding_close_needs_onsite(&r, SEV_SEVERE));
    assert_true(finding_close_needs_onsite(&r, SEV_RED_LINE));
    assert_true(finding_rules_apply(&r, "finding.close_onsite", 2));
    assert_true(finding_close_needs_onsite(&r, SEV_GENERAL));

    finding_state_t next = FS__COUNT;
    finding_action_input_t needs = {.needs_onsite = true}, done = {.needs_onsite = true, .has_onsite = true},
                           both = {.needs_onsite = true, .has_onsite = true, .needs_review = true};
    assert_int_equal(finding_check(FS_SUBMITTED, FA_CLOSE, &HOLDER, &needs, &next), FR_ONSITE_REQUIRED);
    assert_int_equal(finding_check(FS_SUBMITTED, FA_CLOSE, &ADMIN, &needs, &next), FR_ONSITE_REQUIRED);
    assert_int_equal(finding_refusal_status(FR_ONSITE_REQUIRED), 400);
    assert_int_equal(finding_check(FS_SUBMITTED, FA_CLOSE, &HOLDER, &done, &next), FR_OK);
    assert_int_equal(next, FS_CLOSED);
    assert_int_equal(finding_check(FS_SUBMITTED, FA_CLOSE, &HOLDER, &both, &next), FR_OK);
    assert_int_equal(next, FS_REVIEW);
    /* the state is checked first: a re-check does not close a finding not yet submitted */
    assert_int_equal(finding_check(FS_ISSUED, FA_CLOSE, &HOLDER, &needs, &next), FR_WRONG_STATE);
}

static void test_close_review(void **state) {
    (void)state;
    finding_rules_t r;
    finding_rules_defaults(&r);
    for (int s = 0; s < SEV__COUNT; s++)
        assert_false(finding_close_needs_review(&r, (finding_severity_t)s)); /* off by default */
    r.close_review = 1;
    assert_false(finding_close_needs_review(&r, SEV_GENERAL));
    assert_false(finding_close_needs_review(&r, SEV_SERIOUS));
    assert_true(finding_close_needs_review(&r, SEV_SEVERE));
    assert_true(finding_close_needs_review(&r, SEV_RED_LINE));
    r.close_review = 2;
    assert_true(finding_close_needs_review(&r, SEV_GENERAL));

    finding_state_t next = FS__COUNT;
    finding_action_input_t review = {.needs_review = true}, none = {0};
    /* the inspector's 销号 waits for review; without the setting it closes as before */
    assert_int_equal(finding_check(FS_SUBMITTED, FA_CLOSE, &HOLDER, &review, &next), FR_OK);
    assert_int_equal(next, FS_REVIEW);
    assert_int_equal(finding_check(FS_SUBMITTED, FA_CLOSE, &HOLDER, &none, &next), FR_OK);
    assert_int_equal(next, FS_CLOSED);
    /* the office's own 销号 is its review */
    assert_int_equal(finding_check(FS_SUBMITTED, FA_CLOSE, &ADMIN, &review, &next), FR_OK);
    assert_int_equal(next, FS_CLOSED);
    /* the office approves or sends back (with a reason) */
    assert_int_equal(finding_check(FS_REVIEW, FA_APPROVE_CLOSE, &ADMIN, &none, &next), FR_OK);
    assert_int_equal(next, FS_CLOSED);
    assert_int_equal(finding_check(FS_REVIEW, FA_SEND_BACK, &ADMIN, &WITH_REASON, &next), FR_OK);
    assert_int_equal(next, FS_SUBMITTED);
    assert_int_equal(finding_check(FS_REVIEW, FA_SEND_BACK, &ADMIN, &none, &next), FR_REASON_REQUIRED);
    /* nobody else decides the review, and nothing else happens while it waits */
    assert_int_equal(finding_check(FS_REVIEW, FA_APPROVE_CLOSE, &HOLDER, &none, &next), FR_ROLE);
    assert_int_equal(finding_check(FS_REVIEW, FA_SEND_BACK, &HOLDER, &WITH_REASON, &next), FR_ROLE);
    assert_int_equal(finding_check(FS_REVIEW, FA_APPROVE_CLOSE, &OWN_SCHOOL, &none, &next), FR_ROLE);
    assert_int_equal(finding_check(FS_REVIEW, FA_APPROVE_CLOSE, &LEADER, &none, &next), FR_ROLE);
    assert_int_equal(finding_check(FS_REVIEW, FA_CLOSE, &HOLDER, &review, &next), FR_WRONG_STATE);
    assert_int_equal(finding_check(FS_REVIEW, FA_RETURN, &HOLDER, &WITH_REASON, &next), FR_WRONG_STATE);
    assert_int_equal(finding_check(FS_REVIEW, FA_SUBMIT, &OWN_SCHOOL, &none, &next), FR_WRONG_STATE);
    assert_int_equal(finding_check(FS_SUBMITTED, FA_APPROVE_CLOSE, &ADMIN, &none, &next), FR_WRONG_STATE);
    assert_int_equal(finding_check(FS_CLOSED, FA_SEND_BACK, &ADMIN, &WITH_REASON, &next), FR_WRONG_STATE);
    assert_true(finding_state_is_open(FS_REVIEW));
    assert_string_equal(finding_state_name(FS_REVIEW), "review");
    assert_int_equal(finding_state_parse("review"), FS_REVIEW);
    assert_string_equal(finding_action_name(FA_SEND_BACK), "send_back");
    assert_true(finding_transition(FA_SEND_BACK)->effects & FE_MARK_SUBMITTED); /* the 核查 clock restarts */
}

static void test_escalation_ladder(void **state) {
    (void)state;
    finding_rules_t r;
    finding_rules_defaults(&r); /* remind 3 before; order 7 after; interview 21 after */
    int dl;
    assert_true(finding_date_to_days("2026-12-31", &dl));
    assert_int_equal(finding_escalation_due(&r, dl, dl - 10), ESC_NONE);
    assert_int_equal(finding_escalation_due(&r, dl, dl - 4), ESC_NONE);
    assert_int_equal(finding_escalation_due(&r, dl, dl - 3), ESC_REMINDED);
    assert_int_equal(finding_escalation_due(&r, dl, dl), ESC_REMINDED); /* the deadline day is on time */
    assert_int_equal(finding_escalation_due(&r, dl, dl + 1), ESC_OVERDUE);
    assert_int_equal(finding_escalation_due(&r, dl, dl + 7), ESC_OVERDUE);
    assert_int_equal(finding_escalation_due(&r, dl, dl + 8), ESC_ORDER);
    assert_int_equal(finding_escalation_due(&r, dl, dl + 21), ESC_ORDER);
    assert_int_equal(finding_escalation_due(&r, dl, dl + 22), ESC_INTERVIEW);
    assert_string_equal(finding_escalation_name(ESC_ORDER), "order");
}

static void test_accountability(void **state) {
    (void)state;
    assert_true(finding_accountability_measure_ok("unit", "public_criticism"));
    assert_true(finding_accountability_measure_ok("unit", "interview"));
    assert_false(finding_accountability_measure_ok("unit", "sanction")); /* 处分 is for persons */
    assert_true(finding_accountability_measure_ok("person", "sanction"));
    assert_false(finding_accountability_measure_ok("person", "practice_ban"));
    assert_true(finding_accountability_measure_ok("private_person", "practice_ban"));
    assert_false(finding_accountability_measure_ok("planet", "interview"));
    assert_false(finding_accountability_measure_ok("unit", NULL));
    assert_string_equal(finding_accountability_measure_zh("referral"), "移交监察机关或司法机关");
    char ra[11], rd[11], aa[11], ad[11];
    assert_true(finding_accountability_deadlines("2026-12-01", ra, rd, aa, ad));
    assert_string_equal(ra, "2026-12-31");
    assert_string_equal(rd, "2027-01-30");
    assert_string_equal(aa, "2026-12-16");
    assert_string_equal(ad, "2027-02-14");
    assert_false(finding_accountability_deadlines("2026-12-xx", ra, rd, aa, ad));
    assert_true(finding_accountability_is_repeat("2026-12-01", "2026-01-15"));
    assert_false(finding_accountability_is_repeat("2026-12-01", "2025-11-30"));
    assert_false(finding_accountability_is_repeat("2026-12-01", "2027-01-01"));
}

/* The lifecycle table itself: one row per action, in action order, and its columns say what
 * the svc layer applies (events, timestamps, counters) and whom it lets act. */
static void test_transition_table(void **state) {
    (void)state;
    for (int act = 0; act < FA__COUNT; act++) {
        const finding_transition_t *t = finding_transition((finding_action_t)act);
        assert_non_null(t);
        assert_int_equal(t->action, act);
        assert_non_null(t->event);
        assert_true(t->from != 0);
        assert_true(t->to == FS_SAME || (t->to >= 0 && t->to < FS__COUNT));
        /* leaders and auditors read only; the answerers (school or unit) never share a step with the office */
        assert_int_equal(t->roles & (ROLE_LEADER | ROLE_AUDITOR), 0);
        assert_true(t->roles == ROLES_ANSWER || (t->roles & ROLES_ANSWER) == 0);
        /* an inspector's narrower from-set lies inside the others' */
        assert_int_equal(t->inspector_from & ~t->from, 0);
        /* from every allowed state, the office (or the school for its steps) gets the table's to-state */
        const finding_actor_ctx_t *who = t->roles == ROLES_ANSWER ? &OWN_SCHOOL : &ADMIN;
        finding_action_input_t in = {.reason = "原因",
                                     .deadline = "2099-12-31",
                                     .today = "2026-12-01",
                                     .current_deadline = "2026-12-31",
                                     .has_pending_extension = t->is_pending_first,
                                     .is_approval = true};
        for (int st = 0; st < FS__COUNT; st++) {
            finding_state_t next = FS__COUNT;
            finding_refusal_t r = finding_check((finding_state_t)st, (finding_action_t)act, who, &in, &next);
            if (t->from & FS_BIT(st)) {
                assert_int_equal(r, FR_OK);
                assert_int_equal(next, t->to == FS_SAME ? st : t->to);
            } else {
                assert_int_equal(r, FR_WRONG_STATE);
            }
        }
    }
    assert_null(finding_transition(FA__COUNT));
    /* the field effects */
    const finding_transition_t *issue = finding_transition(FA_ISSUE), *reopen = finding_transition(FA_REOPEN);
    assert_true(issue->effects & FE_MARK_ISSUED);
    assert_true(issue->effects & FE_NUMBER_NOTICE);
    assert_true(issue->effects & FE_SET_ORIGINAL_DEADLINE);
    assert_true(reopen->effects & FE_CLEAR_CLOSED);
    assert_true(reopen->effects & FE_RESET_ESCALATION);
    assert_true(reopen->effects & FE_MARK_REINSPECTED);
    assert_false(reopen->effects & FE_SET_ORIGINAL_DEADLINE);
    assert_true(finding_transition(FA_CLOSE)->effects & FE_MARK_CLOSED);
    assert_true(finding_transition(FA_SUBMIT)->effects & FE_MARK_SUBMITTED);
    assert_true(finding_transition(FA_SUBMIT)->effects & FE_EVIDENCE);
    assert_true(finding_transition(FA_RETURN)->effects & FE_COUNT_RETURN);
    assert_true(finding_transition(FA_VOID)->effects & FE_VOID_REASON);
    assert_false(finding_transition(FA_ACKNOWLEDGE)->effects);
    /* the decision's note is the reason only when it refuses; its event says which */
    const finding_transition_t *d = finding_transition(FA_DECIDE_EXTENSION);
    assert_false(d->effects & FE_NOTE_IS_REASON);
    assert_true(d->effects_refused & FE_NOTE_IS_REASON);
    assert_string_equal(d->event, "extension_approved");
    assert_string_equal(d->event_refused, "extension_refused");
    assert_string_equal(finding_transition(FA_EDIT)->event, "edited");
    assert_string_equal(finding_transition(FA_REQUEST_EXTENSION)->event, "extension_requested");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_allowed_transitions),
        cmocka_unit_test(test_wrong_states),
        cmocka_unit_test(test_role_refusals),
        cmocka_unit_test(test_input_refusals),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_dates_and_deadlines),
        cmocka_unit_test(test_escalation_ladder),
        cmocka_unit_test(test_accountability),
        cmocka_unit_test(test_transition_table),
        cmocka_unit_test(test_close_review),
        cmocka_unit_test(test_close_onsite),
    };
    return cmocka_run_group_tests_name("finding_lifecycle", tests, NULL, NULL);
}
