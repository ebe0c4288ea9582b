/*
 * store-lambda.c: Lambda's records: one row per function version
 * ($LATEST and the published numbers) with its configuration (JSON),
 * its code (a blob ID, the SHA-256 and size of the zip), the time it
 * changed and its revision; $LATEST also holds the tags, the resource
 * policy and the next version number. Versions share code blobs with
 * $LATEST; a blob is handed back for removal only when no row names it.
 */
#include "hs-common.h"
#include "lambda.h"
#include "s3-notify.h"

const char sbx_lambda_schema[] =
	"CREATE TABLE IF NOT EXISTS lambda_functions(name TEXT NOT NULL,"
	" version TEXT NOT NULL, region TEXT NOT NULL, config TEXT NOT NULL,"
	" code_blob TEXT NOT NULL, code_sha TEXT NOT NULL,"
	" code_size INTEGER NOT NULL, modified_ms INTEGER NOT NULL,"
	" revision TEXT NOT NULL, tags TEXT, policy TEXT,"
	" next_version INTEGER NOT NULL DEFAULT 1,"
	" PRIMARY KEY(name, version));"
	SBX_S3_NOTIFY_SCHEMA;

#define FN_COLUMNS "name, version, region, config, code_blob, code_sha," \
	" code_size, modified_ms, revision, tags, policy, next_version"

void
sbx_lambda_fn_clear(struct sbx_lambda_fn *f)
{
	free(f->name);
	free(f->region);
	free(f->version);
	free(f->runtime);
	free(f->role);
	free(f->handler);
	free(f->description);
	cJSON_Delete(f->env);
	free(f->arch);
	free(f->code_blob);
	free(f->code_sha);
	free(f->revision);
	cJSON_Delete(f->tags);
	free(f->policy);
	memset(f, 0, sizeof *f);
}

void
sbx_lambda_fns_free(struct sbx_lambda_fn *f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		sbx_lambda_fn_clear(&f[i]);
	free(f);
}

/* The configuration of a function as stored (JSON text). */
static char *
fn_config_text(const struct sbx_lambda_fn *f)
{
	cJSON *o = cJSON_CreateObject();
	char *text;

	cJSON_AddStringToObject(o, "Runtime", f->runtime);
	cJSON_AddStringToObject(o, "Role", f->role);
	cJSON_AddStringToObject(o, "Handler", f->handler);
	cJSON_AddStringToObject(o, "Description", f->description ?
	    f->description : "");
	cJSON_AddNumberToObject(o, "Timeout", f->timeout);
	cJSON_AddNumberToObject(o, "MemorySize", f->memory);
	if (f->env != NULL)
		cJSON_AddItemToObject(o, "Environment",
		    cJSON_Duplicate(f->env, true));
	cJSON_AddStringToObject(o, "Architecture", f->arch ? f->arch :
	    "x86_64");
	text = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return text;
}

/* A string member of a stored configuration (a copy). */
static char *
fn_conf_str(const cJSON *o, const char *name)
{
	const char *s = cJSON_GetStringValue(cJSON_GetObjectItem(o, name));

	return hs_xstrdup(s ? s : "");
}

/* Read a stored configuration into f. */
static void
fn_config_parse(struct sbx_lambda_fn *f, const char *text)
{
	cJSON *o = cJSON_Parse(text ? text : "{}");
	cJSON *env = cJSON_GetObjectItem(o, "Environment");

	f->runtime = fn_conf_str(o, "Runtime");
	f->role = fn_conf_str(o, "Role");
	f->handler = fn_conf_str(o, "Handler");
	f->description = fn_conf_str(o, "Description");
	f->timeout = cJSON_GetObjectItem(o, "Timeout") ?
	    cJSON_GetObjectItem(o, "Timeout")->valueint : 3;
	f->memory = cJSON_GetObjectItem(o, "MemorySize") ?
	    cJSON_GetObjectItem(o, "MemorySize")->valueint : 128;
	f->env = env ? cJSON_Duplicate(env, true) : NULL;
	f->arch = fn_conf_str(o, "Architecture");
	cJSON_Delete(o);
}

/* Read a row (FN_COLUMNS). */
static void
fn_row(sqlite3_stmt *s, struct sbx_lambda_fn *f)
{
	const char *conf = (const char *)sqlite3_column_text(s, 3);
	const char *tags = (const char *)sqlite3_column_text(s, 9);

	memset(f, 0, sizeof *f);
	f->name = sbx_store_col(s, 0);
	f->version = sbx_store_col(s, 1);
	f->region = sbx_store_col(s, 2);
	fn_config_parse(f, conf);
	f->code_blob = sbx_store_col(s, 4);
	f->code_sha = sbx_store_col(s, 5);
	f->code_size = sqlite3_column_int64(s, 6);
	f->modified_ms = sqlite3_column_int64(s, 7);
	f->revision = sbx_store_col(s, 8);
	f->tags = tags ? cJSON_Parse(tags) : NULL;
	f->policy = sbx_store_col(s, 10);
	f->next_version = sqlite3_column_int(s, 11);
}

/* Insert a row for f as version (its own version when NULL). */
static int
fn_insert(sqlite3 *db, const struct sbx_lambda_fn *f, const char *version,
    char **cause)
{
	char *conf = fn_config_text(f), *tags = f->tags ?
	    cJSON_PrintUnformatted(f->tags) : NULL;
	char sz[24], ms[24], nv[24];
	bool latest = strcmp(version ? version : f->version, "$LATEST") == 0;
	int r;

	r = sbx_store_run(db, cause, "INSERT OR IGNORE INTO lambda_functions("
	    FN_COLUMNS ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", 12,
	    f->name, version ? version : f->version, f->region, conf,
	    f->code_blob, f->code_sha, sbx_itoa(f->code_size, sz),
	    sbx_itoa(f->modified_ms, ms), f->revision, latest ? tags : NULL,
	    latest ? f->policy : NULL, sbx_itoa(f->next_version > 0 ?
	    f->next_version : 1, nv));
	free(conf);
	free(tags);
	return r;
}

/* 0 created, 1 exists. */
int
sbx_lambda_fn_create(struct sbx_store *st, const struct sbx_lambda_fn *f,
    char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	int r = fn_insert(db, f, "$LATEST", cause);

	sbx_store_unlock(st);
	return r < 0 ? -1 : r == 0 ? 1 : 0;
}

/* Rows of a query with text arguments into an array. */
static int
fn_select(struct sbx_store *st, const char *sql, int nargs, const char *a1,
    const char *a2, struct sbx_lambda_fn **out, size_t *n, char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	sqlite3_stmt *s = sbx_store_query(db, cause, sql, nargs, a1, a2);
	int f = -1;

	*out = NULL;
	*n = 0;
	while (s != NULL && (f = sbx_store_step(db, s, cause)) == 1) {
		*out = hs_xreallocarray(*out, *n + 1, sizeof **out);
		fn_row(s, &(*out)[(*n)++]);
	}
	sqlite3_finalize(s);
	sbx_store_unlock(st);
	if (f != 0) {
		sbx_lambda_fns_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return f == 0 ? 0 : -1;
}

/* 0 found, 1 none. */
int
sbx_lambda_fn_get(struct sbx_store *st, const char *name,
    const char *version, struct sbx_lambda_fn *out, char **cause)
{
	struct sbx_lambda_fn *all = NULL;
	size_t n = 0;

	if (fn_select(st, "SELECT " FN_COLUMNS " FROM lambda_functions WHERE"
	    " name = ? AND version = ?", 2, name, version, &all, &n, cause) != 0)
		return -1;
	if (n == 0) {
		free(all);
		return 1;
	}
	*out = all[0];
	free(all);
	return 0;
}

/* Every function's $LATEST (all_versions: every version), by name. */
int
sbx_lambda_fn_list(struct sbx_store *st, bool all_versions,
    struct sbx_lambda_fn **out, size_t *n, char **cause)
{
	return fn_select(st, all_versions ? "SELECT " FN_COLUMNS " FROM"
	    " lambda_functions ORDER BY name, version != '$LATEST',"
	    " CAST(version AS INTEGER)" : "SELECT " FN_COLUMNS " FROM"
	    " lambda_functions WHERE version = '$LATEST' ORDER BY name", 0,
	    NULL, NULL, out, n, cause);
}

/* A function's versions, $LATEST first then by number. */
int
sbx_lambda_fn_versions(struct sbx_store *st, const char *name,
    struct sbx_lambda_fn **out, size_t *n, char **cause)
{
	return fn_select(st, "SELECT " FN_COLUMNS " FROM lambda_functions"
	    " WHERE name = ? ORDER BY version != '$LATEST',"
	    " CAST(version AS INTEGER)", 1, name, NULL, out, n, cause);
}

/* Tell whether any row names a blob: 1, 0, or -1. */
static int
blob_named(sqlite3 *db, const char *blob, char **cause)
{
	sqlite3_stmt *s = sbx_store_query(db, cause, "SELECT 1 FROM"
	    " lambda_functions WHERE code_blob = ? LIMIT 1", 1, blob);
	int f = s ? sbx_store_step(db, s, cause) : -1;

	sqlite3_finalize(s);
	return f;
}

/* The blob of a row, or NULL. */
static char *
fn_blob(sqlite3 *db, const char *name, const char *version, char **cause)
{
	sqlite3_stmt *s = sbx_store_query(db, cause, "SELECT code_blob FROM"
	    " lambda_functions WHERE name = ? AND version = ?", 2, name,
	    version);
	char *blob = NULL;

	if (s != NULL && sbx_store_step(db, s, cause) == 1)
		blob = sbx_store_col(s, 0);
	sqlite3_finalize(s);
	return blob;
}

/* Replace $LATEST's configuration and code. */
int
sbx_lambda_fn_update(struct sbx_store *st, const struct sbx_lambda_fn *f,
    char **old_blob, char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	char *conf = fn_config_text(f), *old, sz[24], ms[24];
	int r = -1;

	*old_blob = NULL;
	old = fn_blob(db, f->name, "$LATEST", cause);
	if (old != NULL)
		r = sbx_store_run(db, cause, "UPDATE lambda_functions SET"
		    " config = ?, code_blob = ?, code_sha = ?, code_size = ?,"
		    " modified_ms = ?, revision = ? WHERE name = ? AND"
		    " version = '$LATEST'", 7, conf, f->code_blob, f->code_sha,
		    sbx_itoa(f->code_size, sz), sbx_itoa(f->modified_ms, ms),
		    f->revision, f->name);
	if (r > 0 && strcmp(old, f->code_blob) != 0 &&
	    blob_named(db, old, cause) == 0) {
		*old_blob = old;
		old = NULL;
	}
	free(old);
	free(conf);
	sbx_store_unlock(st);
	return r < 0 ? -1 : r == 0 ? 1 : 0;
}

/* The newest published version of a function (out), 0, or 1 if none. */
static int
fn_newest(struct sbx_store *st, const char *name, struct sbx_lambda_fn *out,
    char **cause)
{
	struct sbx_lambda_fn *all = NULL;
	size_t n = 0;

	if (sbx_lambda_fn_versions(st, name, &all, &n, cause) != 0)
		return -1;
	if (n < 2) {
		sbx_lambda_fns_free(all, n);
		return 1;
	}
	*out = all[n - 1];
	memset(&all[n - 1], 0, sizeof all[n - 1]);
	sbx_lambda_fns_free(all, n);
	return 0;
}

/* Tell whether two versions have the same code and configuration. */
static bool
fn_same(const struct sbx_lambda_fn *a, const struct sbx_lambda_fn *b)
{
	char *x = fn_config_text(a), *y = fn_config_text(b);
	bool same = strcmp(x, y) == 0 && strcmp(a->code_sha, b->code_sha) == 0;

	free(x);
	free(y);
	return same;
}

/* Write the next version of latest (locked). */
static int
fn_publish_locked(sqlite3 *db, struct sbx_lambda_fn *latest, char **cause)
{
	char num[24];

	sbx_itoa(latest->next_version, num);
	if (fn_insert(db, latest, num, cause) <= 0 || sbx_store_run(db, cause,
	    "UPDATE lambda_functions SET next_version = next_version + 1"
	    " WHERE name = ? AND version = '$LATEST'", 1, latest->name) < 0)
		return -1;
	free(latest->version);
	latest->version = hs_xstrdup(num);
	return 0;
}

/* Publish $LATEST as the next version (or answer the same newest one). */
int
sbx_lambda_fn_publish(struct sbx_store *st, const char *name,
    const char *description, int64_t now_ms, const char *revision,
    struct sbx_lambda_fn *out, char **cause)
{
	struct sbx_lambda_fn latest = { 0 }, newest = { 0 };
	sqlite3 *db;
	int f, rc = -1;

	if ((f = sbx_lambda_fn_get(st, name, "$LATEST", &latest, cause)) != 0)
		return f;
	if (fn_newest(st, name, &newest, cause) == 0 &&
	    fn_same(&latest, &newest)) {
		*out = newest;
		sbx_lambda_fn_clear(&latest);
		return 0;
	}
	sbx_lambda_fn_clear(&newest);
	if (description != NULL) {
		free(latest.description);
		latest.description = hs_xstrdup(description);
	}
	latest.modified_ms = now_ms;
	free(latest.revision);
	latest.revision = hs_xstrdup(revision);
	db = sbx_store_lock(st);
	if (sbx_store_begin(db, cause) == 0) {
		rc = fn_publish_locked(db, &latest, cause);
		if (rc == 0 && sbx_store_commit(db, cause) != 0)
			rc = -1;
		if (rc != 0)
			sbx_store_rollback(db);
	}
	sbx_store_unlock(st);
	cJSON_Delete(latest.tags);
	latest.tags = NULL;
	free(latest.policy);
	latest.policy = NULL;
	if (rc == 0)
		*out = latest;
	else
		sbx_lambda_fn_clear(&latest);
	return rc;
}

/* Collect the blobs of rows about to go. */
static int
fn_doomed_blobs(sqlite3 *db, const char *name, const char *version,
    char ***blobs, size_t *n, char **cause)
{
	sqlite3_stmt *s = sbx_store_query(db, cause, "SELECT DISTINCT code_blob"
	    " FROM lambda_functions WHERE name = ?1 AND (?2 IS NULL OR"
	    " version = ?2)", 2, name, version);
	int f = -1;

	while (s != NULL && (f = sbx_store_step(db, s, cause)) == 1) {
		*blobs = hs_xreallocarray(*blobs, *n + 1, sizeof **blobs);
		(*blobs)[(*n)++] = sbx_store_col(s, 0);
	}
	sqlite3_finalize(s);
	return f;
}

/* Keep only the blobs that no remaining row names. */
static void
fn_unnamed_blobs(sqlite3 *db, char **blobs, size_t *n, char **cause)
{
	size_t i, k = 0;

	for (i = 0; i < *n; i++) {
		if (blob_named(db, blobs[i], cause) == 0)
			blobs[k++] = blobs[i];
		else
			free(blobs[i]);
	}
	*n = k;
}

/* Delete a function (version NULL: all of it) or one version. */
int
sbx_lambda_fn_delete(struct sbx_store *st, const char *name,
    const char *version, char ***blobs, size_t *n, char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	int r = -1;

	*blobs = NULL;
	*n = 0;
	if (fn_doomed_blobs(db, name, version, blobs, n, cause) == 0)
		r = sbx_store_run(db, cause, "DELETE FROM lambda_functions WHERE"
		    " name = ?1 AND (?2 IS NULL OR version = ?2)", 2, name,
		    version);
	if (r > 0)
		fn_unnamed_blobs(db, *blobs, n, cause);
	sbx_store_unlock(st);
	if (r <= 0) {
		sbx_strv_free(*blobs, *n);
		*blobs = NULL;
		*n = 0;
	}
	return r < 0 ? -1 : r == 0 ? 1 : 0;
}

/* Set the resource policy of $LATEST and a new revision. */
int
sbx_lambda_fn_set_policy(struct sbx_store *st, const char *name,
    const char *policy, const char *revision, char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	int r = sbx_store_run(db, cause, "UPDATE lambda_functions SET policy = ?,"
	    " revision = ? WHERE name = ? AND version = '$LATEST'", 3, policy,
	    revision, name);

	sbx_store_unlock(st);
	return r < 0 ? -1 : r == 0 ? 1 : 0;
}

/* Set the tags of $LATEST. */
int
sbx_lambda_fn_set_tags(struct sbx_store *st, const char *name,
    const cJSON *tags, char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	char *text = tags ? cJSON_PrintUnformatted(tags) : NULL;
	int r = sbx_store_run(db, cause, "UPDATE lambda_functions SET tags = ?"
	    " WHERE name = ? AND version = '$LATEST'", 2, text, name);

	free(text);
	sbx_store_unlock(st);
	return r < 0 ? -1 : r == 0 ? 1 : 0;
}
