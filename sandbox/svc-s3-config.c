/*
 * svc-s3-config.c: bucket configuration documents: default encryption
 * (Put/Get/DeleteBucketEncryption; deleting it brings back S3's default,
 * SSE-S3), Block Public Access (Put/Get/DeletePublicAccessBlock), tagging
 * (Put/Get/DeleteBucketTagging) and versioning. Versioning keeps the
 * status only: objects are not versioned (ListObjectVersions and
 * versionId answer NotImplemented).
 */
#include "hs-common.h"
#include "s3.h"

#define S3_DEFAULT_ENCRYPTION "{\"SSEAlgorithm\":\"AES256\"," \
	"\"BucketKeyEnabled\":false}"

/* Load the bucket and authorize action on it. */
static int
s3_config_begin(struct sbx_call *c, struct sbx_bucket *b, const char *action)
{
	if (sbx_s3_bucket_load(c, b) != 0)
		return -1;
	if (sbx_s3_authorize(c, b, action, NULL) != 0) {
		sbx_bucket_clear(b);
		return -1;
	}
	return 0;
}

/* Store a configuration column; the answer is empty (the model's status). */
static int
s3_config_store(struct sbx_call *c, const char *column, const char *value)
{
	char *cause = NULL;

	if (sbx_s3_bucket_set(c->sb->store, c->bucket, column, value,
	    &cause) < 0)
		return sbx_s3_internal(c, cause);
	c->output = cJSON_CreateObject();
	return 0;
}

/* A member of a structure, or NULL (absent or null). */
static cJSON *
s3_member(const cJSON *o, const char *name)
{
	cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);

	return cJSON_IsNull(v) ? NULL : v;
}

/* Read the input's ServerSideEncryptionConfiguration (its first rule)
 * into the JSON the bucket keeps. */
static int
s3_encryption_parse(struct sbx_call *c, char **json)
{
	cJSON *rule = cJSON_GetArrayItem(s3_member(sbx_in(c,
	    "ServerSideEncryptionConfiguration"), "Rules"), 0);
	cJSON *def = s3_member(rule, "ApplyServerSideEncryptionByDefault");
	const char *alg = cJSON_GetStringValue(s3_member(def, "SSEAlgorithm"));
	const char *key = cJSON_GetStringValue(s3_member(def,
	    "KMSMasterKeyID"));
	cJSON *o;
	char *s;

	if (alg == NULL || (strcmp(alg, "AES256") != 0 &&
	    strcmp(alg, "aws:kms") != 0 && strcmp(alg, "aws:kms:dsse") != 0))
		return sbx_s3_malformed_xml(c);
	if (key != NULL && strcmp(alg, "AES256") == 0) {
		sbx_fail(c, 400, "InvalidArgument", "a KMSMasterKeyID is not "
		    "applicable if the default sse algorithm is not aws:kms or "
		    "aws:kms:dsse");
		sbx_fail_field(c, "ArgumentName",
		    "ApplyServerSideEncryptionByDefault");
		return -1;
	}
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "SSEAlgorithm", alg);
	if (key != NULL && *key != '\0')
		cJSON_AddStringToObject(o, "KMSMasterKeyID", key);
	cJSON_AddBoolToObject(o, "BucketKeyEnabled", cJSON_IsTrue(s3_member(
	    rule, "BucketKeyEnabled")));
	s = cJSON_PrintUnformatted(o);
	*json = hs_xstrdup(s);
	cJSON_free(s);
	cJSON_Delete(o);
	return 0;
}

/* PutBucketEncryption: 200. */
int
sbx_s3_put_bucket_encryption(struct sbx_call *c)
{
	struct sbx_bucket b = { 0 };
	char *json = NULL;
	int rc = -1;

	if (s3_config_begin(c, &b, "s3:PutEncryptionConfiguration") != 0)
		return -1;
	if (s3_encryption_parse(c, &json) == 0)
		rc = s3_config_store(c, "encryption", json);
	free(json);
	sbx_bucket_clear(&b);
	return rc;
}

/* GetBucketEncryption: the kept configuration as its one rule. */
int
sbx_s3_get_bucket_encryption(struct sbx_call *c)
{
	struct sbx_bucket b = { 0 };
	cJSON *j, *rule, *def, *key;

	if (s3_config_begin(c, &b, "s3:GetEncryptionConfiguration") != 0)
		return -1;
	j = cJSON_Parse(b.encryption ? b.encryption : S3_DEFAULT_ENCRYPTION);
	c->output = cJSON_CreateObject();
	rule = cJSON_CreateObject();
	cJSON_AddItemToArray(cJSON_AddArrayToObject(cJSON_AddObjectToObject(
	    c->output, "ServerSideEncryptionConfiguration"), "Rules"), rule);
	def = cJSON_AddObjectToObject(rule,
	    "ApplyServerSideEncryptionByDefault");
	cJSON_AddStringToObject(def, "SSEAlgorithm", cJSON_GetStringValue(
	    cJSON_GetObjectItem(j, "SSEAlgorithm")));
	key = cJSON_GetObjectItem(j, "KMSMasterKeyID");
	if (cJSON_IsString(key))
		cJSON_AddStringToObject(def, "KMSMasterKeyID",
		    key->valuestring);
	cJSON_AddBoolToObject(rule, "BucketKeyEnabled", cJSON_IsTrue(
	    cJSON_GetObjectItem(j, "BucketKeyEnabled")));
	cJSON_Delete(j);
	sbx_bucket_clear(&b);
	return 0;
}

/* DeleteBucketEncryption: back to S3's default (SSE-S3); 204. */
int
sbx_s3_delete_bucket_encryption(struct sbx_call *c)
{
	struct sbx_bucket b = { 0 };
	int rc;

	if (s3_config_begin(c, &b, "s3:PutEncryptionConfiguration") != 0)
		return -1;
	rc = s3_config_store(c, "encryption", S3_DEFAULT_ENCRYPTION);
	sbx_bucket_clear(&b);
	return rc;
}

static const char *const s3_pab_flags[] = {
	"BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy",
	"RestrictPublicBuckets",
};

/* PutPublicAccessBlock: 200. */
int
sbx_s3_put_public_access_block(struct sbx_call *c)
{
	struct sbx_bucket b = { 0 };
	cJSON *in = sbx_in(c, "PublicAccessBlockConfiguration"), *o;
	char *s;
	size_t i;
	int rc;

	if (s3_config_begin(c, &b, "s3:PutBucketPublicAccessBlock") != 0)
		return -1;
	if (in == NULL) {
		sbx_bucket_clear(&b);
		return sbx_s3_malformed_xml(c);
	}
	o = cJSON_CreateObject();
	for (i = 0; i < HS_ARRAY_SIZE(s3_pab_flags); i++)
		cJSON_AddBoolToObject(o, s3_pab_flags[i], cJSON_IsTrue(
		    s3_member(in, s3_pab_flags[i])));
	s = cJSON_PrintUnformatted(o);
	rc = s3_config_store(c, "public_access", s);
	cJSON_free(s);
	cJSON_Delete(o);
	sbx_bucket_clear(&b);
	return rc;
}

/* GetPublicAccessBlock. */
int
sbx_s3_get_public_access_block(struct sbx_call *c)
{
	struct sbx_bucket b = { 0 };
	cJSON *conf;
	size_t i;
	int rc = -1;

	if (s3_config_begin(c, &b, "s3:GetBucketPublicAccessBlock") != 0)
		return -1;
	if (b.public_access == NULL) {
		sbx_fail(c, 404, "NoSuchPublicAccessBlockConfiguration", "The "
		    "public access block configuration was not found");
		sbx_fail_field(c, "BucketName", c->bucket);
		goto cleanup;
	}
	c->output = cJSON_CreateObject();
	conf = cJSON_AddObjectToObject(c->output,
	    "PublicAccessBlockConfiguration");
	for (i = 0; i < HS_ARRAY_SIZE(s3_pab_flags); i++)
		cJSON_AddBoolToObject(conf, s3_pab_flags[i],
		    sbx_s3_pab_flag(&b, s3_pab_flags[i]));
	rc = 0;
cleanup:
	sbx_bucket_clear(&b);
	return rc;
}

/* DeletePublicAccessBlock: 204. */
int
sbx_s3_delete_public_access_block(struct sbx_call *c)
{
	struct sbx_bucket b = { 0 };
	int rc;

	if (s3_config_begin(c, &b, "s3:PutBucketPublicAccessBlock") != 0)
		return -1;
	rc = s3_config_store(c, "public_access", NULL);
	sbx_bucket_clear(&b);
	return rc;
}
