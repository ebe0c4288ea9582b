/*
 * store-sts.c: the temporary credentials STS issued, kept until they
 * expire so that the sandbox accepts them across restarts.
 */
#include "hs-common.h"
#include "store.h"

const char sbx_sts_schema[] =
	"CREATE TABLE IF NOT EXISTS sts_sessions(access_key TEXT PRIMARY KEY,"
	" secret TEXT NOT NULL, token TEXT NOT NULL, expiration INTEGER NOT NULL,"
	" arn TEXT NOT NULL, account TEXT NOT NULL, user_id TEXT NOT NULL);"
	"CREATE TABLE IF NOT EXISTS iam_roles(name TEXT PRIMARY KEY,"
	" path TEXT NOT NULL DEFAULT '/', arn TEXT NOT NULL, role_id TEXT NOT NULL,"
	" trust_policy TEXT NOT NULL, max_session INTEGER NOT NULL DEFAULT 3600,"
	" created_ms INTEGER NOT NULL, description TEXT);";

/* Keep an STS session's credentials until they expire. */
int
sbx_sts_session_put(struct sbx_store *st, const struct sbx_principal *p,
    char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	sqlite3_stmt *s;
	int rc = -1;

	s = sbx_store_prepare(db, "INSERT INTO sts_sessions(access_key, secret,"
	    " token, expiration, arn, account, user_id)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?)", cause);
	if (s != NULL) {
		sbx_store_bind(s, 1, p->access_key);
		sbx_store_bind(s, 2, p->secret);
		sbx_store_bind(s, 3, p->session_token);
		sqlite3_bind_int64(s, 4, (sqlite3_int64)p->expiration);
		sbx_store_bind(s, 5, p->arn);
		sbx_store_bind(s, 6, p->account);
		sbx_store_bind(s, 7, p->user_id);
		if (sqlite3_step(s) == SQLITE_DONE)
			rc = 0;
		else
			*cause = hs_xasprintf("store: %s", sqlite3_errmsg(db));
	}
	sqlite3_finalize(s);
	sbx_store_unlock(st);
	return rc;
}

/* The session of an access key, or NULL (not found). */
struct sbx_principal *
sbx_sts_session_get(struct sbx_store *st, const char *access_key)
{
	sqlite3 *db = sbx_store_lock(st);
	struct sbx_principal *p = NULL;
	char *cause = NULL;
	sqlite3_stmt *s;

	s = sbx_store_prepare(db, "SELECT access_key, secret, token, expiration,"
	    " arn, account, user_id FROM sts_sessions WHERE access_key = ?",
	    &cause);
	if (s != NULL) {
		sbx_store_bind(s, 1, access_key);
		if (sqlite3_step(s) == SQLITE_ROW) {
			p = hs_xcalloc(1, sizeof *p);
			p->access_key = sbx_store_col(s, 0);
			p->secret = sbx_store_col(s, 1);
			p->session_token = sbx_store_col(s, 2);
			p->expiration = (time_t)sqlite3_column_int64(s, 3);
			p->arn = sbx_store_col(s, 4);
			p->account = sbx_store_col(s, 5);
			p->user_id = sbx_store_col(s, 6);
		}
	}
	free(cause);
	sqlite3_finalize(s);
	sbx_store_unlock(st);
	return p;
}

/* Create or replace a role (from the credentials file; IAM in issue 7). */
int
sbx_iam_role_put(struct sbx_store *st, const struct sbx_role *r, char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	sqlite3_stmt *s;
	int rc = -1;

	s = sbx_store_prepare(db, "INSERT OR REPLACE INTO iam_roles(name, path,"
	    " arn, role_id, trust_policy, max_session, created_ms)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?)", cause);
	if (s != NULL) {
		sbx_store_bind(s, 1, r->name);
		sbx_store_bind(s, 2, r->path ? r->path : "/");
		sbx_store_bind(s, 3, r->arn);
		sbx_store_bind(s, 4, r->role_id);
		sbx_store_bind(s, 5, r->trust_policy);
		sqlite3_bind_int(s, 6, r->max_session);
		sqlite3_bind_int64(s, 7, r->created_ms);
		if (sqlite3_step(s) == SQLITE_DONE)
			rc = 0;
		else
			*cause = hs_xasprintf("store: %s", sqlite3_errmsg(db));
	}
	sqlite3_finalize(s);
	sbx_store_unlock(st);
	return rc;
}

/* The role with this ARN: 0 found, 1 none. */
int
sbx_iam_role_get_by_arn(struct sbx_store *st, const char *arn,
    struct sbx_role *out, char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	sqlite3_stmt *s;
	int rc = -1, r;

	s = sbx_store_prepare(db, "SELECT name, path, arn, role_id,"
	    " trust_policy, max_session, created_ms FROM iam_roles"
	    " WHERE arn = ?", cause);
	if (s != NULL) {
		sbx_store_bind(s, 1, arn);
		r = sqlite3_step(s);
		if (r == SQLITE_ROW) {
			out->name = sbx_store_col(s, 0);
			out->path = sbx_store_col(s, 1);
			out->arn = sbx_store_col(s, 2);
			out->role_id = sbx_store_col(s, 3);
			out->trust_policy = sbx_store_col(s, 4);
			out->max_session = sqlite3_column_int(s, 5);
			out->created_ms = sqlite3_column_int64(s, 6);
			rc = 0;
		} else if (r == SQLITE_DONE)
			rc = 1;
		else
			*cause = hs_xasprintf("store: %s", sqlite3_errmsg(db));
	}
	sqlite3_finalize(s);
	sbx_store_unlock(st);
	return rc;
}

/* Free a role record; it is left zeroed. */
void
sbx_role_clear(struct sbx_role *r)
{
	free(r->name);
	free(r->path);
	free(r->arn);
	free(r->role_id);
	free(r->trust_policy);
	memset(r, 0, sizeof *r);
}
