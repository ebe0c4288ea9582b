/*
 * svc-s3-tagging.c: Put/Get/DeleteBucketTagging and Put/GetBucketVersioning
 * (the status only: see svc-s3-config.c).
 */
#include "hs-common.h"
#include "s3.h"

#define S3_MAX_BUCKET_TAGS 50

/* Load the bucket and authorize action on it. */
static int
s3_begin(struct sbx_call *c, struct sbx_bucket *b, const char *action)
{
	if (sbx_s3_bucket_load(c, b) != 0)
		return -1;
	if (sbx_s3_authorize(c, b, action, NULL) != 0) {
		sbx_bucket_clear(b);
		return -1;
	}
	return 0;
}

/* Answer InvalidTag. */
static int
s3_invalid_tag(struct sbx_call *c, const char *msg, const char *key)
{
	sbx_fail(c, 400, "InvalidTag", "%s", msg);
	if (key != NULL)
		sbx_fail_field(c, "TagKey", key);
	return -1;
}

/* Check one tag and add it to the list. */
static int
s3_tag_add(struct sbx_call *c, cJSON *list, const char *k, const char *v)
{
	cJSON *t;

	if (k == NULL || v == NULL)
		return sbx_s3_malformed_xml(c);
	if (*k == '\0' || strlen(k) > 128)
		return s3_invalid_tag(c, "The TagKey you have provided is "
		    "invalid", k);
	if (strlen(v) > 256)
		return s3_invalid_tag(c, "The TagValue you have provided is "
		    "invalid", k);
	if (hs_starts_with(k, "aws:"))
		return s3_invalid_tag(c, "Your TagKey cannot be prefixed with "
		    "aws:", k);
	cJSON_ArrayForEach(t, list)
		if (strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(t, "Key")),
		    k) == 0)
			return s3_invalid_tag(c, "Cannot provide multiple Tags "
			    "with the same key", k);
	t = cJSON_CreateObject();
	cJSON_AddStringToObject(t, "Key", k);
	cJSON_AddStringToObject(t, "Value", v);
	cJSON_AddItemToArray(list, t);
	return 0;
}

/* Read the input's Tagging.TagSet into the list the bucket keeps. */
static int
s3_tags_parse(struct sbx_call *c, cJSON **out)
{
	cJSON *set = cJSON_GetObjectItemCaseSensitive(sbx_in(c, "Tagging"),
	    "TagSet"), *t;
	cJSON *list = cJSON_CreateArray();

	if (!cJSON_IsArray(set)) {
		cJSON_Delete(list);
		return sbx_s3_malformed_xml(c);
	}
	cJSON_ArrayForEach(t, set)
		if (s3_tag_add(c, list, cJSON_GetStringValue(
		    cJSON_GetObjectItemCaseSensitive(t, "Key")),
		    cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(t,
		    "Value"))) != 0) {
			cJSON_Delete(list);
			return -1;
		}
	if (cJSON_GetArraySize(list) > S3_MAX_BUCKET_TAGS) {
		cJSON_Delete(list);
		return s3_invalid_tag(c, "Bucket tag count cannot be greater "
		    "than 50", NULL);
	}
	*out = list;
	return 0;
}

/* Store a column; the answer is empty, with status (0: the model's). */
static int
s3_store(struct sbx_call *c, const char *column, const char *value,
    int status)
{
	char *cause = NULL;

	if (sbx_s3_bucket_set(c->sb->store, c->bucket, column, value,
	    &cause) < 0)
		return sbx_s3_internal(c, cause);
	if (status != 0)
		c->status = status;
	c->output = cJSON_CreateObject();
	return 0;
}

/* PutBucketTagging: 204, as S3 answers (the model says nothing). */
int
sbx_s3_put_bucket_tagging(struct sbx_call *c)
{
	struct sbx_bucket b = { 0 };
	cJSON *list = NULL;
	char *s;
	int rc = -1;

	if (s3_begin(c, &b, "s3:PutBucketTagging") != 0)
		return -1;
	if (s3_tags_parse(c, &list) == 0) {
		s = cJSON_PrintUnformatted(list);
		rc = s3_store(c, "tagging", s, 204);
		cJSON_free(s);
	}
	cJSON_Delete(list);
	sbx_bucket_clear(&b);
	return rc;
}

/* GetBucketTagging. */
int
sbx_s3_get_bucket_tagging(struct sbx_call *c)
{
	struct sbx_bucket b = { 0 };
	int rc = -1;

	if (s3_begin(c, &b, "s3:GetBucketTagging") != 0)
		return -1;
	if (b.tagging == NULL) {
		sbx_fail(c, 404, "NoSuchTagSet", "The TagSet does not exist");
		sbx_fail_field(c, "BucketName", c->bucket);
		goto cleanup;
	}
	c->output = cJSON_CreateObject();
	cJSON_AddItemToObject(c->output, "TagSet", cJSON_Parse(b.tagging));
	rc = 0;
cleanup:
	sbx_bucket_clear(&b);
	return rc;
}

/* DeleteBucketTagging: 204. */
int
sbx_s3_delete_bucket_tagging(struct sbx_call *c)
{
	struct sbx_bucket b = { 0 };
	int rc;

	if (s3_begin(c, &b, "s3:PutBucketTagging") != 0)
		return -1;
	rc = s3_store(c, "tagging", NULL, 0);
	sbx_bucket_clear(&b);
	return rc;
}

/* PutBucketVersioning: the status only; 200. */
int
sbx_s3_put_bucket_versioning(struct sbx_call *c)
{
	struct sbx_bucket b = { 0 };
	cJSON *conf = sbx_in(c, "VersioningConfiguration");
	const char *st = cJSON_GetStringValue(
	    cJSON_GetObjectItemCaseSensitive(conf, "Status"));
	int rc = -1;

	if (s3_begin(c, &b, "s3:PutBucketVersioning") != 0)
		return -1;
	if (cJSON_GetObjectItemCaseSensitive(conf, "MFADelete") != NULL ||
	    sbx_in_str(c, "MFA") != NULL)
		sbx_fail(c, 501, "NotImplemented", "A header you provided "
		    "implies functionality that is not implemented");
	else if (st == NULL || (strcmp(st, "Enabled") != 0 &&
	    strcmp(st, "Suspended") != 0))
		sbx_s3_malformed_xml(c);
	else
		rc = s3_store(c, "versioning", st, 0);
	sbx_bucket_clear(&b);
	return rc;
}

/* GetBucketVersioning: empty until a status was set, as S3 answers. */
int
sbx_s3_get_bucket_versioning(struct sbx_call *c)
{
	struct sbx_bucket b = { 0 };

	if (s3_begin(c, &b, "s3:GetBucketVersioning") != 0)
		return -1;
	c->output = cJSON_CreateObject();
	if (b.versioning != NULL)
		cJSON_AddStringToObject(c->output, "Status", b.versioning);
	sbx_bucket_clear(&b);
	return 0;
}
