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

#include <libxml/parser.h>

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

/* Store a configuration column; answer status. */
static int
s3_config_store(struct sbx_call *c, const char *column, const char *value,
    int status)
{
	char *cause = NULL;

	if (sbx_s3_bucket_set(c->sb->store, c->bucket, column, value,
	    &cause) < 0)
		return sbx_s3_internal(c, cause);
	c->status = status;
	return 0;
}

/* Answer MalformedXML. */
static int
s3_malformed_xml(struct sbx_call *c)
{
	return sbx_fail(c, 400, "MalformedXML", "The XML you provided was not "
	    "well-formed or did not validate against our published schema");
}

/* The first child element named name, or NULL. */
static xmlNode *
s3_child(xmlNode *n, const char *name)
{
	for (n = n ? n->children : NULL; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, name) == 0)
			return n;
	return NULL;
}

/* Read a ServerSideEncryptionConfiguration into JSON. */
static int
s3_encryption_parse(struct sbx_call *c, xmlDoc *doc, char **json)
{
	xmlNode *rule = s3_child(xmlDocGetRootElement(doc), "Rule");
	xmlNode *def = s3_child(rule, "ApplyServerSideEncryptionByDefault");
	const char *alg = sbx_s3_xml_child(def, "SSEAlgorithm");
	const char *key = sbx_s3_xml_child(def, "KMSMasterKeyID");
	const char *bke = sbx_s3_xml_child(rule, "BucketKeyEnabled");
	cJSON *o;
	char *s;

	if (alg == NULL || (strcmp(alg, "AES256") != 0 &&
	    strcmp(alg, "aws:kms") != 0 && strcmp(alg, "aws:kms:dsse") != 0))
		return s3_malformed_xml(c);
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
	cJSON_AddBoolToObject(o, "BucketKeyEnabled", bke != NULL &&
	    strcmp(bke, "true") == 0);
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
	xmlDoc *doc = NULL;
	char *json = NULL;
	int rc = -1;

	if (s3_config_begin(c, &b, "s3:PutEncryptionConfiguration") != 0)
		return -1;
	if (sbx_s3_parse_body(c, &doc) == 0 &&
	    s3_encryption_parse(c, doc, &json) == 0)
		rc = s3_config_store(c, "encryption", json, 200);
	free(json);
	sbx_s3_xml_free(doc);
	sbx_bucket_clear(&b);
	return rc;
}

/* GetBucketEncryption. */
int
sbx_s3_get_bucket_encryption(struct sbx_call *c)
{
	struct sbx_bucket b = { 0 };
	cJSON *j;
	const char *key;

	if (s3_config_begin(c, &b, "s3:GetEncryptionConfiguration") != 0)
		return -1;
	j = cJSON_Parse(b.encryption ? b.encryption : S3_DEFAULT_ENCRYPTION);
	sbx_s3_xml_begin(c, "ServerSideEncryptionConfiguration");
	(void)hs_buf_adds(&c->body, "<Rule><ApplyServerSideEncryptionByDefault>");
	sbx_xml_elem(&c->body, "SSEAlgorithm", cJSON_GetStringValue(
	    cJSON_GetObjectItem(j, "SSEAlgorithm")));
	key = cJSON_GetStringValue(cJSON_GetObjectItem(j, "KMSMasterKeyID"));
	if (key != NULL)
		sbx_xml_elem(&c->body, "KMSMasterKeyID", key);
	(void)hs_buf_adds(&c->body, "</ApplyServerSideEncryptionByDefault>");
	sbx_xml_elem(&c->body, "BucketKeyEnabled", cJSON_IsTrue(
	    cJSON_GetObjectItem(j, "BucketKeyEnabled")) ? "true" : "false");
	(void)hs_buf_adds(&c->body, "</Rule></ServerSideEncryptionConfiguration>");
	cJSON_Delete(j);
	sbx_s3_xml_answer(c, 200);
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
	rc = s3_config_store(c, "encryption", S3_DEFAULT_ENCRYPTION, 204);
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
	xmlDoc *doc = NULL;
	cJSON *o = NULL;
	char *s = NULL;
	size_t i;
	int rc = -1;

	if (s3_config_begin(c, &b, "s3:PutBucketPublicAccessBlock") != 0)
		return -1;
	if (sbx_s3_parse_body(c, &doc) != 0)
		goto cleanup;
	o = cJSON_CreateObject();
	for (i = 0; i < HS_ARRAY_SIZE(s3_pab_flags); i++) {
		const char *v = sbx_s3_xml_child(xmlDocGetRootElement(doc),
		    s3_pab_flags[i]);
		if (v != NULL && strcmp(v, "true") != 0 &&
		    strcmp(v, "false") != 0) {
			s3_malformed_xml(c);
			goto cleanup;
		}
		cJSON_AddBoolToObject(o, s3_pab_flags[i], v != NULL &&
		    strcmp(v, "true") == 0);
	}
	s = cJSON_PrintUnformatted(o);
	rc = s3_config_store(c, "public_access", s, 200);
cleanup:
	cJSON_free(s);
	cJSON_Delete(o);
	sbx_s3_xml_free(doc);
	sbx_bucket_clear(&b);
	return rc;
}

/* GetPublicAccessBlock. */
int
sbx_s3_get_public_access_block(struct sbx_call *c)
{
	struct sbx_bucket b = { 0 };
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
	sbx_s3_xml_begin(c, "PublicAccessBlockConfiguration");
	for (i = 0; i < HS_ARRAY_SIZE(s3_pab_flags); i++)
		sbx_xml_elem(&c->body, s3_pab_flags[i],
		    sbx_s3_pab_flag(&b, s3_pab_flags[i]) ? "true" : "false");
	(void)hs_buf_adds(&c->body, "</PublicAccessBlockConfiguration>");
	sbx_s3_xml_answer(c, 200);
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
	rc = s3_config_store(c, "public_access", NULL, 204);
	sbx_bucket_clear(&b);
	return rc;
}
