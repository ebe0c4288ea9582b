/*
 * svc-s3-policy.c: Put/Get/DeleteBucketPolicy. A policy is parsed by the
 * policy engine (MalformedPolicy with its reason), every Resource must lie
 * in the bucket ("Policy has invalid resource"), and with Block Public
 * Access's BlockPublicPolicy on (the default), a policy that grants
 * access to everyone is refused with AccessDenied, as S3 does.
 */
#include "hs-common.h"
#include "s3.h"

#include "policy/policy.h"

/* Condition keys whose fixed value makes a "*" grant non-public. */
static const char *const s3_narrowing_keys[] = {
	"aws:sourcearn", "aws:sourceaccount", "aws:sourceowner",
	"aws:sourcevpc", "aws:sourcevpce", "aws:principalaccount",
	"aws:principalarn", "aws:principalorgid", "aws:userid",
	"aws:sourceip", "s3:dataaccesspointaccount", "s3:dataaccesspointarn",
};

/* Answer MalformedPolicy. */
static int
s3_malformed(struct sbx_call *c, const char *msg)
{
	return sbx_fail(c, 400, "MalformedPolicy", "%s", msg);
}

/* Check one Resource value lies in the bucket. */
static bool
s3_resource_in_bucket(const char *res, const char *bucket)
{
	size_t n = strlen("arn:aws:s3:::") + strlen(bucket);
	char *arn = hs_xasprintf("arn:aws:s3:::%s", bucket);
	bool ok = strncmp(res, arn, n) == 0 && (res[n] == '\0' ||
	    res[n] == '/');

	free(arn);
	return ok;
}

/* Check that every Resource of every statement lies in the bucket. */
static int
s3_check_resources(struct sbx_call *c, cJSON *doc)
{
	cJSON *st = cJSON_GetObjectItemCaseSensitive(doc, "Statement"), *s, *r;
	cJSON one = { 0 };

	if (cJSON_IsObject(st)) {
		one.child = st;
		st = &one;
	}
	cJSON_ArrayForEach(s, st) {
		cJSON *res = cJSON_GetObjectItemCaseSensitive(s, "Resource");
		if (res == NULL)
			res = cJSON_GetObjectItemCaseSensitive(s, "NotResource");
		if (cJSON_IsString(res)) {
			if (!s3_resource_in_bucket(res->valuestring, c->bucket))
				return s3_malformed(c, "Policy has invalid "
				    "resource");
			continue;
		}
		cJSON_ArrayForEach(r, res)
			if (!cJSON_IsString(r) ||
			    !s3_resource_in_bucket(r->valuestring, c->bucket))
				return s3_malformed(c, "Policy has invalid "
				    "resource");
	}
	return 0;
}

/* Tell whether a Principal value means everyone. */
static bool
s3_principal_everyone(cJSON *p)
{
	cJSON *aws, *v;

	if (cJSON_IsString(p))
		return strcmp(p->valuestring, "*") == 0;
	aws = cJSON_GetObjectItemCaseSensitive(p, "AWS");
	if (cJSON_IsString(aws))
		return strcmp(aws->valuestring, "*") == 0;
	cJSON_ArrayForEach(v, aws)
		if (cJSON_IsString(v) && strcmp(v->valuestring, "*") == 0)
			return true;
	return false;
}

/* Tell whether a Condition narrows a grant to known parties. */
static bool
s3_condition_narrows(cJSON *cond)
{
	cJSON *op, *key;
	size_t i;

	cJSON_ArrayForEach(op, cond) {
		if (strstr(op->string, "Like") || strstr(op->string, "Not"))
			continue;	/* wildcards and negations stay public */
		cJSON_ArrayForEach(key, op)
			for (i = 0; i < HS_ARRAY_SIZE(s3_narrowing_keys); i++)
				if (strcasecmp(key->string,
				    s3_narrowing_keys[i]) == 0)
					return true;
	}
	return false;
}

/* Tell whether a policy grants access to everyone (S3's "public"). */
static bool
s3_policy_public(cJSON *doc)
{
	cJSON *st = cJSON_GetObjectItemCaseSensitive(doc, "Statement"), *s;
	cJSON one = { 0 };

	if (cJSON_IsObject(st)) {
		one.child = st;
		st = &one;
	}
	cJSON_ArrayForEach(s, st) {
		cJSON *eff = cJSON_GetObjectItemCaseSensitive(s, "Effect");
		if (!cJSON_IsString(eff) || strcmp(eff->valuestring, "Allow"))
			continue;
		if (s3_principal_everyone(cJSON_GetObjectItemCaseSensitive(s,
		    "Principal")) && !s3_condition_narrows(
		    cJSON_GetObjectItemCaseSensitive(s, "Condition")))
			return true;
	}
	return false;
}

/* Tell whether a bucket policy document grants access to everyone. */
bool
sbx_s3_policy_public(const char *json)
{
	cJSON *doc = cJSON_Parse(json);
	bool pub = doc != NULL && s3_policy_public(doc);

	cJSON_Delete(doc);
	return pub;
}

/* Tell whether the bucket's Block Public Access has flag set. */
bool
sbx_s3_pab_flag(const struct sbx_bucket *b, const char *flag)
{
	cJSON *j = b->public_access ? cJSON_Parse(b->public_access) : NULL;
	bool on = cJSON_IsTrue(cJSON_GetObjectItem(j, flag));

	cJSON_Delete(j);
	return on;
}

/* Validate a bucket policy document. */
static int
s3_policy_validate(struct sbx_call *c, const struct sbx_bucket *b,
    const char *text)
{
	const struct policy_parse_opts opts = { POLICY_RESOURCE, NULL, NULL };
	struct policy *p;
	cJSON *doc;
	char *cause = NULL;
	int rc;

	if (*text != '{')
		return s3_malformed(c, "Policies must be valid JSON and the "
		    "first byte must be '{'");
	p = policy_parse(text, strlen(text), &opts, &cause);
	if (p == NULL) {
		rc = s3_malformed(c, cause ? cause : "Invalid policy");
		free(cause);
		return rc;
	}
	policy_free(p);
	doc = cJSON_Parse(text);
	rc = s3_check_resources(c, doc);
	if (rc == 0 && sbx_s3_pab_flag(b, "BlockPublicPolicy") &&
	    s3_policy_public(doc))
		rc = sbx_fail(c, 403, "AccessDenied", "User: %s is not "
		    "authorized to perform: s3:PutBucketPolicy on resource: "
		    "\"arn:aws:s3:::%s\" because public policies are blocked by "
		    "the BlockPublicPolicy block public access setting.",
		    c->who ? c->who->arn : "anonymous", c->bucket);
	cJSON_Delete(doc);
	return rc;
}

/* PutBucketPolicy: 204. */
int
sbx_s3_put_bucket_policy(struct sbx_call *c)
{
	struct sbx_bucket b = { 0 };
	const char *text = sbx_in_str(c, "Policy");
	char *cause = NULL;
	int rc = -1;

	if (sbx_s3_bucket_load(c, &b) != 0)
		return -1;
	if (sbx_s3_authorize(c, &b, "s3:PutBucketPolicy", NULL) != 0)
		goto cleanup;
	if (text == NULL || *text == '\0' || strlen(text) > 20 * 1024) {
		s3_malformed(c, text != NULL && strlen(text) > 20 * 1024 ?
		    "Policy exceeds the maximum allowed document size." :
		    "Missing required field Policy");
		goto cleanup;
	}
	if (s3_policy_validate(c, &b, text) != 0)
		goto cleanup;
	if (sbx_s3_bucket_set(c->sb->store, c->bucket, "policy", text,
	    &cause) < 0) {
		sbx_s3_internal(c, cause);
		goto cleanup;
	}
	c->status = 204;	/* as S3 answers; the model says nothing */
	c->output = cJSON_CreateObject();
	rc = 0;
cleanup:
	sbx_bucket_clear(&b);
	return rc;
}

/* GetBucketPolicy: the document as stored. */
int
sbx_s3_get_bucket_policy(struct sbx_call *c)
{
	struct sbx_bucket b = { 0 };
	int rc = -1;

	if (sbx_s3_bucket_load(c, &b) != 0)
		return -1;
	if (sbx_s3_authorize(c, &b, "s3:GetBucketPolicy", NULL) != 0)
		goto cleanup;
	if (b.policy == NULL) {
		sbx_fail(c, 404, "NoSuchBucketPolicy", "The bucket policy does "
		    "not exist");
		sbx_fail_field(c, "BucketName", c->bucket);
		goto cleanup;
	}
	c->output = cJSON_CreateObject();
	cJSON_AddStringToObject(c->output, "Policy", b.policy);
	rc = 0;
cleanup:
	sbx_bucket_clear(&b);
	return rc;
}

/* DeleteBucketPolicy: 204. */
int
sbx_s3_delete_bucket_policy(struct sbx_call *c)
{
	struct sbx_bucket b = { 0 };
	char *cause = NULL;
	int rc = -1;

	if (sbx_s3_bucket_load(c, &b) != 0)
		return -1;
	if (sbx_s3_authorize(c, &b, "s3:DeleteBucketPolicy", NULL) == 0) {
		if (sbx_s3_bucket_set(c->sb->store, c->bucket, "policy", NULL,
		    &cause) < 0)
			sbx_s3_internal(c, cause);
		else {
			c->output = cJSON_CreateObject();	/* 204 */
			rc = 0;
		}
	}
	sbx_bucket_clear(&b);
	return rc;
}
