/*
 * s3-notify-event.c: the events S3 sends after an object is created
 * (ObjectCreated:Put, :Copy, :CompleteMultipartUpload) or removed
 * (ObjectRemoved:Delete). For each configuration of the bucket whose
 * events and key filters match, the record is built in S3's format
 * (eventVersion 2.1, the object key URL-encoded as S3 writes it, size,
 * eTag, sequencer...) and the function is invoked asynchronously, but
 * only when its resource policy lets s3.amazonaws.com invoke it for this
 * bucket and its owner at that moment, as Lambda checks each delivery.
 */
#include "hs-common.h"
#include "s3-notify.h"
#include "lambda.h"

#include <ctype.h>
#include <inttypes.h>
#include <sys/time.h>

/* The events a configuration may name. */
static const char *const s3_events[] = {
	"s3:IntelligentTiering", "s3:LifecycleExpiration:*",
	"s3:LifecycleExpiration:Delete",
	"s3:LifecycleExpiration:DeleteMarkerCreated", "s3:LifecycleTransition",
	"s3:ObjectAcl:Put", "s3:ObjectCreated:*",
	"s3:ObjectCreated:CompleteMultipartUpload", "s3:ObjectCreated:Copy",
	"s3:ObjectCreated:Post", "s3:ObjectCreated:Put", "s3:ObjectRemoved:*",
	"s3:ObjectRemoved:Delete", "s3:ObjectRemoved:DeleteMarkerCreated",
	"s3:ObjectRestore:*", "s3:ObjectRestore:Completed",
	"s3:ObjectRestore:Delete", "s3:ObjectRestore:Post",
	"s3:ObjectTagging:*", "s3:ObjectTagging:Delete", "s3:ObjectTagging:Put",
	"s3:ReducedRedundancyLostObject", "s3:Replication:*",
	"s3:Replication:OperationFailedReplication",
	"s3:Replication:OperationMissedThreshold",
	"s3:Replication:OperationNotTracked",
	"s3:Replication:OperationReplicatedAfterThreshold",
};

/* Tell whether an event name is one S3 takes in a configuration. */
bool
sbx_s3_event_known(const char *event)
{
	size_t i;

	for (i = 0; event != NULL && i < HS_ARRAY_SIZE(s3_events); i++)
		if (strcmp(s3_events[i], event) == 0)
			return true;
	return false;
}

/* Tell whether a configured event covers one that happened. */
bool
sbx_s3_event_covers(const char *configured, const char *happened)
{
	size_t n;

	if (!hs_starts_with(configured, "s3:"))
		return false;
	configured += 3;
	n = strlen(configured);
	if (n > 0 && configured[n - 1] == '*')
		return strncmp(configured, happened, n - 1) == 0;
	return strcmp(configured, happened) == 0;
}

/* A key as S3 writes it in event records: form-encoded ('+' for a
 * space), '/' kept. */
static char *
s3_event_key(const char *key)
{
	struct hs_buf b = HS_BUF_INIT;
	const unsigned char *p;

	for (p = (const unsigned char *)key; *p != '\0'; p++) {
		if (isalnum(*p) || strchr("-_.~/*", *p) != NULL)
			(void)hs_buf_addch(&b, *p);
		else if (*p == ' ')
			(void)hs_buf_addch(&b, '+');
		else
			(void)hs_buf_addf(&b, "%%%02X", *p);
	}
	return hs_buf_detach(&b, NULL);
}

/* The principal ID S3 writes for the caller. */
static char *
s3_event_principal(const struct sbx_call *c)
{
	if (c->anonymous || c->who == NULL)
		return hs_xstrdup("anonymous");
	if (hs_ends_with(c->who->arn, ":root"))
		return hs_xstrdup(c->who->account);
	return hs_xasprintf("AWS:%s", c->who->user_id);
}

/* A sequencer: hex digits that grow with time, as S3's do. */
static void
s3_event_sequencer(char out[24])
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	snprintf(out, 24, "%016" PRIX64, (uint64_t)tv.tv_sec * 1000000 +
	    (uint64_t)tv.tv_usec);
}

/* The s3 member of a record. */
static cJSON *
s3_event_s3(const struct sbx_bucket *b, const char *config_id,
    const char *key, uint64_t size, const char *etag)
{
	cJSON *s3 = cJSON_CreateObject(), *bk, *o, *own;
	char *arn = hs_xasprintf("arn:aws:s3:::%s", b->name);
	char *k = s3_event_key(key), seq[24];

	cJSON_AddStringToObject(s3, "s3SchemaVersion", "1.0");
	cJSON_AddStringToObject(s3, "configurationId", config_id);
	bk = cJSON_AddObjectToObject(s3, "bucket");
	cJSON_AddStringToObject(bk, "name", b->name);
	own = cJSON_AddObjectToObject(bk, "ownerIdentity");
	cJSON_AddStringToObject(own, "principalId", b->owner);
	cJSON_AddStringToObject(bk, "arn", arn);
	o = cJSON_AddObjectToObject(s3, "object");
	cJSON_AddStringToObject(o, "key", k);
	if (etag != NULL) {
		cJSON_AddNumberToObject(o, "size", (double)size);
		cJSON_AddStringToObject(o, "eTag", etag);
	}
	s3_event_sequencer(seq);
	cJSON_AddStringToObject(o, "sequencer", seq);
	free(k);
	free(arn);
	return s3;
}

/* The record of an event, as S3 writes it. */
char *
sbx_s3_event_record(struct sbx_call *c, const struct sbx_bucket *b,
    const char *config_id, const char *event, const char *key,
    uint64_t size, const char *etag)
{
	cJSON *doc = cJSON_CreateObject(), *r, *x;
	char when[40], *pid = s3_event_principal(c), *text;

	r = cJSON_CreateObject();
	cJSON_AddItemToArray(cJSON_AddArrayToObject(doc, "Records"), r);
	cJSON_AddStringToObject(r, "eventVersion", "2.1");
	cJSON_AddStringToObject(r, "eventSource", "aws:s3");
	cJSON_AddStringToObject(r, "awsRegion", b->region ? b->region :
	    "us-east-1");
	sbx_iso_date(c->now_ms, when);
	cJSON_AddStringToObject(r, "eventTime", when);
	cJSON_AddStringToObject(r, "eventName", event);
	x = cJSON_AddObjectToObject(r, "userIdentity");
	cJSON_AddStringToObject(x, "principalId", pid);
	x = cJSON_AddObjectToObject(r, "requestParameters");
	cJSON_AddStringToObject(x, "sourceIPAddress", c->client_ip ?
	    c->client_ip : "");
	x = cJSON_AddObjectToObject(r, "responseElements");
	cJSON_AddStringToObject(x, "x-amz-request-id", c->request_id);
	cJSON_AddStringToObject(x, "x-amz-id-2", c->host_id);
	cJSON_AddItemToObject(r, "s3", s3_event_s3(b, config_id, key, size,
	    etag));
	text = cJSON_PrintUnformatted(doc);
	cJSON_Delete(doc);
	free(pid);
	return text;
}

/* Tell whether a configuration matches an event on key. */
static bool
s3_event_matches(const cJSON *cfg, const char *event, const char *key)
{
	const char *pre = cJSON_GetStringValue(cJSON_GetObjectItem(cfg, "Prefix"));
	const char *suf = cJSON_GetStringValue(cJSON_GetObjectItem(cfg, "Suffix"));
	const cJSON *e;
	bool any = false;

	if ((pre != NULL && !hs_starts_with(key, pre)) ||
	    (suf != NULL && !hs_ends_with(key, suf)))
		return false;
	cJSON_ArrayForEach(e, cJSON_GetObjectItem(cfg, "Events"))
		any = any || sbx_s3_event_covers(e->valuestring, event);
	return any;
}

/* Deliver one record to the function of a configuration. */
static void
s3_event_deliver(struct sbx_call *c, const struct sbx_bucket *b,
    const cJSON *cfg, const char *record)
{
	const char *arn = cJSON_GetStringValue(cJSON_GetObjectItem(cfg, "Arn"));
	struct sbx_lambda_fn f = { 0 };
	char *name = NULL, *qual = NULL, *cause = NULL, *src;

	if (arn != NULL && sbx_lambda_parse_name(arn, &name, &qual) &&
	    sbx_lambda_fn_get(c->sb->store, name, qual ? qual : "$LATEST", &f,
	    &cause) == 0) {
		src = hs_xasprintf("arn:aws:s3:::%s", b->name);
		if (sbx_lambda_policy_allows(c->sb, &f, "s3.amazonaws.com", src,
		    b->owner, c->now))
			(void)sbx_lambda_async_submit(c->sb, f.name, f.version,
			    record, strlen(record));
		free(src);
	}
	free(cause);
	free(name);
	free(qual);
	sbx_lambda_fn_clear(&f);
}

/* Send the notifications of an event on an object. */
void
sbx_s3_notify(struct sbx_call *c, const struct sbx_bucket *b,
    const char *event, const char *key, uint64_t size, const char *etag)
{
	const cJSON *cfg;
	cJSON *all = NULL;
	char *cause = NULL;

	if (sbx_s3_notify_get(c->sb->store, b, &all, &cause) != 0) {
		free(cause);
		return;
	}
	cJSON_ArrayForEach(cfg, all) {
		const char *kind = cJSON_GetStringValue(cJSON_GetObjectItem(cfg,
		    "Kind"));
		char *record;
		if (kind == NULL || strcmp(kind, "CloudFunction") != 0 ||
		    !s3_event_matches(cfg, event, key))
			continue;
		record = sbx_s3_event_record(c, b, cJSON_GetStringValue(
		    cJSON_GetObjectItem(cfg, "Id")), event, key, size, etag);
		s3_event_deliver(c, b, cfg, record);
		free(record);
	}
	cJSON_Delete(all);
}

/* Send the notifications of an event on the object now stored at the
 * request's key (its size and ETag read back). */
void
sbx_s3_notify_stored(struct sbx_call *c, const struct sbx_bucket *b,
    const char *event)
{
	struct sbx_object o = { 0 };
	char *cause = NULL;

	if (sbx_s3_object_get(c->sb->store, c->bucket, c->key, &o,
	    &cause) == 0)
		sbx_s3_notify(c, b, event, c->key, o.size, o.etag);
	free(cause);
	sbx_object_clear(&o);
}
