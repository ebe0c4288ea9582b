/*
 * test-sbx-notify.c: S3 event notifications in the sandbox: which event
 * names a configuration takes, which configured events cover an event
 * that happened, and the event record in S3's format (keys encoded as S3
 * writes them, removals without size and ETag).
 */
#include "hs-common.h"
#include "harness.h"
#include "sandbox/s3-notify.h"

struct cover_case {
	const char *configured;
	const char *happened;
	bool covers;
};

static const struct cover_case cover_cases[] = {
	{ "s3:ObjectCreated:*", "ObjectCreated:Put", true },
	{ "s3:ObjectCreated:*", "ObjectCreated:CompleteMultipartUpload", true },
	{ "s3:ObjectCreated:Put", "ObjectCreated:Put", true },
	{ "s3:ObjectCreated:Put", "ObjectCreated:Copy", false },
	{ "s3:ObjectCreated:*", "ObjectRemoved:Delete", false },
	{ "s3:ObjectRemoved:*", "ObjectRemoved:Delete", true },
	{ "s3:ObjectRemoved:Delete", "ObjectRemoved:DeleteMarkerCreated", false },
	{ "ObjectCreated:*", "ObjectCreated:Put", false },
};

/* Configured events cover what they name, wildcards their family. */
static void
test_covers(void)
{
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(cover_cases); i++) {
		const struct cover_case *k = &cover_cases[i];
		if (sbx_s3_event_covers(k->configured, k->happened) != k->covers)
			printf("# %s / %s\n", k->configured, k->happened);
		CU_ASSERT_EQUAL(sbx_s3_event_covers(k->configured, k->happened),
		    k->covers);
	}
}

/* The events a configuration may name. */
static void
test_known(void)
{
	CU_ASSERT_TRUE(sbx_s3_event_known("s3:ObjectCreated:*"));
	CU_ASSERT_TRUE(sbx_s3_event_known("s3:ObjectRemoved:Delete"));
	CU_ASSERT_TRUE(sbx_s3_event_known("s3:ObjectTagging:Put"));
	CU_ASSERT_FALSE(sbx_s3_event_known("s3:ObjectCreated:Touch"));
	CU_ASSERT_FALSE(sbx_s3_event_known("ObjectCreated:*"));
	CU_ASSERT_FALSE(sbx_s3_event_known(NULL));
}

/* A call with what a record reads. */
static struct sbx_call *
fake_call(struct sandbox *sb)
{
	struct sbx_call *c = sbx_call_new(sb, "/b/k");

	c->client_ip = hs_xstrdup("192.0.2.7");
	c->now_ms = 1700000000123;
	return c;
}

/* The record of a Put: S3's members, the key encoded. */
static void
test_record_put(void)
{
	struct sandbox sb = { 0 };
	struct sbx_bucket b = { 0 };
	struct sbx_call *c = fake_call(&sb);
	cJSON *doc, *r, *o;
	char *text;

	b.name = (char *)"phi-bucket";
	b.owner = (char *)"000000000000";
	text = sbx_s3_event_record(c, &b, "cfg-1", "ObjectCreated:Put",
	    "data/my report+1 é.phi", 42, "0123456789abcdef0123456789abcdef");
	doc = cJSON_Parse(text);
	r = cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "Records"), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	HS_ASSERT_STR_EQ(cJSON_GetStringValue(cJSON_GetObjectItem(r,
	    "eventVersion")), "2.1");
	HS_ASSERT_STR_EQ(cJSON_GetStringValue(cJSON_GetObjectItem(r,
	    "eventSource")), "aws:s3");
	HS_ASSERT_STR_EQ(cJSON_GetStringValue(cJSON_GetObjectItem(r,
	    "eventTime")), "2023-11-14T22:13:20.123Z");
	HS_ASSERT_STR_EQ(cJSON_GetStringValue(cJSON_GetObjectItem(
	    cJSON_GetObjectItem(r, "requestParameters"), "sourceIPAddress")),
	    "192.0.2.7");
	o = cJSON_GetObjectItem(cJSON_GetObjectItem(r, "s3"), "object");
	HS_ASSERT_STR_EQ(cJSON_GetStringValue(cJSON_GetObjectItem(o, "key")),
	    "data/my+report%2B1+%C3%A9.phi");
	CU_ASSERT_EQUAL(cJSON_GetNumberValue(cJSON_GetObjectItem(o, "size")), 42);
	HS_ASSERT_STR_EQ(cJSON_GetStringValue(cJSON_GetObjectItem(o, "eTag")),
	    "0123456789abcdef0123456789abcdef");
	HS_ASSERT_STR_EQ(cJSON_GetStringValue(cJSON_GetObjectItem(
	    cJSON_GetObjectItem(cJSON_GetObjectItem(r, "s3"), "bucket"), "arn")),
	    "arn:aws:s3:::phi-bucket");
	HS_ASSERT_STR_EQ(cJSON_GetStringValue(cJSON_GetObjectItem(
	    cJSON_GetObjectItem(r, "s3"), "configurationId")), "cfg-1");
	cJSON_Delete(doc);
	free(text);
	sbx_call_free(c);
}

/* A removal carries the key and sequencer only. */
static void
test_record_delete(void)
{
	struct sandbox sb = { 0 };
	struct sbx_bucket b = { 0 };
	struct sbx_call *c = fake_call(&sb);
	cJSON *doc, *o;
	char *text;

	b.name = (char *)"phi-bucket";
	b.owner = (char *)"000000000000";
	text = sbx_s3_event_record(c, &b, "cfg-1", "ObjectRemoved:Delete",
	    "data/x.phi", 0, NULL);
	doc = cJSON_Parse(text);
	o = cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetArrayItem(
	    cJSON_GetObjectItem(doc, "Records"), 0), "s3"), "object");
	CU_ASSERT_PTR_NOT_NULL_FATAL(o);
	CU_ASSERT_EQUAL(cJSON_GetArraySize(o), 2);
	CU_ASSERT_PTR_NOT_NULL(cJSON_GetObjectItem(o, "sequencer"));
	CU_ASSERT_PTR_NULL(cJSON_GetObjectItem(o, "eTag"));
	cJSON_Delete(doc);
	free(text);
	sbx_call_free(c);
}

static const struct hs_unit_case notify_cases[] = {
	{ "covers", test_covers },
	{ "known", test_known },
	{ "record-put", test_record_put },
	{ "record-delete", test_record_delete },
};

void
hs_unit_register(void)
{
	hs_unit_add_table("sbx-notify", notify_cases,
	    HS_ARRAY_SIZE(notify_cases));
}
