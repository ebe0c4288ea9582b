/*
 * store-s3-notify.c: the notification configurations of buckets, in a
 * table of their own keyed by the bucket and its creation time: when a
 * bucket is deleted and made again, its old configuration no longer
 * applies (and is removed when next read).
 */
#include "hs-common.h"
#include "s3-notify.h"

/* The table is created with Lambda's (SBX_S3_NOTIFY_SCHEMA in
 * store-lambda.c): notifications are deliveries to Lambda. */

/* A bucket's configuration (NULL: none). */
int
sbx_s3_notify_get(struct sbx_store *st, const struct sbx_bucket *b,
    cJSON **out, char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	sqlite3_stmt *s;
	char ms[24];
	int f;

	*out = NULL;
	s = sbx_store_query(db, cause, "SELECT config FROM s3_notifications"
	    " WHERE bucket = ? AND bucket_created_ms = ?", 2, b->name,
	    sbx_itoa(b->created_ms, ms));
	f = s ? sbx_store_step(db, s, cause) : -1;
	if (f == 1)
		*out = cJSON_Parse((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	if (f == 0)
		(void)sbx_store_run(db, cause, "DELETE FROM s3_notifications"
		    " WHERE bucket = ?", 1, b->name);
	sbx_store_unlock(st);
	return f < 0 ? -1 : 0;
}

/* Set (NULL or empty: remove) a bucket's configuration. */
int
sbx_s3_notify_set(struct sbx_store *st, const struct sbx_bucket *b,
    const cJSON *config, char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	char *text = NULL, ms[24];
	int r;

	if (config != NULL && cJSON_GetArraySize(config) > 0)
		text = cJSON_PrintUnformatted(config);
	if (text == NULL)
		r = sbx_store_run(db, cause, "DELETE FROM s3_notifications WHERE"
		    " bucket = ?", 1, b->name);
	else
		r = sbx_store_run(db, cause, "INSERT OR REPLACE INTO"
		    " s3_notifications(bucket, bucket_created_ms, config)"
		    " VALUES (?, ?, ?)", 3, b->name, sbx_itoa(b->created_ms, ms),
		    text);
	free(text);
	sbx_store_unlock(st);
	return r < 0 ? -1 : 0;
}
