/*
 * s3-util.c: what S3 handlers share: loading the bucket, XML in and out,
 * object headers and user metadata, server-side encryption, and storing
 * bodies with their digests checked.
 */
#include "hs-common.h"
#include "s3.h"

#include <ctype.h>
#include <strings.h>
#include <openssl/evp.h>

/* Load c->bucket; NoSuchBucket (404) when it does not exist. */
int
sbx_s3_bucket_load(struct sbx_call *c, struct sbx_bucket *b)
{
	char *cause = NULL;
	int r = sbx_s3_bucket_get(c->sb->store, c->bucket, b, &cause);

	if (r < 0)
		return sbx_s3_internal(c, cause);
	if (r == 1) {
		sbx_fail(c, 404, "NoSuchBucket", "The specified bucket does "
		    "not exist");
		sbx_fail_field(c, "BucketName", c->bucket);
		return -1;
	}
	return 0;
}

/* Answer an internal error, keeping the cause out of the answer. */
int
sbx_s3_internal(struct sbx_call *c, char *cause)
{
	free(cause);
	return sbx_fail(c, 500, "InternalError", "We encountered an internal "
	    "error. Please try again.");
}

/* Answer MalformedXML (a body that is not the document the operation
 * takes); -1. */
int
sbx_s3_malformed_xml(struct sbx_call *c)
{
	return sbx_fail(c, 400, "MalformedXML", "The XML you provided was not "
	    "well-formed or did not validate against our published schema");
}

/* The answer being built (c->output), made when there is none yet. */
cJSON *
sbx_s3_output(struct sbx_call *c)
{
	if (c->output == NULL)
		c->output = cJSON_CreateObject();
	return c->output;
}

/* The 64-hex canonical user ID of an account. */
void
sbx_s3_canonical_id(const char *account, char out[65])
{
	unsigned char md[32];
	unsigned int len = 0, i;

	EVP_Digest(account, strlen(account), md, &len, EVP_sha256(), NULL);
	for (i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

/* Read the integer member of a query parameter (the model decoded its
 * text) within [min, max]; def when absent. */
int
sbx_s3_int_param(struct sbx_call *c, const char *name, const char *member,
    long min, long max, long def, long *out)
{
	const char *v = aws_kvlist_get_exact(&c->req.query, name);
	long n = sbx_in_long(c, member, min - 1);

	if (v == NULL) {
		*out = def;
		return 0;
	}
	if (n < min) {
		sbx_fail(c, 400, "InvalidArgument", "Provided %s not an "
		    "integer or within integer range", name);
		sbx_fail_field(c, "ArgumentName", name);
		sbx_fail_field(c, "ArgumentValue", v);
		return -1;
	}
	*out = n > max ? max : n;
	return 0;
}

/* The ARN of a KMS key as S3 reports it. */
static char *
s3_kms_arn(struct sbx_call *c, const char *key)
{
	if (key == NULL || *key == '\0') {
		char h[65];
		/* the account's AWS managed key for S3 (aws/s3) */
		sbx_s3_canonical_id(c->sb->account_id, h);
		return hs_xasprintf("arn:aws:kms:us-east-1:%s:key/%.8s-%.4s-4%.3s-"
		    "a%.3s-%.12s", c->sb->account_id, h, h + 8, h + 12, h + 15,
		    h + 18);
	}
	if (hs_starts_with(key, "arn:"))
		return hs_xstrdup(key);
	return hs_xasprintf("arn:aws:kms:us-east-1:%s:%s%s", c->sb->account_id,
	    hs_starts_with(key, "alias/") ? "" : "key/", key);
}

/* Refuse a bad encryption header with S3's InvalidArgument. */
static int
s3_sse_invalid(struct sbx_call *c, const char *msg, const char *name,
    const char *value)
{
	sbx_fail(c, 400, "InvalidArgument", "%s", msg);
	sbx_fail_field(c, "ArgumentName", name);
	sbx_fail_field(c, "ArgumentValue", value ? value : "null");
	return -1;
}

/* The bucket's default encryption: algorithm and key. */
static void
s3_sse_default(const struct sbx_bucket *b, char **sse, char **kms)
{
	cJSON *j = b && b->encryption ? cJSON_Parse(b->encryption) : NULL;
	const char *alg = cJSON_GetStringValue(cJSON_GetObjectItem(j,
	    "SSEAlgorithm"));
	const char *key = cJSON_GetStringValue(cJSON_GetObjectItem(j,
	    "KMSMasterKeyID"));

	*sse = hs_xstrdup(alg ? alg : "AES256");
	*kms = key ? hs_xstrdup(key) : NULL;
	cJSON_Delete(j);
}

/* The server-side encryption of an upload. */
int
sbx_s3_sse_resolve(struct sbx_call *c, const struct sbx_bucket *b,
    char **sse, char **kms_key)
{
	const char *h = sbx_in_str(c, "ServerSideEncryption");
	const char *k = sbx_in_str(c, "SSEKMSKeyId");

	*sse = *kms_key = NULL;
	if (sbx_in_str(c, "SSECustomerAlgorithm") != NULL)
		return sbx_fail(c, 501, "NotImplemented", "A header you "
		    "provided implies functionality that is not implemented");
	if (h == NULL) {
		if (k != NULL)
			return s3_sse_invalid(c, "Server Side Encryption with "
			    "AWS KMS managed key requires HTTP header "
			    "x-amz-server-side-encryption : aws:kms",
			    "x-amz-server-side-encryption", NULL);
		s3_sse_default(b, sse, kms_key);
	} else if (strcmp(h, "AES256") == 0) {
		if (k != NULL)
			return s3_sse_invalid(c, "Server Side Encryption with "
			    "AWS KMS managed key requires HTTP header "
			    "x-amz-server-side-encryption : aws:kms",
			    "x-amz-server-side-encryption", h);
		*sse = hs_xstrdup(h);
	} else if (strcmp(h, "aws:kms") == 0 || strcmp(h, "aws:kms:dsse") == 0) {
		*sse = hs_xstrdup(h);
		*kms_key = k ? hs_xstrdup(k) : NULL;
	} else
		return s3_sse_invalid(c, "The encryption method specified is "
		    "not supported", "x-amz-server-side-encryption", h);
	if (strncmp(*sse, "aws:kms", 7) == 0) {
		char *arn = s3_kms_arn(c, *kms_key);
		free(*kms_key);
		*kms_key = arn;
	}
	return 0;
}

/* Put the encryption into the output (ServerSideEncryption and the
 * KMS key's SSEKMSKeyId). */
void
sbx_s3_sse_headers(struct sbx_call *c, const char *sse, const char *kms_key)
{
	if (sse == NULL)
		return;
	cJSON_AddStringToObject(c->output, "ServerSideEncryption", sse);
	if (kms_key != NULL)
		cJSON_AddStringToObject(c->output, "SSEKMSKeyId", kms_key);
}

/* The object headers S3 keeps and returns, and their model members. */
static const struct {
	const char *header;
	const char *member;
} s3_kept[] = {
	{ "Cache-Control", "CacheControl" },
	{ "Content-Disposition", "ContentDisposition" },
	{ "Content-Encoding", "ContentEncoding" },
	{ "Content-Language", "ContentLanguage" },
	{ "Content-Type", "ContentType" },
	{ "Expires", "Expires" },
	{ "x-amz-website-redirect-location", "WebsiteRedirectLocation" },
};

/* The object headers to keep, from the input (ContentType, ...,
 * Metadata), as JSON keyed by header name ("x-amz-meta-NAME" in lower
 * case, as S3 keeps user metadata). */
char *
sbx_s3_headers_json(struct sbx_call *c)
{
	cJSON *o = cJSON_CreateObject(), *it;
	char *s, *lower;
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(s3_kept); i++) {
		const char *v = sbx_in_str(c, s3_kept[i].member);
		if (v != NULL)
			cJSON_AddStringToObject(o, s3_kept[i].header, v);
	}
	cJSON_ArrayForEach(it, sbx_in(c, "Metadata")) {
		if (!cJSON_IsString(it))
			continue;
		lower = hs_xasprintf("x-amz-meta-%s", it->string);
		for (s = lower; *s; s++)
			*s = (char)tolower((unsigned char)*s);
		cJSON_DeleteItemFromObject(o, lower);
		cJSON_AddStringToObject(o, lower, it->valuestring);
		free(lower);
	}
	s = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	lower = hs_xstrdup(s);
	cJSON_free(s);
	return lower;
}

/* Put the kept object headers into the output's members (ContentType,
 * ..., Metadata); ContentType defaults to binary/octet-stream. */
void
sbx_s3_headers_answer(struct sbx_call *c, const char *json)
{
	cJSON *o = cJSON_Parse(json ? json : "{}"), *it, *meta = NULL;
	size_t i;

	cJSON_ArrayForEach(it, o) {
		if (!cJSON_IsString(it))
			continue;
		if (strncasecmp(it->string, "x-amz-meta-", 11) == 0) {
			if (meta == NULL)
				meta = cJSON_AddObjectToObject(c->output,
				    "Metadata");
			cJSON_AddStringToObject(meta, it->string + 11,
			    it->valuestring);
			continue;
		}
		for (i = 0; i < HS_ARRAY_SIZE(s3_kept); i++)
			if (strcasecmp(it->string, s3_kept[i].header) == 0)
				cJSON_AddStringToObject(c->output,
				    s3_kept[i].member, it->valuestring);
	}
	if (cJSON_GetObjectItemCaseSensitive(c->output, "ContentType") == NULL)
		cJSON_AddStringToObject(c->output, "ContentType",
		    "binary/octet-stream");
	cJSON_Delete(o);
}
