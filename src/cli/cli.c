#include "cli/cli.h"
#include "cli/balance/cli_balance.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "docs/roster/plaque.h"
#include "http/server.h"
#include "store/migrate.h"
#include "svc/platform/audit_svc.h"
#include "svc/demo/demo_svc.h"
#include "svc/frameworks/framework_svc.h"
#include "svc/roster/import_svc.h"
#include "svc/platform/region_svc.h"
#include "svc/visits/task_svc.h"
#include "svc/platform/scheduler.h"
#include "svc/platform/user_svc.h"
#include "util/hash.h"
#include "util/log.h"

enum { EXIT_FAILED = 1, EXIT_USAGE = 2 };

typedef struct cli_opts {
    const char *db;
    const char *data;
    const char *listen;
    const char *web;
    const char *threads;
    const char *session_idle;
    const char *trusted_proxy;
    const char *public_url;
    const char *username;
    const char *name;
    const char *role;
    const char *region;
    const char *school_id;
    const char *phone;
    const char *code;
    const char *level;
    const char *parent;
    const char *month;
    const char *checkpoints; /* audit verify --checkpoints FILE */
    int is_password_stdin;
    const char *args[4]; /* positional arguments after the command words */
    int n_args;
} cli_opts_t;

typedef struct cli_cmd {
    const char *name; /* "user add" */
    int (*run)(cli_opts_t *o);
    const char *usage;
    const char *help;
} cli_cmd_t;

static const char global_help[] =
    "  --db URL       数据库 / database: sqlite:PATH (default sqlite:var/dudao.db) or postgres://...\n"
    "                 (env DUDAO_DB)\n"
    "  --data DIR     附件目录 / attachment directory (default var/data; env DUDAO_DATA)\n";

static int cli_fail(arena_t *a, err_t *e) {
    fprintf(stderr, "dudao: %s%s%s%s\n", e->message, e->field ? " [" : "", e->field ? e->field : "",
            e->field ? "]" : "");
    arena_free(a);
    return EXIT_FAILED;
}

/* Opens the database, applies migrations and builds the use-case context. */
static err_t *cli_open(cli_opts_t *o, arena_t *a, svc_t *svc) {
    svc_config_defaults(&svc->cfg);
    svc->cfg.data_dir = o->data;
    if (strncmp(o->db, "sqlite:", 7) == 0) {
        /* create the directory of the database file, as a first run expects */
        char *path = arena_strdup(a, o->db + 7);
        char *slash = strrchr(path, '/');
        if (slash && slash != path) {
            *slash = '\0';
            mkdir(path, 0750);
        }
    }
    err_t *e = db_pool_new(o->db, &svc->pool, a);
    if (e) return e;
    db_t *db;
    int n = 0;
    if ((e = db_pool_conn(svc->pool, &db, a)) || (e = migrate_run(db, a, &n))) {
        db_pool_free(svc->pool);
        svc->pool = NULL;
        return e;
    }
    if (n) log_info("applied %d migration(s)", n);
    /* the built-in 指标体系 (standards/frameworks/NAME.json), idempotently by code and version */
    const char *std_dir = framework_svc_standards_dir(a);
    if (!std_dir) log_warn("standards/ not found: built-in frameworks not loaded (set DUDAO_STANDARDS)");
    if (std_dir && (e = framework_svc_load_builtin(svc, a, std_dir, &n))) {
        db_pool_free(svc->pool);
        svc->pool = NULL;
        return e;
    }
    if (std_dir && n) log_info("loaded %d built-in framework version(s) from %s", n, std_dir);
    return NULL;
}

/* A command's work with the database open: prints its result and returns an error to report
 * (exit 1), or NULL with *rc set to the exit status. */
typedef err_t *(*cli_body_fn)(cli_opts_t *o, svc_t *svc, arena_t *a, int *rc);

/* Opens (and migrates) the database, runs body, closes, and maps the outcome to an exit status. */
static int cli_with_db(cli_opts_t *o, cli_body_fn body) {
    arena_t a;
    arena_init(&a);
    svc_t svc;
    int rc = 0;
    err_t *e = cli_open(o, &a, &svc);
    if (!e) {
        e = body(o, &svc, &a, &rc);
        db_pool_free(svc.pool);
    }
    if (e) return cli_fail(&a, e);
    arena_free(&a);
    return rc;
}

static int cli_usage_error(const char *text) {
    fprintf(stderr, "dudao: %s\n", text);
    return EXIT_USAGE;
}

static err_t *run_migrate(cli_opts_t *o, svc_t *svc, arena_t *a, int *rc) {
    (void)svc, (void)a, (void)rc;
    printf("数据库已是最新 / database schema is up to date (%s)\n", o->db);
    return NULL;
}

static int cmd_migrate(cli_opts_t *o) {
    return cli_with_db(o, run_migrate);
}

static err_t *run_demo(cli_opts_t *o, svc_t *svc, arena_t *a, int *rc) {
    (void)o, (void)rc;
    err_t *e = demo_svc_load(svc, a);
    if (!e)
        printf("演示数据已载入 / demo data loaded. 账号 / accounts: admin admin_dq inspector school leader auditor "
               "unit_qy unit_wk ... (督政 units), 密码 / password %s\n",
               DEMO_PASSWORD);
    return e;
}

static int cmd_demo(cli_opts_t *o) {
    return cli_with_db(o, run_demo);
}

static int cmd_serve(cli_opts_t *o) {
    arena_t a;
    arena_init(&a);
    svc_t svc;
    svc.pool = NULL;
    server_config_t cfg = {.listen = o->listen, .web_dir = o->web, .svc = &svc, .trusted_proxy = o->trusted_proxy};
    if (o->threads) cfg.n_threads = (unsigned)strtoul(o->threads, NULL, 10);
    int64_t idle = 0;
    if (o->session_idle) {
        char *end = NULL;
        idle = strtoll(o->session_idle, &end, 10);
        if (!end || *end || idle < 1) {
            fprintf(stderr, "dudao: --session-idle 应为正整数秒 / must be a positive number of seconds\n");
            return EXIT_USAGE;
        }
    }
    err_t *e = cli_open(o, &a, &svc);
    if (e) return cli_fail(&a, e);
    if (idle) svc.cfg.session_idle_seconds = idle;
    svc.cfg.public_url = o->public_url;
    const char *test_clock = getenv("DUDAO_TEST_CLOCK");
    svc.cfg.is_clock_settable = test_clock && strcmp(test_clock, "1") == 0;
    mkdir(o->data, 0750);
    server_block_signals();
    server_t *srv = NULL;
    if ((e = server_start(&cfg, &srv, &a))) {
        db_pool_free(svc.pool);
        return cli_fail(&a, e);
    }
    scheduler_t *sched = scheduler_start(&svc, 60); /* overdue sweep, escalation ladder ... */
    server_run_until_signal(srv);
    scheduler_stop(sched);
    server_stop(srv);
    plaque_shutdown(); /* the font caches, once no worker can render any more */
    db_pool_free(svc.pool);
    arena_free(&a);
    return 0;
}

/* A password from stdin (--password-stdin) or typed twice at a terminal without echo. */
static const char *cli_read_password(cli_opts_t *o, arena_t *a) {
    char line[512];
    if (o->is_password_stdin || !isatty(STDIN_FILENO)) {
        if (!fgets(line, sizeof line, stdin)) return NULL;
        line[strcspn(line, "\r\n")] = '\0';
        return arena_strdup(a, line);
    }
    struct termios old, quiet;
    tcgetattr(STDIN_FILENO, &old);
    quiet = old;
    quiet.c_lflag &= ~(tcflag_t)ECHO;
    char again[512];
    fputs("密码 / password: ", stderr);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    char *ok1 = fgets(line, sizeof line, stdin);
    fputs("\n再输入一次 / again: ", stderr);
    char *ok2 = fgets(again, sizeof again, stdin);
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    fputs("\n", stderr);
    if (!ok1 || !ok2) return NULL;
    line[strcspn(line, "\r\n")] = '\0';
    again[strcspn(again, "\r\n")] = '\0';
    if (strcmp(line, again) != 0) {
        fputs("dudao: 两次输入不一致 / the passwords differ\n", stderr);
        return NULL;
    }
    return arena_strdup(a, line);
}

static err_t *run_user_add(cli_opts_t *o, svc_t *svc, arena_t *a, int *rc) {
    const char *pw = cli_read_password(o, a);
    if (!pw) {
        *rc = EXIT_USAGE;
        return NULL;
    }
    user_input_t in = {
        .username = o->username,
        .display_name = o->name ? o->name : o->username,
        .role = o->role,
        .region_code = o->region,
        .has_school_id = o->school_id != NULL,
        .school_id = o->school_id ? strtoll(o->school_id, NULL, 10) : 0,
        .has_phone = o->phone != NULL,
        .phone = o->phone,
        .is_disabled = 0,
        .password = pw,
    };
    user_t u;
    err_t *e = user_svc_create_system(svc, a, &in, &u);
    if (!e)
        printf("已创建用户 / created user %s (id %lld, %s, %s)\n", u.username, (long long)u.id, u.role, u.region_name);
    return e;
}

static int cmd_user_add(cli_opts_t *o) {
    if (!o->username || !o->role || !o->region)
        return cli_usage_error("user add 需要 --username --role --region / needs --username --role --region");
    return cli_with_db(o, run_user_add);
}

static err_t *run_user_passwd(cli_opts_t *o, svc_t *svc, arena_t *a, int *rc) {
    const char *pw = cli_read_password(o, a);
    if (!pw) {
        *rc = EXIT_USAGE;
        return NULL;
    }
    err_t *e = user_svc_set_password_system(svc, a, o->args[0], pw);
    if (!e) printf("已设置密码并解除锁定 / password set and account unlocked: %s\n", o->args[0]);
    return e;
}

static int cmd_user_passwd(cli_opts_t *o) {
    return o->n_args == 1 ? cli_with_db(o, run_user_passwd) : cli_usage_error("user passwd USERNAME");
}

static err_t *run_user_disable(cli_opts_t *o, svc_t *svc, arena_t *a, int *rc) {
    (void)rc;
    err_t *e = user_svc_disable_system(svc, a, o->args[0]);
    if (!e) printf("已停用 / disabled: %s\n", o->args[0]);
    return e;
}

static int cmd_user_disable(cli_opts_t *o) {
    return o->n_args == 1 ? cli_with_db(o, run_user_disable) : cli_usage_error("user disable USERNAME");
}

static err_t *run_region_add(cli_opts_t *o, svc_t *svc, arena_t *a, int *rc) {
    (void)rc;
    err_t *e = region_svc_add_system(svc, a, o->code, o->name, o->level, o->parent);
    if (!e) printf("已添加行政区划 / region added: %s %s\n", o->code, o->name);
    return e;
}

static int cmd_region_add(cli_opts_t *o) {
    if (!o->code || !o->name || !o->level)
        return cli_usage_error("region add 需要 --code --name --level / needs --code --name --level");
    return cli_with_db(o, run_region_add);
}

/* The checkpoints the auditor kept (FILE, from `dudao audit checkpoints`) against the chain. */
static err_t *run_audit_verify_checkpoints(const char *file, svc_t *svc, arena_t *a, int *rc) {
    json_error_t jerr;
    json_t *doc = json_load_file(file, JSON_REJECT_DUPLICATES, &jerr);
    if (!doc)
        return err_newf(a, ERR_INVALID, "checkpoints", "无法读取检查点文件 %s：%s", "cannot read the checkpoint file %s: %s",
                        file, jerr.text, file, jerr.text);
    audit_cp_report_t rep;
    err_t *e = audit_svc_verify_checkpoints(svc, a, doc, &rep);
    json_decref(doc);
    if (e) return e;
    if (rep.problem) {
        printf("检查点 %lld 不成立 / checkpoint %lld FAILS: %s\n", (long long)rep.bad_id, (long long)rep.bad_id,
               rep.problem);
        *rc = EXIT_FAILED;
    } else {
        printf("检查点全部成立 / all %zu checkpoints hold\n", rep.n_checked);
    }
    return NULL;
}

static err_t *run_audit_verify(cli_opts_t *o, svc_t *svc, arena_t *a, int *rc) {
    int64_t n = 0, broken = 0;
    err_t *e = audit_svc_verify(svc, a, &n, &broken);
    if (e) return e;
    if (broken) {
        printf("审计链在第 %lld 条断开 / audit chain BROKEN at row %lld (%lld rows intact before it)\n",
               (long long)broken, (long long)broken, (long long)n);
        *rc = EXIT_FAILED;
    } else {
        printf("审计链完整 / audit chain intact: %lld rows\n", (long long)n);
    }
    return o->checkpoints ? run_audit_verify_checkpoints(o->checkpoints, svc, a, rc) : NULL;
}

static err_t *run_audit_checkpoint(cli_opts_t *o, svc_t *svc, arena_t *a, int *rc) {
    (void)o, (void)rc;
    bool is_made = false;
    audit_checkpoint_t c = {0};
    err_t *e = audit_svc_checkpoint(svc, a, &is_made, &c);
    if (e) return e;
    if (is_made)
        printf("已签名检查点 / checkpoint signed: row %lld %s\n", (long long)c.last_id, c.last_hash);
    else
        printf("无新记录，未生成检查点 / no new rows since the last checkpoint\n");
    return NULL;
}

static int cmd_audit_checkpoint(cli_opts_t *o) {
    return cli_with_db(o, run_audit_checkpoint);
}

static err_t *run_audit_checkpoints(cli_opts_t *o, svc_t *svc, arena_t *a, int *rc) {
    (void)o, (void)rc;
    json_t *doc = NULL;
    err_t *e = audit_svc_checkpoints_export(svc, a, &doc);
    if (e) return e;
    json_dumpf(doc, stdout, JSON_INDENT(1) | JSON_SORT_KEYS);
    fputc('\n', stdout);
    json_decref(doc);
    return NULL;
}

static int cmd_audit_checkpoints(cli_opts_t *o) {
    return cli_with_db(o, run_audit_checkpoints);
}

static int cmd_audit_verify(cli_opts_t *o) {
    return cli_with_db(o, run_audit_verify);
}

static err_t *run_backup(cli_opts_t *o, svc_t *svc, arena_t *a, int *rc) {
    db_t *db;
    err_t *e = db_pool_conn(svc->pool, &db, a);
    if (e) return e;
    /* copy into a temporary file, then rename: FILE is either the old or a whole new copy */
    const char *target = o->args[0];
    char *tmp = arena_printf(a, "%s.tmp-%d", target, (int)getpid());
    /* the copy holds password hashes and personal data: readable by its owner only */
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        fprintf(stderr, "dudao: 备份失败 / backup failed: %s: %s\n", tmp, strerror(errno));
        *rc = EXIT_FAILED;
        return NULL;
    }
    close(fd);
    sqlite3 *dst = NULL;
    int src = sqlite3_open(tmp, &dst);
    if (src == SQLITE_OK) {
        sqlite3_backup *b = sqlite3_backup_init(dst, "main", db_sqlite_handle(db), "main");
        if (b) {
            /* pages in steps so a running server's writers are not blocked for the whole copy */
            while ((src = sqlite3_backup_step(b, 256)) == SQLITE_OK || src == SQLITE_BUSY || src == SQLITE_LOCKED)
                sqlite3_sleep(5);
            sqlite3_backup_finish(b);
        }
        src = sqlite3_errcode(dst);
    }
    sqlite3_close(dst);
    if (src != SQLITE_OK || rename(tmp, target) != 0) {
        unlink(tmp);
        fprintf(stderr, "dudao: 备份失败 / backup failed: %s\n",
                src != SQLITE_OK ? sqlite3_errstr(src) : strerror(errno));
        *rc = EXIT_FAILED;
        return NULL;
    }
    printf("已备份到 / backed up to %s\n", target);
    return NULL;
}

static int cmd_backup(cli_opts_t *o) {
    if (o->n_args != 1) return cli_usage_error("backup FILE");
    if (strncmp(o->db, "sqlite:", 7) != 0)
        return cli_usage_error("PostgreSQL 请使用 pg_dump 备份（见 README）/ for PostgreSQL use pg_dump (see README)");
    return cli_with_db(o, run_backup);
}

static err_t *run_import(cli_opts_t *o, svc_t *svc, arena_t *a, int *rc) {
    import_kind_t kind;
    import_kind_parse(o->args[0], &kind);
    /* the command line acts for the whole database, as the system */
    actor_t sys = {.username = "system", .role = ROLE_ADMIN, .region_code = "", .region_path = "/"};
    import_result_t res;
    err_t *e = import_svc_run(svc, a, &sys, kind, o->args[1], &res);
    if (e) return e;
    if (res.is_written) {
        printf("已导入 / imported %s: %lld 行 rows, %lld 新增 created, %lld 更新 updated\n", o->args[1],
               (long long)res.n_rows, (long long)res.n_created, (long long)res.n_updated);
        return NULL;
    }
    size_t n = res.n_errors < IMPORT_MAX_ERRORS ? res.n_errors : IMPORT_MAX_ERRORS;
    for (size_t i = 0; i < n; i++)
        fprintf(stderr, "第 %lld 行 row %lld%s%s%s: %s\n", (long long)res.errors[i].row, (long long)res.errors[i].row,
                res.errors[i].column ? " [" : "", res.errors[i].column ? res.errors[i].column : "",
                res.errors[i].column ? "]" : "", res.errors[i].message);
    fprintf(stderr, "dudao: 发现 %zu 处错误，未写入任何数据 / %zu errors found; nothing was written\n", res.n_errors,
            res.n_errors);
    *rc = EXIT_FAILED;
    return NULL;
}

static int cmd_import(cli_opts_t *o) {
    import_kind_t kind;
    if (o->n_args != 2 || !import_kind_parse(o->args[0], &kind))
        return cli_usage_error("import schools|zones|inspectors|assignments FILE");
    return cli_with_db(o, run_import);
}

static err_t *run_tasks_generate(cli_opts_t *o, svc_t *svc, arena_t *a, int *rc) {
    (void)rc;
    actor_t sys = {.username = "system", .role = ROLE_ADMIN, .region_code = "", .region_path = "/"};
    task_gen_stats_t st;
    err_t *e = task_svc_generate_routine_in(svc, a, &sys, o->month, &st);
    if (!e)
        printf("%s 经常性督导任务 / routine tasks: %lld 名督学 inspectors, %lld 新任务 tasks created, %lld 新对象 "
               "targets added\n",
               o->month, (long long)st.n_inspectors, (long long)st.n_tasks_created, (long long)st.n_targets_added);
    return e;
}

static int cmd_tasks_generate(cli_opts_t *o) {
    if (!o->month) return cli_usage_error("tasks generate --month YYYY-MM");
    return cli_with_db(o, run_tasks_generate);
}

static const cli_cmd_t cli_cmds[] = {
    {"serve", cmd_serve,
     "serve [--listen ADDR:PORT] [--web DIR] [--threads N] [--session-idle SECONDS] [--public-url URL]\n"
     "        [--trusted-proxy ADDR]",
     "启动 HTTP 服务（启动时自动迁移数据库）/ run the HTTP server (migrates first).\n"
     "  --listen        default 127.0.0.1:8080 (env DUDAO_LISTEN)\n"
     "  --web           built web app, default web/dist (env DUDAO_WEB)\n"
     "  --session-idle  session idle expiry in seconds, default 1800\n"
     "  --public-url    the address the public uses (plaque QR codes), default http://localhost:8080\n"
     "                  (env DUDAO_PUBLIC_URL)\n"
     "  --trusted-proxy the reverse proxy's address: its requests carry the client's address in\n"
     "                  X-Forwarded-For (env DUDAO_TRUSTED_PROXY)\n"},
    {"migrate", cmd_migrate, "migrate", "应用数据库迁移 / apply the schema migrations.\n"},
    {"demo", cmd_demo, "demo",
     "向空数据库载入演示数据和各角色账号（密码 " DEMO_PASSWORD
     ")\n/ load the demo region and one account per role into an empty database.\n"},
    {"region add", cmd_region_add,
     "region add --code CODE --name NAME --level province|city|county|town [--parent CODE]",
     "添加行政区划（首次安装时为管理员建立范围）/ add a region (to give the first admin a scope).\n"},
    {"user add", cmd_user_add,
     "user add --username U --role ROLE --region CODE [--name NAME] [--school-id ID] [--phone P] [--password-stdin]",
     "创建账号；密码从终端输入或 --password-stdin 读取 / create an account; the password is typed or read from "
     "stdin.\n"},
    {"user passwd", cmd_user_passwd, "user passwd USERNAME [--password-stdin]",
     "设置密码并解除锁定 / set a password and unlock the account.\n"},
    {"user disable", cmd_user_disable, "user disable USERNAME",
     "停用账号并结束其会话 / disable an account, ending its sessions.\n"},
    {"audit verify", cmd_audit_verify, "audit verify [--checkpoints FILE]",
     "校验审计哈希链，报告第一处断链；给出检查点文件时，逐个核对其签名与所指记录（发现末尾被删）；不成立时退出码 1\n"
     "/ verify the audit hash chain and report the first broken link; with a checkpoint file, check each "
     "signature and that the row it names is still there (rows cut off the tail show); exit 1 on a failure.\n"},
    {"audit checkpoint", cmd_audit_checkpoint, "audit checkpoint",
     "立即为审计链末尾签名一个检查点（服务器每天自动生成）/ sign a checkpoint of the chain head now (the server "
     "makes one daily).\n"},
    {"audit checkpoints", cmd_audit_checkpoints, "audit checkpoints",
     "输出全部检查点（JSON），供审计员保存在服务器之外 / print every checkpoint (JSON) for the auditor to keep off "
     "the server.\n"},
    {"import", cmd_import, "import schools|zones|inspectors|assignments FILE",
     "导入 CSV（UTF-8 或 GB18030）或 XLSX；任一行有误则列出全部错误且不写入（退出码 1）\n"
     "/ import CSV (UTF-8 or GB18030) or XLSX; any bad row lists every error, writes nothing, exits 1.\n"},
    {"tasks generate", cmd_tasks_generate, "tasks generate --month YYYY-MM",
     "生成该月的经常性督导任务（每名责任督学一项，含其挂牌学校；可重复执行）\n"
     "/ generate the month's routine tasks, one per responsible inspector (idempotent).\n"},
    {"backup", cmd_backup, "backup FILE",
     "在服务运行时做一致性备份（SQLite 在线备份）/ consistent copy while the server runs (SQLite online backup).\n"},
};
enum { N_CMDS = sizeof cli_cmds / sizeof cli_cmds[0] };

static void cli_usage(FILE *f) {
    fputs("dudao — 教育督导平台 / education supervision platform\n\n用法 / usage: dudao COMMAND [options]\n\n", f);
    for (size_t i = 0; i < N_CMDS; i++)
        fprintf(f, "  dudao %s\n", cli_cmds[i].usage);
    fputs("  dudao balance eval [--csv FILE] [--year Y] [--json] [--region CODE]\n", f);
    fputs("  dudao help COMMAND\n\n全局选项 / global options:\n", f);
    fputs(global_help, f);
}

static void cli_cmd_help(const cli_cmd_t *c) {
    printf("用法 / usage: dudao %s\n\n%s\n", c->usage, c->help);
    fputs(global_help, stdout);
}

/* Matches "user add" style two-word commands first, then one-word ones. */
static const cli_cmd_t *cli_find(int argc, char **argv, int *n_words) {
    for (size_t i = 0; i < N_CMDS; i++) {
        const char *space = strchr(cli_cmds[i].name, ' ');
        if (space) {
            size_t n = (size_t)(space - cli_cmds[i].name);
            if (argc >= 2 && strlen(argv[0]) == n && strncmp(argv[0], cli_cmds[i].name, n) == 0 &&
                strcmp(argv[1], space + 1) == 0) {
                *n_words = 2;
                return &cli_cmds[i];
            }
        } else if (argc >= 1 && strcmp(argv[0], cli_cmds[i].name) == 0) {
            *n_words = 1;
            return &cli_cmds[i];
        }
    }
    return NULL;
}

static int cli_parse(cli_opts_t *o, int argc, char **argv) {
    static const struct {
        const char *flag;
        size_t offset;
    } flags[] = {
        {"--db", offsetof(cli_opts_t, db)},
        {"--data", offsetof(cli_opts_t, data)},
        {"--listen", offsetof(cli_opts_t, listen)},
        {"--web", offsetof(cli_opts_t, web)},
        {"--threads", offsetof(cli_opts_t, threads)},
        {"--session-idle", offsetof(cli_opts_t, session_idle)},
        {"--trusted-proxy", offsetof(cli_opts_t, trusted_proxy)},
        {"--public-url", offsetof(cli_opts_t, public_url)},
        {"--username", offsetof(cli_opts_t, username)},
        {"--name", offsetof(cli_opts_t, name)},
        {"--role", offsetof(cli_opts_t, role)},
        {"--region", offsetof(cli_opts_t, region)},
        {"--school-id", offsetof(cli_opts_t, school_id)},
        {"--phone", offsetof(cli_opts_t, phone)},
        {"--code", offsetof(cli_opts_t, code)},
        {"--level", offsetof(cli_opts_t, level)},
        {"--parent", offsetof(cli_opts_t, parent)},
        {"--month", offsetof(cli_opts_t, month)},
        {"--checkpoints", offsetof(cli_opts_t, checkpoints)},
    };
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--password-stdin") == 0) {
            o->is_password_stdin = 1;
            continue;
        }
        if (strncmp(arg, "--", 2) != 0) {
            if (o->n_args >= 4) {
                fprintf(stderr, "dudao: 多余的参数 / unexpected argument: %s\n", arg);
                return -1;
            }
            o->args[o->n_args++] = arg;
            continue;
        }
        const char *eq = strchr(arg, '=');
        size_t n = eq ? (size_t)(eq - arg) : strlen(arg);
        size_t k = 0;
        while (k < sizeof flags / sizeof flags[0] &&
               !(strlen(flags[k].flag) == n && strncmp(flags[k].flag, arg, n) == 0))
            k++;
        if (k == sizeof flags / sizeof flags[0]) {
            fprintf(stderr, "dudao: 未知选项 / unknown option: %s\n", arg);
            return -1;
        }
        const char *value = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
        if (!value) {
            fprintf(stderr, "dudao: %s 需要一个值 / needs a value\n", flags[k].flag);
            return -1;
        }
        *(const char **)((char *)o + flags[k].offset) = value;
    }
    return 0;
}

static const char *env_or(const char *name, const char *dflt) {
    const char *v = getenv(name);
    return v && *v ? v : dflt;
}

int cli_main(int argc, char **argv) {
    if (!hash_init()) {
        fputs("dudao: libsodium 初始化失败 / libsodium init failed\n", stderr);
        return EXIT_FAILED;
    }
    if (argc < 2) {
        cli_usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        cli_usage(stdout);
        return 0;
    }
    if (strcmp(argv[1], "help") == 0) {
        int n_words = 0;
        const cli_cmd_t *c = argc > 2 ? cli_find(argc - 2, argv + 2, &n_words) : NULL;
        if (!c) {
            cli_usage(argc > 2 ? stderr : stdout);
            return argc > 2 ? EXIT_USAGE : 0;
        }
        cli_cmd_help(c);
        return 0;
    }
    if (strcmp(argv[1], "balance") == 0) return cli_balance_main(argc - 2, argv + 2); /* its own options */
    int n_words = 0;
    const cli_cmd_t *c = cli_find(argc - 1, argv + 1, &n_words);
    if (!c) {
        fprintf(stderr, "dudao: 未知命令 / unknown command: %s\n\n", argv[1]);
        cli_usage(stderr);
        return EXIT_USAGE;
    }
    for (int i = 1 + n_words; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            cli_cmd_help(c);
            return 0;
        }
    cli_opts_t o = {0};
    o.db = env_or("DUDAO_DB", "sqlite:var/dudao.db");
    o.data = env_or("DUDAO_DATA", "var/data");
    o.listen = env_or("DUDAO_LISTEN", "127.0.0.1:8080");
    o.web = env_or("DUDAO_WEB", "web/dist");
    o.trusted_proxy = getenv("DUDAO_TRUSTED_PROXY");
    o.public_url = env_or("DUDAO_PUBLIC_URL", "http://localhost:8080");
    if (cli_parse(&o, argc - 1 - n_words, argv + 1 + n_words) != 0) return EXIT_USAGE;
    return c->run(&o);
}
