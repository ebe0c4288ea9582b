/*
 * s3-notify.h: S3 event notifications to Lambda: the bucket's
 * notification configuration (Put/GetBucketNotificationConfiguration,
 * with S3's validations), and the events S3 sends after an object is
 * created or removed: the record in S3's format, delivered as an
 * asynchronous invocation of each matching function whose resource
 * policy lets s3.amazonaws.com invoke it for the bucket.
 */
#ifndef HS_SANDBOX_S3_NOTIFY_H
#define HS_SANDBOX_S3_NOTIFY_H

#include "s3.h"
#include "api.h"

#define SBX_S3_NOTIFY_SCHEMA \
	"CREATE TABLE IF NOT EXISTS s3_notifications(bucket TEXT PRIMARY KEY," \
	" bucket_created_ms INTEGER NOT NULL, config TEXT NOT NULL);"

/* store-s3-notify.c: a bucket's configuration as JSON (the Lambda
 * configurations: [{Id, LambdaFunctionArn, Events, Prefix, Suffix}]),
 * kept with the bucket's creation time so that a configuration never
 * outlives its bucket (a bucket deleted and made again starts empty). */
int sbx_s3_notify_get(struct sbx_store *st, const struct sbx_bucket *b,
    cJSON **out, char **cause);
/* Set (config NULL or empty: remove) a bucket's configuration. */
int sbx_s3_notify_set(struct sbx_store *st, const struct sbx_bucket *b,
    const cJSON *config, char **cause);

/* s3-notify-event.c */
/* Tell whether an event name ("s3:ObjectCreated:Put", "...:*") is one
 * S3 takes in a configuration. */
bool sbx_s3_event_known(const char *event);
/* Tell whether a configured event ("s3:ObjectCreated:*") covers an
 * event that happened ("ObjectCreated:Put"). */
bool sbx_s3_event_covers(const char *configured, const char *happened);
/* Send the notifications of an event on an object (after it
 * happened); size and etag are for ObjectCreated events (etag NULL for
 * removals). Failures are not the request's: they are dropped, as S3
 * drops deliveries it cannot make. */
void sbx_s3_notify(struct sbx_call *c, const struct sbx_bucket *b,
    const char *event, const char *key, uint64_t size, const char *etag);
/* The same for the object now stored at the request's key. */
void sbx_s3_notify_stored(struct sbx_call *c, const struct sbx_bucket *b,
    const char *event);
/* The record of an event, as S3 writes it (JSON text; caller frees). */
char *sbx_s3_event_record(struct sbx_call *c, const struct sbx_bucket *b,
    const char *config_id, const char *event, const char *key,
    uint64_t size, const char *etag);

/* svc-s3-notify.c: the handlers. */
int sbx_s3_put_bucket_notification_configuration(struct sbx_call *c);
int sbx_s3_get_bucket_notification_configuration(struct sbx_call *c);

#endif
