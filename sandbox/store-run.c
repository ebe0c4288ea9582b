/*
 * store-run.c: short forms for the statements of issue 7's stores
 * (store-iam.c, store-lambda.c, store-logs.c, store-ecr.c): prepare and
 * bind text arguments in one call, step with an error message, and
 * transactions. Callers hold the store's lock (sbx_store_lock).
 */
#include "hs-common.h"
#include "api.h"

#include <inttypes.h>
#include <stdarg.h>

/* Prepare sql and bind the n text arguments of ap. */
static sqlite3_stmt *
store_vquery(sqlite3 *db, char **cause, const char *sql, int n, va_list ap)
{
	sqlite3_stmt *s = sbx_store_prepare(db, sql, cause);
	int i;

	if (s == NULL)
		return NULL;
	for (i = 1; i <= n; i++)
		sbx_store_bind(s, i, va_arg(ap, const char *));
	return s;
}

/* Prepare sql and bind n text arguments. */
sqlite3_stmt *
sbx_store_query(sqlite3 *db, char **cause, const char *sql, int n, ...)
{
	sqlite3_stmt *s;
	va_list ap;

	va_start(ap, n);
	s = store_vquery(db, cause, sql, n, ap);
	va_end(ap);
	return s;
}

/* Run one statement with n text arguments; rows changed, or -1. */
int
sbx_store_run(sqlite3 *db, char **cause, const char *sql, int n, ...)
{
	sqlite3_stmt *s;
	va_list ap;
	int rc = -1;

	va_start(ap, n);
	s = store_vquery(db, cause, sql, n, ap);
	va_end(ap);
	if (s == NULL)
		return -1;
	if (sqlite3_step(s) == SQLITE_DONE)
		rc = sqlite3_changes(db);
	else
		*cause = hs_xasprintf("store: %s", sqlite3_errmsg(db));
	sqlite3_finalize(s);
	return rc;
}

/* Step a statement: 1 for a row, 0 when done, -1 with *cause. */
int
sbx_store_step(sqlite3 *db, sqlite3_stmt *s, char **cause)
{
	int r = sqlite3_step(s);

	if (r == SQLITE_ROW)
		return 1;
	if (r == SQLITE_DONE)
		return 0;
	*cause = hs_xasprintf("store: %s", sqlite3_errmsg(db));
	return -1;
}

/* Begin a transaction. */
int
sbx_store_begin(sqlite3 *db, char **cause)
{
	return sbx_store_exec(db, "BEGIN IMMEDIATE", cause);
}

/* Commit a transaction. */
int
sbx_store_commit(sqlite3 *db, char **cause)
{
	return sbx_store_exec(db, "COMMIT", cause);
}

/* Roll a transaction back (after a failure). */
void
sbx_store_rollback(sqlite3 *db)
{
	char *cause = NULL;

	(void)sbx_store_exec(db, "ROLLBACK", &cause);
	free(cause);
}

/* An integer as text for sbx_store_run. */
const char *
sbx_itoa(int64_t v, char buf[24])
{
	snprintf(buf, 24, "%" PRId64, v);
	return buf;
}
