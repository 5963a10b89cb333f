/* finding_lifecycle: the 问题台账's closed loop (《教育督导条例》 Art. 21–22: 限期整改 → 整改报告 →
 * 核查), as a pure state machine, plus the clocks that drive it (default deadlines by severity,
 * the escalation ladder) and the thresholds for accountability and recurrence.
 *
 *   draft ──issue──▶ issued ──acknowledge/progress──▶ rectifying ──submit──▶ submitted
 *                      │                                 ▲   ▲                 │
 *                      └────────────submit──────────────-┼───┼─────────────────┤
 *                                                        │   └──return (counted)┤
 *                                                        └──reopen (回头看)── closed ◀─close (销号)
 *   submitted ──close by an inspector, review required──▶ review ──approve_close (office)──▶ closed
 *                                                           └──send_back (office, reason)──▶ submitted
 *   voided ◀─void (with a reason)─ any open state (draft, issued, rectifying, submitted)
 *
 * Who may do what (finding_check):
 * - the school (its own findings only): acknowledge, progress notes, submit, ask for 延期;
 *   it can never close, return, void or reopen its own finding;
 * - the inspector (only for schools it holds, 挂牌): issue drafts, edit drafts, return,
 *   close, reopen (回头看), void a draft;
 * - the admin (within its region scope): everything but the school's own steps, including
 *   voiding any open finding and deciding extensions;
 * - leaders and auditors read only.
 *
 * Thread-safety: pure functions over the caller's data. */
#ifndef DUDAO_FINDING_LIFECYCLE_H
#define DUDAO_FINDING_LIFECYCLE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/roles.h"

typedef enum finding_state {
    FS_DRAFT,      /* from a visit (or entered), not yet sent to the school */
    FS_ISSUED,     /* 整改通知书 sent */
    FS_RECTIFYING, /* the school acknowledged and works on it (or it was returned / reopened) */
    FS_SUBMITTED,  /* the school's 整改报告 waits for verification */
    FS_CLOSED,     /* 销号 */
    FS_VOIDED,     /* a mistaken finding; never deleted */
    FS_REVIEW,     /* the inspector's 销号 waits for the office's review (finding.close_review) */
    FS__COUNT
} finding_state_t;

typedef enum finding_action {
    FA_EDIT,              /* change a draft's text, severity, requirement, deadline */
    FA_ISSUE,             /* draft → issued, with requirement and deadline */
    FA_ACKNOWLEDGE,       /* issued → rectifying */
    FA_PROGRESS,          /* a progress note; issued → rectifying, rectifying stays */
    FA_SUBMIT,            /* issued/rectifying → submitted, with the report and evidence */
    FA_CLOSE,             /* submitted → closed (销号) */
    FA_RETURN,            /* submitted → rectifying, with the reason; counted */
    FA_VOID,              /* open → voided, with the reason */
    FA_REOPEN,            /* closed → rectifying (回头看 found it again) */
    FA_REQUEST_EXTENSION, /* the school asks for 延期 (issued/rectifying, none pending) */
    FA_DECIDE_EXTENSION,  /* the admin approves or refuses */
    FA_APPROVE_CLOSE,     /* review → closed: the office confirms the inspector's 销号 */
    FA_SEND_BACK,         /* review → submitted, with the reason: verify again (on site) */
    FA__COUNT
} finding_action_t;

typedef enum finding_refusal {
    FR_OK = 0,
    FR_WRONG_STATE,          /* not allowed from the current state: 409 */
    FR_ROLE,                 /* this role never does this: 403 */
    FR_NOT_HOLDER,           /* an inspector acting on a school it does not hold: 403 */
    FR_NOT_OWN_SCHOOL,       /* a school acting on another school's finding: 403 */
    FR_OWN_FINDING,          /* the school may not close/return/void/reopen its own finding: 403 */
    FR_REASON_REQUIRED,      /* void/return/refusal without a reason: 400 */
    FR_DEADLINE_REQUIRED,    /* issue without a deadline, approve without a new one: 400 */
    FR_DEADLINE_PAST,        /* a deadline before today: 400 */
    FR_DEADLINE_NOT_LATER,   /* an extension that does not move the deadline later: 400 */
    FR_PENDING_EXTENSION,    /* a second request while one is pending: 409 */
    FR_NO_PENDING_EXTENSION, /* a decision with nothing to decide: 409 */
    FR_ONSITE_REQUIRED,      /* 销号 of a finding whose jurisdiction asks for a 现场复核, without one: 400 */
    FR__COUNT
} finding_refusal_t;

/* Who acts on which finding; the svc layer fills it from the actor and the database. */
typedef struct finding_actor_ctx {
    role_t role;
    bool is_holder;     /* inspector: holds (挂牌) the finding's school now */
    bool is_own_school; /* school account: the finding is its school's; unit account: it targets its unit */
} finding_actor_ctx_t;

/* What the action carries, for the checks that depend on it. Dates are "YYYY-MM-DD". */
typedef struct finding_action_input {
    const char *reason;   /* void, return, refusal */
    const char *deadline; /* issue: the deadline; approve: the new deadline */
    const char *today;    /* Asia/Shanghai date */
    const char *current_deadline;
    bool has_pending_extension;
    bool is_approval;  /* FA_DECIDE_EXTENSION: approve (true) or refuse */
    bool needs_review; /* FA_CLOSE: the jurisdiction requires the office's review (finding_close_needs_review);
                        * an inspector's 销号 then leads to FS_REVIEW, the admin's own still closes */
    bool needs_onsite; /* FA_CLOSE: the jurisdiction requires an on-site re-check (finding_close_needs_onsite) */
    bool has_onsite;   /* FA_CLOSE: the action carries one (a position at the school and a photo) */
} finding_action_input_t;

/* ---- the lifecycle as a table: one row per action ---- */

#define FS_BIT(s) (1u << (s))
#define FS_OPEN_BITS                                                                                                   \
    (FS_BIT(FS_DRAFT) | FS_BIT(FS_ISSUED) | FS_BIT(FS_RECTIFYING) | FS_BIT(FS_SUBMITTED) | FS_BIT(FS_REVIEW))
#define FS_OWED_BITS (FS_BIT(FS_ISSUED) | FS_BIT(FS_RECTIFYING))
#define FS_SAME (-1) /* the action leaves the state as it is */

/* What an action needs from its input, checked in this order after role and state. */
enum {
    FN_NO_PENDING = 1 << 0,      /* no extension request pending (FR_PENDING_EXTENSION) */
    FN_REASON = 1 << 1,          /* a reason (FR_REASON_REQUIRED) */
    FN_DEADLINE = 1 << 2,        /* a deadline (FR_DEADLINE_REQUIRED) */
    FN_DEADLINE_FUTURE = 1 << 3, /* not before today (FR_DEADLINE_PAST) */
    FN_DEADLINE_LATER = 1 << 4,  /* later than the current deadline (FR_DEADLINE_NOT_LATER) */
};

/* What an action does to the finding's fields (the svc layer applies them in this order). */
enum {
    FE_EDIT_FIELDS = 1 << 0,           /* the draft's texts, severity and deadline from the input */
    FE_ISSUE_FIELDS = 1 << 1,          /* severity, requirement (a default when blank), responsible unit/person */
    FE_DEFAULT_DEADLINE = 1 << 2,      /* no deadline given: today + the severity's days (issue keeps a future one) */
    FE_SET_DEADLINE = 1 << 3,          /* deadline := the action's deadline */
    FE_SET_ORIGINAL_DEADLINE = 1 << 4, /* original_deadline := the action's deadline */
    FE_MARK_ISSUED = 1 << 5,           /* issued_at, issued_by */
    FE_NUMBER_NOTICE = 1 << 6,         /* notice_no: the county's next 整改通知书 文号 */
    FE_MARK_SUBMITTED = 1 << 7,        /* submitted_at */
    FE_EVIDENCE = 1 << 8,              /* links the named attachments as evidence */
    FE_MARK_CLOSED = 1 << 9,           /* closed_at, closed_by */
    FE_CLEAR_CLOSED = 1 << 10,         /* closed_at, closed_by := none */
    FE_COUNT_RETURN = 1 << 11,         /* n_returns + 1 (and the accountability flag at the threshold) */
    FE_COUNT_REOPEN = 1 << 12,         /* n_reopens + 1 */
    FE_MARK_REINSPECTED = 1 << 13,     /* is_reinspected */
    FE_RESET_ESCALATION = 1 << 14,     /* the ladder starts again */
    FE_VOID_REASON = 1 << 15,          /* void_reason := the reason */
    FE_ADD_EXTENSION = 1 << 16,        /* records the school's 延期 request */
    FE_DECIDE_EXTENSION = 1 << 17,     /* decides it; approval moves the deadline (and restarts the ladder) */
    FE_NOTE_REQUIRED = 1 << 18,        /* the note (progress, report) is required */
    FE_NOTE_IS_REASON = 1 << 19,       /* the event's note is the reason, not the note */
};

typedef struct finding_transition {
    finding_action_t action;
    unsigned from;  /* FS_BIT set of the states it may start from */
    int to;         /* finding_state_t, or FS_SAME */
    unsigned roles; /* role_t bits that may take it (the school only on its own, the inspector only as holder) */
    unsigned inspector_from;   /* a narrower from-set for inspectors (0: the same) */
    bool is_own_refused;       /* a school asking on its own finding is told FR_OWN_FINDING, not FR_ROLE */
    bool is_pending_first;     /* needs a pending extension, checked before the state (FR_NO_PENDING_EXTENSION) */
    unsigned needs;            /* FN_* always */
    unsigned needs_approved;   /* FN_* when the input is an approval */
    unsigned needs_refused;    /* FN_* when it is not */
    unsigned effects;          /* FE_* */
    unsigned effects_refused;  /* FE_* added when the input is not an approval */
    const char *event;         /* the kind of the event it writes */
    const char *event_refused; /* ... when not an approval (NULL: event) */
} finding_transition_t;

/* The row of an action (never NULL for a valid action; NULL otherwise). */
const finding_transition_t *finding_transition(finding_action_t act);

/* Checks an action: FR_OK and the state after it in *next, or why it is refused (role
 * checks come before state checks, so a school never learns more than "not yours"). */
finding_refusal_t finding_check(finding_state_t from, finding_action_t act, const finding_actor_ctx_t *who,
                                const finding_action_input_t *in, finding_state_t *next);

/* "draft" ... "voided" and back; -1 when unknown. */
const char *finding_state_name(finding_state_t s);
int finding_state_parse(const char *name);
const char *finding_state_label_zh(finding_state_t s);
const char *finding_action_name(finding_action_t a);
/* The refusal's HTTP-ish class: 400, 403 or 409; and its bilingual message parts. */
int finding_refusal_status(finding_refusal_t r);
const char *finding_refusal_code(finding_refusal_t r); /* machine detail, e.g. "wrong_state" */
const char *finding_refusal_zh(finding_refusal_t r);
const char *finding_refusal_en(finding_refusal_t r);
/* Open = not closed and not voided. */
bool finding_state_is_open(finding_state_t s);

/* ---- severities and clocks ---- */

typedef enum finding_severity { SEV_GENERAL, SEV_SERIOUS, SEV_SEVERE, SEV_RED_LINE, SEV__COUNT } finding_severity_t;
/* "general" | "serious" | "severe" | "red_line"; -1 when unknown. */
int finding_severity_parse(const char *name);
const char *finding_severity_name(finding_severity_t s);
const char *finding_severity_label_zh(finding_severity_t s); /* 一般 较重 严重 红线 */

/* The jurisdiction's numbers (jurisdiction_setting "finding.*", inherited down the tree). */
typedef struct finding_rules {
    int days[SEV__COUNT];           /* default rectification days by severity: 30, 20, 10, 3 */
    int remind_days;                /* reminder this many days before the deadline (3) */
    int order_after_days;           /* 督办单 this many days after the deadline (7) */
    int interview_after_days;       /* 约谈 flag this many days after the deadline (21) */
    int returns_for_accountability; /* a finding returned this often → accountability (2) */
    int overdue_for_accountability; /* a school overdue this often within a year → accountability (3) */
    int recurrence_window_days;     /* same indicator again at the school within (365) */
    int recurrence_county_schools;  /* same indicator at this many schools of a county (5) */
    int reinspect_sample_percent;   /* 回头看 random sample of closed findings (20) */
    int close_review; /* 销号 needs the office's review: 0 never, 1 严重 and 红线, 2 every finding (0) */
    int verify_days;  /* a submitted report is verified (核查) within this many days (7) */
    int close_onsite; /* 销号 needs a 现场复核 (a position at the school and a photo): 0 never, 1 严重 and
                       * 红线, 2 every finding (0) */
} finding_rules_t;

/* Whether the 销号 of a finding of this severity needs an on-site re-check (whoever closes it;
 * the office's approval of a 销号 already carrying one does not repeat it). */
bool finding_close_needs_onsite(const finding_rules_t *r, finding_severity_t sev);
/* Whether an inspector's 销号 of a finding of this severity waits for the office's review. */
bool finding_close_needs_review(const finding_rules_t *r, finding_severity_t sev);
/* The 核查 deadline of a report that entered verification on `since` (YYYY-MM-DD) into out (11
 * bytes): since + verify_days; false when since is malformed. Overdue when today is later. */
bool finding_verify_due(const finding_rules_t *r, const char *since, char *out, size_t n);

void finding_rules_defaults(finding_rules_t *r);
/* Applies one setting ("finding.days.general" ...) to r; false when the name is not one of
 * them (value must be 1..3650; percent 0..100). */
bool finding_rules_apply(finding_rules_t *r, const char *name, int value);
/* The NULL-terminated list of setting names finding_rules_apply knows. */
const char *const *finding_rules_names(void);

/* Dates as day numbers (days since 1970-01-01) for arithmetic. false when malformed. */
bool finding_date_to_days(const char *date, int *out);
/* Writes "YYYY-MM-DD" (out needs 11 bytes). */
void finding_days_to_date(int days, char *out, size_t n);
/* date + n days into out (11 bytes); false when date is malformed. */
bool finding_date_add(const char *date, int n, char *out, size_t out_n);
/* The default deadline: issued_on + rules->days[severity]. */
bool finding_default_deadline(const finding_rules_t *r, finding_severity_t sev, const char *issued_on, char *out,
                              size_t n);

/* The escalation ladder. */
typedef enum finding_escalation {
    ESC_NONE = 0,
    ESC_REMINDED = 1,  /* the deadline is within remind_days */
    ESC_OVERDUE = 2,   /* past the deadline: 逾期, overdue notice */
    ESC_ORDER = 3,     /* 督办单 issued */
    ESC_INTERVIEW = 4, /* flagged for 约谈 */
} finding_escalation_t;

/* The level a finding with this deadline should have reached on `today`, from the rules.
 * Only open findings the school still owes (issued, rectifying) escalate; the caller checks. */
finding_escalation_t finding_escalation_due(const finding_rules_t *r, int deadline_days, int today_days);
const char *finding_escalation_name(finding_escalation_t e);

/* ---- 问责 (《教育督导问责办法》) ---- */

/* Whether measure is one of the 问责方式 for the target kind ("unit", "person", or
 * "private_person": 民办学校/培训机构责任人, which adds three). */
bool finding_accountability_measure_ok(const char *target_kind, const char *measure);
/* The NULL-terminated measures of a target kind (codes), and a code's Chinese label. */
const char *const *finding_accountability_measures(const char *target_kind);
const char *finding_accountability_measure_zh(const char *measure);
/* The time limits from the decision date (复核 apply 30 + decide 30, 申诉 apply 15 + decide
 * 60), into four 11-byte buffers. false when the date is malformed. */
bool finding_accountability_deadlines(const char *decided_on, char *review_apply_by, char *review_decide_by,
                                      char *appeal_apply_by, char *appeal_decide_by);
/* Aggravating case 4: another accountability of the same target within 365 days. */
bool finding_accountability_is_repeat(const char *decided_on, const char *previous_on);

#endif
