/*
 * store-iam.c: IAM's records. Roles live in the iam_roles table that
 * store-sts.c creates and STS AssumeRole reads by ARN: one place for
 * roles, whether they came from the credentials file or from CreateRole.
 * The tables here hold what hangs off a role (inline policies, tags,
 * attachments) and customer managed policies with their versions.
 * Role and policy names compare without regard to case.
 */
#include "hs-common.h"
#include "iam.h"

const char sbx_iam_schema[] =
	"CREATE TABLE IF NOT EXISTS iam_role_policies(role TEXT NOT NULL"
	" COLLATE NOCASE, name TEXT NOT NULL COLLATE NOCASE,"
	" document TEXT NOT NULL, PRIMARY KEY(role, name));"
	"CREATE TABLE IF NOT EXISTS iam_role_tags(role TEXT NOT NULL"
	" COLLATE NOCASE, key TEXT NOT NULL COLLATE NOCASE,"
	" value TEXT NOT NULL, PRIMARY KEY(role, key));"
	"CREATE TABLE IF NOT EXISTS iam_role_attachments(role TEXT NOT NULL"
	" COLLATE NOCASE, policy_arn TEXT NOT NULL,"
	" PRIMARY KEY(role, policy_arn));"
	"CREATE TABLE IF NOT EXISTS iam_policies(arn TEXT PRIMARY KEY,"
	" name TEXT NOT NULL COLLATE NOCASE, path TEXT NOT NULL,"
	" policy_id TEXT NOT NULL, description TEXT,"
	" default_version TEXT NOT NULL, created_ms INTEGER NOT NULL,"
	" updated_ms INTEGER NOT NULL);"
	"CREATE TABLE IF NOT EXISTS iam_policy_versions(arn TEXT NOT NULL,"
	" version TEXT NOT NULL, document TEXT NOT NULL,"
	" created_ms INTEGER NOT NULL, PRIMARY KEY(arn, version));";

#define ROLE_COLUMNS "name, path, arn, role_id, trust_policy, max_session," \
	" created_ms, description"

void
sbx_iam_role_clear(struct sbx_iam_role *r)
{
	sbx_role_clear(&r->r);
	free(r->description);
	cJSON_Delete(r->tags);
	memset(r, 0, sizeof *r);
}

void
sbx_iam_policy_clear(struct sbx_iam_policy *p)
{
	free(p->arn);
	free(p->name);
	free(p->path);
	free(p->policy_id);
	free(p->description);
	free(p->default_version);
	free(p->document);
	memset(p, 0, sizeof *p);
}

/* Free an array of strings. */
void
sbx_strv_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Read a role row (ROLE_COLUMNS). */
static void
role_row(sqlite3_stmt *s, struct sbx_iam_role *r)
{
	r->r.name = sbx_store_col(s, 0);
	r->r.path = sbx_store_col(s, 1);
	r->r.arn = sbx_store_col(s, 2);
	r->r.role_id = sbx_store_col(s, 3);
	r->r.trust_policy = sbx_store_col(s, 4);
	r->r.max_session = sqlite3_column_int(s, 5);
	r->r.created_ms = sqlite3_column_int64(s, 6);
	r->description = sbx_store_col(s, 7);
}

/* Insert a role's tags (map). */
static int
role_tags_put(sqlite3 *db, const char *role, const cJSON *tags, char **cause)
{
	const cJSON *t;

	cJSON_ArrayForEach(t, tags)
		if (sbx_store_run(db, cause, "INSERT OR REPLACE INTO"
		    " iam_role_tags(role, key, value) VALUES (?, ?, ?)", 3,
		    role, t->string, cJSON_GetStringValue(t)) < 0)
			return -1;
	return 0;
}

/* Insert the role and its tags. */
static int
role_insert(sqlite3 *db, const struct sbx_iam_role *r, char **cause)
{
	char n1[24], n2[24];

	if (sbx_store_run(db, cause, "INSERT INTO iam_roles(" ROLE_COLUMNS ")"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", 8, r->r.name, r->r.path,
	    r->r.arn, r->r.role_id, r->r.trust_policy,
	    sbx_itoa(r->r.max_session, n1), sbx_itoa(r->r.created_ms, n2),
	    r->description) < 0)
		return -1;
	if (sbx_store_run(db, cause, "DELETE FROM iam_role_tags WHERE"
	    " role = ?", 1, r->r.name) < 0)
		return -1;
	return role_tags_put(db, r->r.name, r->tags, cause);
}

/* 0 created, 1 a role of that name exists. */
int
sbx_iam_role_create(struct sbx_store *st, const struct sbx_iam_role *r,
    char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	sqlite3_stmt *s;
	int rc = -1, f;

	if (sbx_store_begin(db, cause) != 0)
		goto out;
	s = sbx_store_query(db, cause, "SELECT 1 FROM iam_roles WHERE"
	    " name = ? COLLATE NOCASE", 1, r->r.name);
	f = s ? sbx_store_step(db, s, cause) : -1;
	sqlite3_finalize(s);
	if (f == 1)
		rc = 1;
	else if (f == 0 && role_insert(db, r, cause) == 0)
		rc = 0;
	if (rc == 0 && sbx_store_commit(db, cause) != 0)
		rc = -1;
	if (rc != 0)
		sbx_store_rollback(db);
out:
	sbx_store_unlock(st);
	return rc;
}

/* Load the tags of a role into r->tags. */
static int
role_tags_load(sqlite3 *db, struct sbx_iam_role *r, char **cause)
{
	sqlite3_stmt *s = sbx_store_query(db, cause, "SELECT key, value FROM"
	    " iam_role_tags WHERE role = ? ORDER BY rowid", 1, r->r.name);
	int f;

	if (s == NULL)
		return -1;
	while ((f = sbx_store_step(db, s, cause)) == 1) {
		if (r->tags == NULL)
			r->tags = cJSON_CreateObject();
		cJSON_AddStringToObject(r->tags,
		    (const char *)sqlite3_column_text(s, 0),
		    (const char *)sqlite3_column_text(s, 1));
	}
	sqlite3_finalize(s);
	return f;
}

/* 0 found, 1 none. */
int
sbx_iam_role_load(struct sbx_store *st, const char *name,
    struct sbx_iam_role *out, char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	sqlite3_stmt *s;
	int f;

	s = sbx_store_query(db, cause, "SELECT " ROLE_COLUMNS " FROM iam_roles"
	    " WHERE name = ? COLLATE NOCASE", 1, name);
	f = s ? sbx_store_step(db, s, cause) : -1;
	if (f == 1)
		role_row(s, out);
	sqlite3_finalize(s);
	if (f == 1 && role_tags_load(db, out, cause) != 0)
		f = -1;
	sbx_store_unlock(st);
	if (f < 0)
		sbx_iam_role_clear(out);
	return f == 1 ? 0 : f == 0 ? 1 : -1;
}

/* Roles whose path starts with prefix (NULL: all), by name. */
int
sbx_iam_role_list(struct sbx_store *st, const char *prefix,
    struct sbx_iam_role **out, size_t *n, char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	sqlite3_stmt *s;
	int f = -1;

	*out = NULL;
	*n = 0;
	s = sbx_store_query(db, cause, "SELECT " ROLE_COLUMNS " FROM iam_roles"
	    " WHERE substr(path, 1, length(?1)) = ?1 ORDER BY name COLLATE"
	    " NOCASE", 1, prefix ? prefix : "/");
	while (s != NULL && (f = sbx_store_step(db, s, cause)) == 1) {
		*out = hs_xreallocarray(*out, *n + 1, sizeof **out);
		memset(&(*out)[*n], 0, sizeof **out);
		role_row(s, &(*out)[(*n)++]);
	}
	sqlite3_finalize(s);
	sbx_store_unlock(st);
	return f == 0 ? 0 : -1;
}

/* Set trust_policy, description or max_session of a role. */
int
sbx_iam_role_set(struct sbx_store *st, const char *name, const char *column,
    const char *value, char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	char *sql;
	int r;

	if (strcmp(column, "trust_policy") != 0 &&
	    strcmp(column, "description") != 0 &&
	    strcmp(column, "max_session") != 0)
		BUG("unknown role column %s", column);
	sql = hs_xasprintf("UPDATE iam_roles SET %s = ? WHERE name = ?"
	    " COLLATE NOCASE", column);
	r = sbx_store_run(db, cause, sql, 2, value, name);
	free(sql);
	sbx_store_unlock(st);
	return r < 0 ? -1 : r == 0 ? 1 : 0;
}

/* Count rows of a query with one argument; -1 on failure. */
static int
store_count(sqlite3 *db, const char *sql, const char *arg, char **cause)
{
	sqlite3_stmt *s = sbx_store_query(db, cause, sql, 1, arg);
	int f, n = -1;

	if (s == NULL)
		return -1;
	f = sbx_store_step(db, s, cause);
	if (f == 1)
		n = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return n;
}

/* Check a role has no policies left; 0, 2 inline, 3 attached, -1. */
static int
role_conflict(sqlite3 *db, const char *name, char **cause)
{
	int n = store_count(db, "SELECT count(*) FROM iam_role_policies"
	    " WHERE role = ?", name, cause);

	if (n != 0)
		return n < 0 ? -1 : 2;
	n = store_count(db, "SELECT count(*) FROM iam_role_attachments"
	    " WHERE role = ?", name, cause);
	return n < 0 ? -1 : n > 0 ? 3 : 0;
}

/* 0 deleted, 1 none, 2 inline policies, 3 attached policies. */
int
sbx_iam_role_delete(struct sbx_store *st, const char *name, char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	int rc = -1, r;

	if (sbx_store_begin(db, cause) != 0)
		goto out;
	rc = role_conflict(db, name, cause);
	if (rc == 0) {
		r = sbx_store_run(db, cause, "DELETE FROM iam_roles WHERE"
		    " name = ? COLLATE NOCASE", 1, name);
		rc = r < 0 ? -1 : r == 0 ? 1 : 0;
	}
	if (rc == 0 && (sbx_store_run(db, cause, "DELETE FROM iam_role_tags"
	    " WHERE role = ?", 1, name) < 0 || sbx_store_commit(db,
	    cause) != 0))
		rc = -1;
	if (rc != 0)
		sbx_store_rollback(db);
out:
	sbx_store_unlock(st);
	return rc;
}

/* Add or replace tags (map); remove keys (array of strings). */
int
sbx_iam_role_tag(struct sbx_store *st, const char *role, const cJSON *add,
    const cJSON *remove, char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	const cJSON *k;
	int rc = -1;

	if (sbx_store_begin(db, cause) != 0)
		goto out;
	if (role_tags_put(db, role, add, cause) != 0)
		goto fail;
	cJSON_ArrayForEach(k, remove)
		if (sbx_store_run(db, cause, "DELETE FROM iam_role_tags WHERE"
		    " role = ? AND key = ?", 2, role,
		    cJSON_GetStringValue(k)) < 0)
			goto fail;
	rc = sbx_store_commit(db, cause);
fail:
	if (rc != 0)
		sbx_store_rollback(db);
out:
	sbx_store_unlock(st);
	return rc;
}

/* Create or replace an inline policy. */
int
sbx_iam_role_policy_put(struct sbx_store *st, const char *role,
    const char *name, const char *doc, char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	int r;

	r = sbx_store_run(db, cause, "INSERT INTO iam_role_policies(role,"
	    " name, document) VALUES (?1, ?2, ?3) ON CONFLICT(role, name)"
	    " DO UPDATE SET document = ?3", 3, role, name, doc);
	sbx_store_unlock(st);
	return r < 0 ? -1 : 0;
}

/* 0 found (*doc, *real_name), 1 none. */
int
sbx_iam_role_policy_get(struct sbx_store *st, const char *role,
    const char *name, char **doc, char **real_name, char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	sqlite3_stmt *s;
	int f;

	s = sbx_store_query(db, cause, "SELECT document, name FROM"
	    " iam_role_policies WHERE role = ? AND name = ?", 2, role, name);
	f = s ? sbx_store_step(db, s, cause) : -1;
	if (f == 1) {
		*doc = sbx_store_col(s, 0);
		*real_name = sbx_store_col(s, 1);
	}
	sqlite3_finalize(s);
	sbx_store_unlock(st);
	return f == 1 ? 0 : f == 0 ? 1 : -1;
}

/* The strings of column 0 of a one-argument query. */
static int
store_strings(struct sbx_store *st, const char *sql, const char *arg,
    char ***out, size_t *n, char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	sqlite3_stmt *s = sbx_store_query(db, cause, sql, 1, arg);
	int f = -1;

	*out = NULL;
	*n = 0;
	while (s != NULL && (f = sbx_store_step(db, s, cause)) == 1) {
		*out = hs_xreallocarray(*out, *n + 1, sizeof **out);
		(*out)[(*n)++] = sbx_store_col(s, 0);
	}
	sqlite3_finalize(s);
	sbx_store_unlock(st);
	if (f != 0) {
		sbx_strv_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return f == 0 ? 0 : -1;
}

/* The names of a role's inline policies, sorted. */
int
sbx_iam_role_policy_names(struct sbx_store *st, const char *role,
    char ***names, size_t *n, char **cause)
{
	return store_strings(st, "SELECT name FROM iam_role_policies WHERE"
	    " role = ? ORDER BY name", role, names, n, cause);
}

/* 0 deleted, 1 none. */
int
sbx_iam_role_policy_delete(struct sbx_store *st, const char *role,
    const char *name, char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	int r = sbx_store_run(db, cause, "DELETE FROM iam_role_policies WHERE"
	    " role = ? AND name = ?", 2, role, name);

	sbx_store_unlock(st);
	return r < 0 ? -1 : r == 0 ? 1 : 0;
}

/* Insert a policy and its first version. */
static int
policy_insert(sqlite3 *db, const struct sbx_iam_policy *p, char **cause)
{
	char c1[24], c2[24];

	if (sbx_store_run(db, cause, "INSERT INTO iam_policies(arn, name, path,"
	    " policy_id, description, default_version, created_ms, updated_ms)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", 8, p->arn, p->name, p->path,
	    p->policy_id, p->description, p->default_version,
	    sbx_itoa(p->created_ms, c1), sbx_itoa(p->updated_ms, c2)) < 0)
		return -1;
	return sbx_store_run(db, cause, "INSERT INTO iam_policy_versions(arn,"
	    " version, document, created_ms) VALUES (?, ?, ?, ?)", 4, p->arn,
	    p->default_version, p->document, c1) < 0 ? -1 : 0;
}

/* 0 created, 1 a policy of that name exists. */
int
sbx_iam_policy_create(struct sbx_store *st, const struct sbx_iam_policy *p,
    char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	int rc = -1, n;

	if (sbx_store_begin(db, cause) != 0)
		goto out;
	n = store_count(db, "SELECT count(*) FROM iam_policies WHERE name = ?",
	    p->name, cause);
	if (n > 0)
		rc = 1;
	else if (n == 0 && policy_insert(db, p, cause) == 0 &&
	    sbx_store_commit(db, cause) == 0)
		rc = 0;
	if (rc != 0)
		sbx_store_rollback(db);
out:
	sbx_store_unlock(st);
	return rc;
}

/* A customer policy or an AWS managed one: 0 found, 1 none. */
int
sbx_iam_policy_load(struct sbx_store *st, const char *arn,
    struct sbx_iam_policy *out, char **cause)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	int f;

	if (sbx_iam_managed_load(arn, out) == 0)
		return 0;
	db = sbx_store_lock(st);
	s = sbx_store_query(db, cause, "SELECT p.arn, p.name, p.path,"
	    " p.policy_id, p.description, p.default_version, v.document,"
	    " p.created_ms, p.updated_ms FROM iam_policies p JOIN"
	    " iam_policy_versions v ON v.arn = p.arn AND"
	    " v.version = p.default_version WHERE p.arn = ?", 1, arn);
	f = s ? sbx_store_step(db, s, cause) : -1;
	if (f == 1) {
		out->arn = sbx_store_col(s, 0);
		out->name = sbx_store_col(s, 1);
		out->path = sbx_store_col(s, 2);
		out->policy_id = sbx_store_col(s, 3);
		out->description = sbx_store_col(s, 4);
		out->default_version = sbx_store_col(s, 5);
		out->document = sbx_store_col(s, 6);
		out->created_ms = sqlite3_column_int64(s, 7);
		out->updated_ms = sqlite3_column_int64(s, 8);
	}
	sqlite3_finalize(s);
	sbx_store_unlock(st);
	return f == 1 ? 0 : f == 0 ? 1 : -1;
}

/* 0 deleted, 1 none, 2 still attached. */
int
sbx_iam_policy_delete(struct sbx_store *st, const char *arn, char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	int rc = -1, n;

	if (sbx_store_begin(db, cause) != 0)
		goto out;
	n = store_count(db, "SELECT count(*) FROM iam_role_attachments WHERE"
	    " policy_arn = ?", arn, cause);
	if (n > 0)
		rc = 2;
	else if (n == 0) {
		n = sbx_store_run(db, cause, "DELETE FROM iam_policies WHERE"
		    " arn = ?", 1, arn);
		rc = n < 0 ? -1 : n == 0 ? 1 : 0;
	}
	if (rc == 0 && (sbx_store_run(db, cause, "DELETE FROM"
	    " iam_policy_versions WHERE arn = ?", 1, arn) < 0 ||
	    sbx_store_commit(db, cause) != 0))
		rc = -1;
	if (rc != 0)
		sbx_store_rollback(db);
out:
	sbx_store_unlock(st);
	return rc;
}

/* How many roles have arn attached. */
int
sbx_iam_policy_attachments(struct sbx_store *st, const char *arn,
    char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	int n = store_count(db, "SELECT count(*) FROM iam_role_attachments"
	    " WHERE policy_arn = ?", arn, cause);

	sbx_store_unlock(st);
	return n;
}

/* Attach a managed policy to a role (again is fine). */
int
sbx_iam_attach(struct sbx_store *st, const char *role, const char *arn,
    char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	int r = sbx_store_run(db, cause, "INSERT OR IGNORE INTO"
	    " iam_role_attachments(role, policy_arn) VALUES (?, ?)", 2, role,
	    arn);

	sbx_store_unlock(st);
	return r < 0 ? -1 : 0;
}

/* 0 detached, 1 was not attached. */
int
sbx_iam_detach(struct sbx_store *st, const char *role, const char *arn,
    char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	int r = sbx_store_run(db, cause, "DELETE FROM iam_role_attachments"
	    " WHERE role = ? AND policy_arn = ?", 2, role, arn);

	sbx_store_unlock(st);
	return r < 0 ? -1 : r == 0 ? 1 : 0;
}

/* The ARNs attached to a role, in the order attached. */
int
sbx_iam_attached(struct sbx_store *st, const char *role, char ***arns,
    size_t *n, char **cause)
{
	return store_strings(st, "SELECT policy_arn FROM iam_role_attachments"
	    " WHERE role = ? ORDER BY rowid", role, arns, n, cause);
}

/* Every identity policy document of a role. */
int
sbx_iam_role_documents(struct sbx_store *st, const char *role,
    char ***docs, size_t *n, char **cause)
{
	char **arns = NULL;
	size_t na = 0, i;

	if (store_strings(st, "SELECT document FROM iam_role_policies WHERE"
	    " role = ? ORDER BY name", role, docs, n, cause) != 0)
		return -1;
	if (sbx_iam_attached(st, role, &arns, &na, cause) != 0) {
		sbx_strv_free(*docs, *n);
		return -1;
	}
	for (i = 0; i < na; i++) {
		struct sbx_iam_policy p = { 0 };
		char *why = NULL;
		if (sbx_iam_policy_load(st, arns[i], &p, &why) == 0) {
			*docs = hs_xreallocarray(*docs, *n + 1, sizeof **docs);
			(*docs)[(*n)++] = p.document;
			p.document = NULL;
		}
		free(why);
		sbx_iam_policy_clear(&p);
	}
	sbx_strv_free(arns, na);
	return 0;
}
