/* migrate: applies the versioned schema migrations embedded in the binary.
 *
 * Migrations are src/store/migrations/NNN_name.sql, applied in order inside one transaction;
 * the applied versions are recorded in schema_migrations. Safe when several servers start at
 * once on one PostgreSQL (an advisory lock serialises them) or SQLite (BEGIN IMMEDIATE). */
#ifndef DUDAO_MIGRATE_H
#define DUDAO_MIGRATE_H

#include "store/db.h"

/* Applies what is missing; *n_applied (may be NULL) gets how many were applied. */
err_t *migrate_run(db_t *db, arena_t *a, int *n_applied);
/* The SQL of one migration for one engine: dialect blocks kept or dropped, @ID@ expanded.
 * Exposed for tests. */
char *migrate_render(arena_t *a, const char *text, db_kind_t kind);

#endif
