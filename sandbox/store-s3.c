/*
 * store-s3.c: S3 records in the store: buckets with their configuration,
 * objects, multipart uploads and their parts.
 *
 * Keys compare with SQLite's BINARY collation, which is the UTF-8 byte
 * order S3 lists keys in.
 */
#include "hs-common.h"
#include "store.h"

const char sbx_s3_schema[] =
	"CREATE TABLE IF NOT EXISTS s3_buckets(name TEXT PRIMARY KEY,"
	" created_ms INTEGER NOT NULL, region TEXT, owner TEXT NOT NULL,"
	" policy TEXT, encryption TEXT, tagging TEXT, versioning TEXT,"
	" public_access TEXT);"
	"CREATE TABLE IF NOT EXISTS s3_objects(bucket TEXT NOT NULL"
	" REFERENCES s3_buckets(name), key TEXT NOT NULL, blob TEXT NOT NULL,"
	" size INTEGER NOT NULL, etag TEXT NOT NULL, mtime_ms INTEGER NOT NULL,"
	" headers TEXT NOT NULL, sse TEXT, kms_key TEXT,"
	" encrypted INTEGER NOT NULL, parts INTEGER NOT NULL DEFAULT 0,"
	" PRIMARY KEY(bucket, key)) WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS s3_uploads(id TEXT PRIMARY KEY,"
	" bucket TEXT NOT NULL REFERENCES s3_buckets(name), key TEXT NOT NULL,"
	" initiated_ms INTEGER NOT NULL, headers TEXT NOT NULL, sse TEXT,"
	" kms_key TEXT, initiator TEXT);"
	"CREATE INDEX IF NOT EXISTS s3_uploads_by_key"
	" ON s3_uploads(bucket, key, initiated_ms);"
	"CREATE TABLE IF NOT EXISTS s3_parts(upload TEXT NOT NULL"
	" REFERENCES s3_uploads(id) ON DELETE CASCADE,"
	" number INTEGER NOT NULL, blob TEXT NOT NULL, size INTEGER NOT NULL,"
	" etag TEXT NOT NULL, mtime_ms INTEGER NOT NULL,"
	" PRIMARY KEY(upload, number));";

#define BUCKET_COLS "name, created_ms, region, owner, policy, encryption," \
	" tagging, versioning, public_access"
#define OBJECT_COLS "bucket, key, blob, size, etag, mtime_ms, headers, sse," \
	" kms_key, encrypted, parts"

/* Free a bucket record; it is left zeroed. */
void
sbx_bucket_clear(struct sbx_bucket *b)
{
	free(b->name);
	free(b->region);
	free(b->owner);
	free(b->policy);
	free(b->encryption);
	free(b->tagging);
	free(b->versioning);
	free(b->public_access);
	memset(b, 0, sizeof *b);
}

/* Free an object record; it is left zeroed. */
void
sbx_object_clear(struct sbx_object *o)
{
	free(o->bucket);
	free(o->key);
	free(o->blob);
	free(o->etag);
	free(o->headers);
	free(o->sse);
	free(o->kms_key);
	memset(o, 0, sizeof *o);
}

/* Free an upload record; it is left zeroed. */
void
sbx_upload_clear(struct sbx_upload *u)
{
	free(u->id);
	free(u->bucket);
	free(u->key);
	free(u->headers);
	free(u->sse);
	free(u->kms_key);
	free(u->initiator);
	memset(u, 0, sizeof *u);
}

/* Free a part record; it is left zeroed. */
void
sbx_part_clear(struct sbx_part *p)
{
	free(p->blob);
	free(p->etag);
	memset(p, 0, sizeof *p);
}

/* Read a bucket row. */
static void
row_bucket(sqlite3_stmt *s, struct sbx_bucket *b)
{
	b->name = sbx_store_col(s, 0);
	b->created_ms = sqlite3_column_int64(s, 1);
	b->region = sbx_store_col(s, 2);
	b->owner = sbx_store_col(s, 3);
	b->policy = sbx_store_col(s, 4);
	b->encryption = sbx_store_col(s, 5);
	b->tagging = sbx_store_col(s, 6);
	b->versioning = sbx_store_col(s, 7);
	b->public_access = sbx_store_col(s, 8);
}

/* Read an object row. */
static void
row_object(sqlite3_stmt *s, struct sbx_object *o)
{
	o->bucket = sbx_store_col(s, 0);
	o->key = sbx_store_col(s, 1);
	o->blob = sbx_store_col(s, 2);
	o->size = (uint64_t)sqlite3_column_int64(s, 3);
	o->etag = sbx_store_col(s, 4);
	o->mtime_ms = sqlite3_column_int64(s, 5);
	o->headers = sbx_store_col(s, 6);
	o->sse = sbx_store_col(s, 7);
	o->kms_key = sbx_store_col(s, 8);
	o->encrypted = sqlite3_column_int(s, 9) != 0;
	o->parts = sqlite3_column_int(s, 10);
}

/* Step a statement expected to end; -1 with cause otherwise. */
static int
step_done(sqlite3 *db, sqlite3_stmt *s, char **cause)
{
	if (sqlite3_step(s) == SQLITE_DONE)
		return 0;
	*cause = hs_xasprintf("store: %s", sqlite3_errmsg(db));
	return -1;
}

/* 0 found, 1 no such bucket. */
int
sbx_s3_bucket_get(struct sbx_store *st, const char *name,
    struct sbx_bucket *out, char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	sqlite3_stmt *s;
	int rc = -1, r;

	s = sbx_store_prepare(db, "SELECT " BUCKET_COLS " FROM s3_buckets"
	    " WHERE name = ?", cause);
	if (s == NULL)
		goto cleanup;
	sbx_store_bind(s, 1, name);
	r = sqlite3_step(s);
	if (r == SQLITE_ROW) {
		row_bucket(s, out);
		rc = 0;
	} else if (r == SQLITE_DONE)
		rc = 1;
	else
		*cause = hs_xasprintf("store: %s", sqlite3_errmsg(db));
cleanup:
	sqlite3_finalize(s);
	sbx_store_unlock(st);
	return rc;
}

/* 0 created, 1 exists (*owner: its owner, allocated). */
int
sbx_s3_bucket_create(struct sbx_store *st, const struct sbx_bucket *b,
    char **owner, char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	sqlite3_stmt *s = NULL;
	int rc = -1;

	s = sbx_store_prepare(db, "SELECT owner FROM s3_buckets WHERE name = ?",
	    cause);
	if (s == NULL)
		goto cleanup;
	sbx_store_bind(s, 1, b->name);
	if (sqlite3_step(s) == SQLITE_ROW) {
		*owner = sbx_store_col(s, 0);
		rc = 1;
		goto cleanup;
	}
	sqlite3_finalize(s);
	s = sbx_store_prepare(db, "INSERT INTO s3_buckets(name, created_ms,"
	    " region, owner) VALUES (?, ?, ?, ?)", cause);
	if (s == NULL)
		goto cleanup;
	sbx_store_bind(s, 1, b->name);
	sqlite3_bind_int64(s, 2, b->created_ms);
	sbx_store_bind(s, 3, b->region);
	sbx_store_bind(s, 4, b->owner);
	rc = step_done(db, s, cause);
cleanup:
	sqlite3_finalize(s);
	sbx_store_unlock(st);
	return rc;
}

/* Count rows of a one-parameter COUNT query. */
static int
count_rows(sqlite3 *db, const char *sql, const char *arg, char **cause)
{
	sqlite3_stmt *s = sbx_store_prepare(db, sql, cause);
	int n = -1;

	if (s == NULL)
		return -1;
	sbx_store_bind(s, 1, arg);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int(s, 0);
	else
		*cause = hs_xasprintf("store: %s", sqlite3_errmsg(db));
	sqlite3_finalize(s);
	return n;
}

/* 0 deleted, 1 not empty (objects or uploads). */
int
sbx_s3_bucket_delete(struct sbx_store *st, const char *name, char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	sqlite3_stmt *s = NULL;
	int rc = -1, n1, n2;

	n1 = count_rows(db, "SELECT COUNT(*) FROM s3_objects WHERE bucket = ?",
	    name, cause);
	n2 = n1 < 0 ? -1 : count_rows(db, "SELECT COUNT(*) FROM s3_uploads"
	    " WHERE bucket = ?", name, cause);
	if (n1 < 0 || n2 < 0)
		goto cleanup;
	if (n1 + n2 > 0) {
		rc = 1;
		goto cleanup;
	}
	s = sbx_store_prepare(db, "DELETE FROM s3_buckets WHERE name = ?",
	    cause);
	if (s == NULL)
		goto cleanup;
	sbx_store_bind(s, 1, name);
	rc = step_done(db, s, cause);
cleanup:
	sqlite3_finalize(s);
	sbx_store_unlock(st);
	return rc;
}

/* The buckets of an owner, sorted by name. */
int
sbx_s3_bucket_list(struct sbx_store *st, const char *owner,
    struct sbx_bucket **out, size_t *n, char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	sqlite3_stmt *s;
	size_t alloc = 0;
	int rc = -1, r;

	*out = NULL;
	*n = 0;
	s = sbx_store_prepare(db, "SELECT " BUCKET_COLS " FROM s3_buckets"
	    " WHERE owner = ? ORDER BY name", cause);
	if (s == NULL)
		goto cleanup;
	sbx_store_bind(s, 1, owner);
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == alloc) {
			alloc = alloc ? alloc * 2 : 16;
			*out = hs_xreallocarray(*out, alloc, sizeof **out);
		}
		memset(&(*out)[*n], 0, sizeof **out);
		row_bucket(s, &(*out)[(*n)++]);
	}
	if (r == SQLITE_DONE)
		rc = 0;
	else
		*cause = hs_xasprintf("store: %s", sqlite3_errmsg(db));
cleanup:
	sqlite3_finalize(s);
	sbx_store_unlock(st);
	return rc;
}

/* Set one configuration column; 1 if no such bucket. */
int
sbx_s3_bucket_set(struct sbx_store *st, const char *name, const char *column,
    const char *value, char **cause)
{
	static const char *const cols[] = { "policy", "encryption", "tagging",
	    "versioning", "public_access" };
	sqlite3 *db;
	sqlite3_stmt *s;
	char *sql;
	size_t i;
	int rc = -1;

	for (i = 0; i < HS_ARRAY_SIZE(cols); i++)
		if (strcmp(cols[i], column) == 0)
			break;
	if (i == HS_ARRAY_SIZE(cols))
		BUG("unknown bucket column %s", column);
	sql = hs_xasprintf("UPDATE s3_buckets SET %s = ? WHERE name = ?",
	    cols[i]);
	db = sbx_store_lock(st);
	s = sbx_store_prepare(db, sql, cause);
	if (s != NULL) {
		sbx_store_bind(s, 1, value);
		sbx_store_bind(s, 2, name);
		rc = step_done(db, s, cause);
		if (rc == 0 && sqlite3_changes(db) == 0)
			rc = 1;
	}
	sqlite3_finalize(s);
	sbx_store_unlock(st);
	free(sql);
	return rc;
}

/* Look an object up with the store locked. */
static int
object_get_locked(sqlite3 *db, const char *bucket, const char *key,
    struct sbx_object *out, char **cause)
{
	sqlite3_stmt *s;
	int rc = -1, r;

	s = sbx_store_prepare(db, "SELECT " OBJECT_COLS " FROM s3_objects"
	    " WHERE bucket = ? AND key = ?", cause);
	if (s == NULL)
		return -1;
	sbx_store_bind(s, 1, bucket);
	sbx_store_bind(s, 2, key);
	r = sqlite3_step(s);
	if (r == SQLITE_ROW) {
		row_object(s, out);
		rc = 0;
	} else if (r == SQLITE_DONE)
		rc = 1;
	else
		*cause = hs_xasprintf("store: %s", sqlite3_errmsg(db));
	sqlite3_finalize(s);
	return rc;
}

/* 0 found, 1 no such key. */
int
sbx_s3_object_get(struct sbx_store *st, const char *bucket, const char *key,
    struct sbx_object *out, char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	int rc = object_get_locked(db, bucket, key, out, cause);

	sbx_store_unlock(st);
	return rc;
}

/* Insert or replace an object with the store locked. */
static int
object_put_locked(sqlite3 *db, const struct sbx_object *o, char **old_blob,
    char **cause)
{
	struct sbx_object old = { 0 };
	sqlite3_stmt *s;
	int r, rc;

	*old_blob = NULL;
	r = object_get_locked(db, o->bucket, o->key, &old, cause);
	if (r < 0)
		return -1;
	s = sbx_store_prepare(db, "INSERT OR REPLACE INTO s3_objects("
	    OBJECT_COLS ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", cause);
	if (s == NULL) {
		sbx_object_clear(&old);
		return -1;
	}
	sbx_store_bind(s, 1, o->bucket);
	sbx_store_bind(s, 2, o->key);
	sbx_store_bind(s, 3, o->blob);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)o->size);
	sbx_store_bind(s, 5, o->etag);
	sqlite3_bind_int64(s, 6, o->mtime_ms);
	sbx_store_bind(s, 7, o->headers ? o->headers : "{}");
	sbx_store_bind(s, 8, o->sse);
	sbx_store_bind(s, 9, o->kms_key);
	sqlite3_bind_int(s, 10, o->encrypted);
	sqlite3_bind_int(s, 11, o->parts);
	rc = step_done(db, s, cause);
	sqlite3_finalize(s);
	if (rc == 0 && r == 0) {
		*old_blob = old.blob;
		old.blob = NULL;
	}
	sbx_object_clear(&old);
	return rc;
}

/* Insert or replace; *old_blob: the replaced body to remove, or NULL. */
int
sbx_s3_object_put(struct sbx_store *st, const struct sbx_object *o,
    char **old_blob, char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	int rc = -1;

	if (sbx_store_exec(db, "BEGIN IMMEDIATE", cause) != 0)
		goto cleanup;
	rc = object_put_locked(db, o, old_blob, cause);
	if (rc == 0 && sbx_store_exec(db, "COMMIT", cause) != 0) {
		free(*old_blob);
		*old_blob = NULL;
		rc = -1;
	}
	if (rc != 0)
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
cleanup:
	sbx_store_unlock(st);
	return rc;
}

/* 0 deleted (*old_blob set), 1 there was none. */
int
sbx_s3_object_delete(struct sbx_store *st, const char *bucket,
    const char *key, char **old_blob, char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	sqlite3_stmt *s;
	int rc = -1, r;

	*old_blob = NULL;
	s = sbx_store_prepare(db, "DELETE FROM s3_objects WHERE bucket = ?"
	    " AND key = ? RETURNING blob", cause);
	if (s == NULL)
		goto cleanup;
	sbx_store_bind(s, 1, bucket);
	sbx_store_bind(s, 2, key);
	r = sqlite3_step(s);
	if (r == SQLITE_ROW) {
		*old_blob = sbx_store_col(s, 0);
		rc = step_done(db, s, cause);
	} else if (r == SQLITE_DONE)
		rc = 1;
	else
		*cause = hs_xasprintf("store: %s", sqlite3_errmsg(db));
cleanup:
	sqlite3_finalize(s);
	sbx_store_unlock(st);
	return rc;
}

/* Up to limit objects with prefix and key > after, in key order. */
int
sbx_s3_object_scan(struct sbx_store *st, const char *bucket,
    const char *prefix, const char *after, size_t limit,
    struct sbx_object **out, size_t *n, char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	sqlite3_stmt *s;
	int rc = -1, r;

	*out = hs_xcalloc(limit + 1, sizeof **out);
	*n = 0;
	s = sbx_store_prepare(db, "SELECT " OBJECT_COLS " FROM s3_objects"
	    " WHERE bucket = ?1 AND key > ?2 AND key >= ?3"
	    " AND substr(key, 1, length(?3)) = ?3 ORDER BY key LIMIT ?4",
	    cause);
	if (s == NULL)
		goto cleanup;
	sbx_store_bind(s, 1, bucket);
	sbx_store_bind(s, 2, after ? after : "");
	sbx_store_bind(s, 3, prefix ? prefix : "");
	sqlite3_bind_int64(s, 4, (sqlite3_int64)limit);
	while ((r = sqlite3_step(s)) == SQLITE_ROW)
		row_object(s, &(*out)[(*n)++]);
	if (r == SQLITE_DONE)
		rc = 0;
	else
		*cause = hs_xasprintf("store: %s", sqlite3_errmsg(db));
cleanup:
	sqlite3_finalize(s);
	sbx_store_unlock(st);
	return rc;
}
