/*
 * store-s3-mpu.c: multipart uploads and their parts in the store.
 */
#include "hs-common.h"
#include "store.h"

#define UPLOAD_COLS "id, bucket, key, initiated_ms, headers, sse, kms_key," \
	" initiator"

/* Read an upload row. */
static void
row_upload(sqlite3_stmt *s, struct sbx_upload *u)
{
	u->id = sbx_store_col(s, 0);
	u->bucket = sbx_store_col(s, 1);
	u->key = sbx_store_col(s, 2);
	u->initiated_ms = sqlite3_column_int64(s, 3);
	u->headers = sbx_store_col(s, 4);
	u->sse = sbx_store_col(s, 5);
	u->kms_key = sbx_store_col(s, 6);
	u->initiator = sbx_store_col(s, 7);
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

/* Append a string to a growing array. */
static void
push_str(char ***v, size_t *n, char *s)
{
	*v = hs_xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = s;
}

int
sbx_s3_upload_create(struct sbx_store *st, const struct sbx_upload *u,
    char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	sqlite3_stmt *s;
	int rc = -1;

	s = sbx_store_prepare(db, "INSERT INTO s3_uploads(" UPLOAD_COLS
	    ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", cause);
	if (s != NULL) {
		sbx_store_bind(s, 1, u->id);
		sbx_store_bind(s, 2, u->bucket);
		sbx_store_bind(s, 3, u->key);
		sqlite3_bind_int64(s, 4, u->initiated_ms);
		sbx_store_bind(s, 5, u->headers ? u->headers : "{}");
		sbx_store_bind(s, 6, u->sse);
		sbx_store_bind(s, 7, u->kms_key);
		sbx_store_bind(s, 8, u->initiator);
		rc = step_done(db, s, cause);
	}
	sqlite3_finalize(s);
	sbx_store_unlock(st);
	return rc;
}

/* 0 found, 1 no such upload (in that bucket and key). */
int
sbx_s3_upload_get(struct sbx_store *st, const char *bucket, const char *key,
    const char *id, struct sbx_upload *out, char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	sqlite3_stmt *s;
	int rc = -1, r;

	s = sbx_store_prepare(db, "SELECT " UPLOAD_COLS " FROM s3_uploads"
	    " WHERE id = ? AND bucket = ? AND key = ?", cause);
	if (s != NULL) {
		sbx_store_bind(s, 1, id);
		sbx_store_bind(s, 2, bucket);
		sbx_store_bind(s, 3, key);
		r = sqlite3_step(s);
		if (r == SQLITE_ROW) {
			row_upload(s, out);
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

/* Delete an upload and its parts with the store locked; collect blobs. */
static int
upload_delete_locked(sqlite3 *db, const char *id, char ***blobs, size_t *n,
    char **cause)
{
	sqlite3_stmt *s;
	int r;

	s = sbx_store_prepare(db, "DELETE FROM s3_parts WHERE upload = ?"
	    " RETURNING blob", cause);
	if (s == NULL)
		return -1;
	sbx_store_bind(s, 1, id);
	while ((r = sqlite3_step(s)) == SQLITE_ROW)
		push_str(blobs, n, sbx_store_col(s, 0));
	sqlite3_finalize(s);
	if (r != SQLITE_DONE) {
		*cause = hs_xasprintf("store: %s", sqlite3_errmsg(db));
		return -1;
	}
	s = sbx_store_prepare(db, "DELETE FROM s3_uploads WHERE id = ?", cause);
	if (s == NULL)
		return -1;
	sbx_store_bind(s, 1, id);
	r = step_done(db, s, cause);
	sqlite3_finalize(s);
	return r;
}

/* Run fn in a transaction with the store locked. */
static int
in_transaction(struct sbx_store *st, int (*fn)(sqlite3 *, void *, char **),
    void *arg, char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	int rc = -1;

	if (sbx_store_exec(db, "BEGIN IMMEDIATE", cause) == 0) {
		rc = fn(db, arg, cause);
		if (rc >= 0 && sbx_store_exec(db, "COMMIT", cause) != 0)
			rc = -1;
		if (rc < 0)
			sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	}
	sbx_store_unlock(st);
	return rc;
}

struct upload_del {
	const char *id;
	char ***blobs;
	size_t *n;
};

/* The transaction of sbx_s3_upload_delete. */
static int
upload_delete_tx(sqlite3 *db, void *arg, char **cause)
{
	struct upload_del *d = arg;

	return upload_delete_locked(db, d->id, d->blobs, d->n, cause);
}

/* Remove an upload and its parts; their blobs are returned to remove. */
int
sbx_s3_upload_delete(struct sbx_store *st, const char *id, char ***blobs,
    size_t *n, char **cause)
{
	struct upload_del d = { id, blobs, n };

	*blobs = NULL;
	*n = 0;
	return in_transaction(st, upload_delete_tx, &d, cause);
}

/* The uploads of a bucket, by key then initiation. */
int
sbx_s3_upload_list(struct sbx_store *st, const char *bucket,
    const char *prefix, struct sbx_upload **out, size_t *n, char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	sqlite3_stmt *s;
	int rc = -1, r;

	*out = NULL;
	*n = 0;
	s = sbx_store_prepare(db, "SELECT " UPLOAD_COLS " FROM s3_uploads"
	    " WHERE bucket = ?1 AND substr(key, 1, length(?2)) = ?2"
	    " ORDER BY key, initiated_ms", cause);
	if (s == NULL)
		goto cleanup;
	sbx_store_bind(s, 1, bucket);
	sbx_store_bind(s, 2, prefix ? prefix : "");
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		*out = hs_xreallocarray(*out, *n + 1, sizeof **out);
		memset(&(*out)[*n], 0, sizeof **out);
		row_upload(s, &(*out)[(*n)++]);
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

struct part_put {
	const char *upload;
	const struct sbx_part *p;
	char **old_blob;
};

/* The transaction of sbx_s3_part_put. */
static int
part_put_tx(sqlite3 *db, void *arg, char **cause)
{
	struct part_put *a = arg;
	sqlite3_stmt *s;
	int rc;

	s = sbx_store_prepare(db, "SELECT blob FROM s3_parts WHERE upload = ?"
	    " AND number = ?", cause);
	if (s == NULL)
		return -1;
	sbx_store_bind(s, 1, a->upload);
	sqlite3_bind_int(s, 2, a->p->number);
	if (sqlite3_step(s) == SQLITE_ROW)
		*a->old_blob = sbx_store_col(s, 0);
	sqlite3_finalize(s);
	s = sbx_store_prepare(db, "INSERT OR REPLACE INTO s3_parts(upload,"
	    " number, blob, size, etag, mtime_ms) SELECT id, ?, ?, ?, ?, ?"
	    " FROM s3_uploads WHERE id = ?", cause);
	if (s == NULL)
		return -1;
	sqlite3_bind_int(s, 1, a->p->number);
	sbx_store_bind(s, 2, a->p->blob);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)a->p->size);
	sbx_store_bind(s, 4, a->p->etag);
	sqlite3_bind_int64(s, 5, a->p->mtime_ms);
	sbx_store_bind(s, 6, a->upload);
	rc = step_done(db, s, cause);
	if (rc == 0 && sqlite3_changes(db) == 0)
		rc = 1;
	sqlite3_finalize(s);
	return rc;
}

/* Store a part; 1 when the upload is gone. */
int
sbx_s3_part_put(struct sbx_store *st, const char *upload_id,
    const struct sbx_part *p, char **old_blob, char **cause)
{
	struct part_put a = { upload_id, p, old_blob };
	int rc;

	*old_blob = NULL;
	rc = in_transaction(st, part_put_tx, &a, cause);
	if (rc != 0) {
		free(*old_blob);
		*old_blob = NULL;
	}
	return rc;
}

/* The parts of an upload numbered above after, up to limit, in order. */
int
sbx_s3_part_list(struct sbx_store *st, const char *upload_id, int after,
    size_t limit, struct sbx_part **out, size_t *n, char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	sqlite3_stmt *s;
	int rc = -1, r;

	*out = hs_xcalloc(limit + 1, sizeof **out);
	*n = 0;
	s = sbx_store_prepare(db, "SELECT number, blob, size, etag, mtime_ms"
	    " FROM s3_parts WHERE upload = ? AND number > ? ORDER BY number"
	    " LIMIT ?", cause);
	if (s == NULL)
		goto cleanup;
	sbx_store_bind(s, 1, upload_id);
	sqlite3_bind_int(s, 2, after);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)limit);
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		struct sbx_part *p = &(*out)[(*n)++];
		p->number = sqlite3_column_int(s, 0);
		p->blob = sbx_store_col(s, 1);
		p->size = (uint64_t)sqlite3_column_int64(s, 2);
		p->etag = sbx_store_col(s, 3);
		p->mtime_ms = sqlite3_column_int64(s, 4);
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

struct upload_done {
	const char *id;
	const struct sbx_object *o;
	char ***blobs;
	size_t *n;
};

/* Insert or replace the object of a completed upload, locked. */
static int
complete_put_object(sqlite3 *db, const struct sbx_object *o, char ***blobs,
    size_t *n, char **cause)
{
	sqlite3_stmt *s;
	int rc;

	s = sbx_store_prepare(db, "SELECT blob FROM s3_objects WHERE bucket = ?"
	    " AND key = ?", cause);
	if (s == NULL)
		return -1;
	sbx_store_bind(s, 1, o->bucket);
	sbx_store_bind(s, 2, o->key);
	if (sqlite3_step(s) == SQLITE_ROW)
		push_str(blobs, n, sbx_store_col(s, 0));
	sqlite3_finalize(s);
	s = sbx_store_prepare(db, "INSERT OR REPLACE INTO s3_objects(bucket,"
	    " key, blob, size, etag, mtime_ms, headers, sse, kms_key,"
	    " encrypted, parts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    cause);
	if (s == NULL)
		return -1;
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
	return rc;
}

/* The transaction of sbx_s3_upload_complete. */
static int
upload_complete_tx(sqlite3 *db, void *arg, char **cause)
{
	struct upload_done *d = arg;
	sqlite3_stmt *s;
	int found;

	s = sbx_store_prepare(db, "SELECT 1 FROM s3_uploads WHERE id = ?",
	    cause);
	if (s == NULL)
		return -1;
	sbx_store_bind(s, 1, d->id);
	found = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	if (!found)
		return 1;
	if (complete_put_object(db, d->o, d->blobs, d->n, cause) != 0)
		return -1;
	return upload_delete_locked(db, d->id, d->blobs, d->n, cause);
}

/* Complete: store the object and drop the upload in one transaction. */
int
sbx_s3_upload_complete(struct sbx_store *st, const char *upload_id,
    const struct sbx_object *o, char ***blobs, size_t *n, char **cause)
{
	struct upload_done d = { upload_id, o, blobs, n };
	int rc;

	*blobs = NULL;
	*n = 0;
	rc = in_transaction(st, upload_complete_tx, &d, cause);
	if (rc != 0) {
		while (*n > 0)
			free((*blobs)[--*n]);
		free(*blobs);
		*blobs = NULL;
	}
	return rc;
}
