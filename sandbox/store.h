/*
 * store.h: the sandbox's metadata store (SQLite in WAL mode) and the S3
 * and STS records kept in it.
 *
 * One connection serves every thread, behind a mutex: each store function
 * runs its statements, in one transaction when it writes more than one
 * row, while holding the lock, so concurrent clients see each request
 * whole or not at all. Object bodies are not here (blob.c): a record names
 * its body by blob ID, and the body is renamed into place before the
 * record is committed; a replaced or deleted body's ID is handed back to
 * the caller, which removes the file after the commit.
 *
 * Strings in records are owned by the record (freed by the _clear
 * functions); functions return 0 when done, 1 for "no such record" or
 * "already exists" where documented, -1 with *cause on failure.
 */
#ifndef HS_SANDBOX_STORE_H
#define HS_SANDBOX_STORE_H

#include "sbx.h"

#include <sqlite3.h>

/* store.c */
/* Open DATA/sandbox.db, lock the data folder, create every table. */
int sbx_store_open(struct sandbox *sb, char **cause);
void sbx_store_close(struct sbx_store *st);
/* Take the store for a series of statements; give it back with unlock. */
sqlite3 *sbx_store_lock(struct sbx_store *st);
void sbx_store_unlock(struct sbx_store *st);
/* Run SQL without results; -1 and cause on failure. */
int sbx_store_exec(sqlite3 *db, const char *sql, char **cause);
/* A copy of column i of a row, or NULL for SQL NULL. */
char *sbx_store_col(sqlite3_stmt *st, int i);
/* Prepare sql or fail with cause. */
sqlite3_stmt *sbx_store_prepare(sqlite3 *db, const char *sql, char **cause);
/* Bind a C string (NULL binds SQL NULL). */
void sbx_store_bind(sqlite3_stmt *st, int i, const char *s);

/* blob-gc.c */
/* Remove every body that no record names (start-up); how many. */
size_t sbx_blob_gc(struct sandbox *sb);

/* store-s3.c */
struct sbx_bucket {
	char *name;
	int64_t created_ms;
	char *region;		/* LocationConstraint given at creation, or NULL */
	char *owner;		/* account ID */
	char *policy;		/* bucket policy JSON, or NULL */
	char *encryption;	/* JSON {"SSEAlgorithm","KMSMasterKeyID","BucketKeyEnabled"} */
	char *tagging;		/* JSON [{"Key","Value"}] or NULL */
	char *versioning;	/* "Enabled", "Suspended" or NULL (never set) */
	char *public_access;	/* JSON of the four PublicAccessBlock flags */
};

struct sbx_object {
	char *bucket;
	char *key;
	char *blob;		/* blob ID */
	uint64_t size;
	char *etag;		/* without quotes: hex, or hex-N for multipart */
	int64_t mtime_ms;
	char *headers;		/* JSON object: Content-Type..., x-amz-meta-* */
	char *sse;		/* "AES256", "aws:kms", or NULL */
	char *kms_key;		/* aws:kms key ID, or NULL */
	bool encrypted;		/* body stored encrypted (blob.c) */
	int parts;		/* multipart: number of parts; 0 otherwise */
};

struct sbx_upload {
	char *id;
	char *bucket;
	char *key;
	int64_t initiated_ms;
	char *headers;		/* as sbx_object.headers */
	char *sse;
	char *kms_key;
	char *initiator;	/* principal ARN */
};

struct sbx_part {
	int number;
	char *blob;
	uint64_t size;
	char *etag;		/* hex MD5, without quotes */
	int64_t mtime_ms;
};

void sbx_bucket_clear(struct sbx_bucket *b);
void sbx_object_clear(struct sbx_object *o);
void sbx_upload_clear(struct sbx_upload *u);
void sbx_part_clear(struct sbx_part *p);

/* 0 found, 1 no such bucket. */
int sbx_s3_bucket_get(struct sbx_store *st, const char *name,
    struct sbx_bucket *out, char **cause);
/* 0 created, 1 exists (out: its owner, allocated). */
int sbx_s3_bucket_create(struct sbx_store *st, const struct sbx_bucket *b,
    char **owner, char **cause);
/* 0 deleted, 1 not empty (objects or uploads). */
int sbx_s3_bucket_delete(struct sbx_store *st, const char *name,
    char **cause);
/* The buckets of an owner, sorted by name: an array of n records. */
int sbx_s3_bucket_list(struct sbx_store *st, const char *owner,
    struct sbx_bucket **out, size_t *n, char **cause);
/* Set one configuration column (policy, encryption, tagging, versioning,
 * public_access) to value (NULL clears it); 1 if no such bucket. */
int sbx_s3_bucket_set(struct sbx_store *st, const char *name,
    const char *column, const char *value, char **cause);

/* 0 found, 1 no such key. */
int sbx_s3_object_get(struct sbx_store *st, const char *bucket,
    const char *key, struct sbx_object *out, char **cause);
/* Insert or replace; *old_blob: the replaced body to remove, or NULL. */
int sbx_s3_object_put(struct sbx_store *st, const struct sbx_object *o,
    char **old_blob, char **cause);
/* 0 deleted (*old_blob set), 1 there was none. */
int sbx_s3_object_delete(struct sbx_store *st, const char *bucket,
    const char *key, char **old_blob, char **cause);
/* Up to limit objects with prefix and key > after, in key order. */
int sbx_s3_object_scan(struct sbx_store *st, const char *bucket,
    const char *prefix, const char *after, size_t limit,
    struct sbx_object **out, size_t *n, char **cause);

int sbx_s3_upload_create(struct sbx_store *st, const struct sbx_upload *u,
    char **cause);
/* 0 found, 1 no such upload (in that bucket and key). */
int sbx_s3_upload_get(struct sbx_store *st, const char *bucket,
    const char *key, const char *id, struct sbx_upload *out, char **cause);
/* Remove an upload and its parts; their blobs are returned to remove. */
int sbx_s3_upload_delete(struct sbx_store *st, const char *id,
    char ***blobs, size_t *n, char **cause);
/* The uploads of a bucket, by key then initiation. */
int sbx_s3_upload_list(struct sbx_store *st, const char *bucket,
    const char *prefix, struct sbx_upload **out, size_t *n, char **cause);
/* Store a part (replacing one with the same number; *old_blob to remove);
 * 1 when the upload is gone (aborted or completed meanwhile). */
int sbx_s3_part_put(struct sbx_store *st, const char *upload_id,
    const struct sbx_part *p, char **old_blob, char **cause);
/* The parts of an upload numbered above after, up to limit, in order. */
int sbx_s3_part_list(struct sbx_store *st, const char *upload_id,
    int after, size_t limit, struct sbx_part **out, size_t *n, char **cause);
/* Complete: store the object and drop the upload in one transaction;
 * *blobs: the parts' bodies and any replaced body, to remove after. */
int sbx_s3_upload_complete(struct sbx_store *st, const char *upload_id,
    const struct sbx_object *o, char ***blobs, size_t *n, char **cause);

/* store-sts.c */
/* An IAM role: what AssumeRole needs (issue 7's IAM adds the rest). */
struct sbx_role {
	char *name;
	char *path;
	char *arn;
	char *role_id;		/* "AROA..." */
	char *trust_policy;	/* JSON */
	int max_session;	/* seconds, 3600 to 43200 */
	int64_t created_ms;
};
void sbx_role_clear(struct sbx_role *r);
int sbx_iam_role_put(struct sbx_store *st, const struct sbx_role *r,
    char **cause);
int sbx_iam_role_get_by_arn(struct sbx_store *st, const char *arn,
    struct sbx_role *out, char **cause);
/* Keep an STS session's credentials until they expire. */
int sbx_sts_session_put(struct sbx_store *st, const struct sbx_principal *p,
    char **cause);
/* The session of an access key, or NULL (not found). */
struct sbx_principal *sbx_sts_session_get(struct sbx_store *st,
    const char *access_key);

#endif
