/*
 * svc-s3-bucket.c: S3 buckets: ListBuckets, CreateBucket (name and
 * location-constraint rules), HeadBucket, GetBucketLocation,
 * DeleteBucket. New buckets get what S3 gives them since 2023: default
 * encryption SSE-S3 (AES256) and all four Block Public Access settings.
 */
#include "hs-common.h"
#include "s3.h"
#include "api.h"

#include <ctype.h>

#define S3_DEFAULT_ENCRYPTION "{\"SSEAlgorithm\":\"AES256\"," \
	"\"BucketKeyEnabled\":false}"
#define S3_DEFAULT_PAB "{\"BlockPublicAcls\":true,\"IgnorePublicAcls\":true," \
	"\"BlockPublicPolicy\":true,\"RestrictPublicBuckets\":true}"

/* ListBuckets: the caller's buckets by name. */
int
sbx_s3_list_buckets(struct sbx_call *c)
{
	struct sbx_bucket *v = NULL;
	size_t n = 0, i;
	char *cause = NULL, canon[65], when[40];
	cJSON *owner, *list, *item;

	if (sbx_s3_authorize(c, NULL, "s3:ListAllMyBuckets", NULL) != 0)
		return -1;
	if (sbx_s3_bucket_list(c->sb->store, c->who->account, &v, &n,
	    &cause) != 0)
		return sbx_s3_internal(c, cause);
	sbx_s3_canonical_id(c->who->account, canon);
	c->output = cJSON_CreateObject();
	owner = cJSON_AddObjectToObject(c->output, "Owner");
	cJSON_AddStringToObject(owner, "DisplayName", c->who->account);
	cJSON_AddStringToObject(owner, "ID", canon);
	list = cJSON_AddArrayToObject(c->output, "Buckets");
	for (i = 0; i < n; i++) {
		sbx_iso_date(v[i].created_ms, when);
		item = cJSON_CreateObject();
		cJSON_AddStringToObject(item, "Name", v[i].name);
		cJSON_AddStringToObject(item, "CreationDate", when);
		cJSON_AddItemToArray(list, item);
		sbx_bucket_clear(&v[i]);
	}
	free(v);
	return 0;
}

/* Tell whether s looks like a region name ("eu-west-1", "us-gov-east-1"). */
static bool
s3_region_like(const char *s)
{
	size_t i = 0, dashes = 0;

	if (strcmp(s, "EU") == 0)
		return true;
	for (; s[i] != '\0'; i++) {
		if (s[i] == '-')
			dashes++;
		else if (!islower((unsigned char)s[i]) &&
		    !isdigit((unsigned char)s[i]))
			return false;
	}
	return dashes >= 2 && i > 0 && isdigit((unsigned char)s[i - 1]);
}

/* The LocationConstraint of the input's CreateBucketConfiguration. */
static char *
s3_location_constraint(struct sbx_call *c)
{
	const char *v = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(
	    sbx_in(c, "CreateBucketConfiguration"), "LocationConstraint"));

	return v != NULL && *v != '\0' ? hs_xstrdup(v) : NULL;
}

/* Apply S3's location-constraint rules for the request's region. */
static int
s3_check_location(struct sbx_call *c, const char *lc)
{
	bool global = strcmp(c->region, "us-east-1") == 0;

	if (lc != NULL && (!s3_region_like(lc) || strcmp(lc, "us-east-1") == 0)) {
		sbx_fail(c, 400, "InvalidLocationConstraint", "The specified "
		    "location-constraint is not valid");
		sbx_fail_field(c, "LocationConstraint", lc);
		return -1;
	}
	if (global || (lc != NULL && strcmp(lc, c->region) == 0))
		return 0;
	return sbx_fail(c, 400, "IllegalLocationConstraintException", "The %s "
	    "location constraint is incompatible for the region specific "
	    "endpoint this request was sent to.", lc ? lc : "unspecified");
}

/* Answer a created bucket: its Location. */
static void
s3_created(struct sbx_call *c)
{
	char *loc = hs_xasprintf("/%s", c->bucket);

	c->output = cJSON_CreateObject();
	cJSON_AddStringToObject(c->output, "Location", loc);
	free(loc);
}

/* Answer a bucket that exists already. */
static int
s3_bucket_exists(struct sbx_call *c, const char *owner)
{
	if (strcmp(owner, c->who->account) != 0) {
		sbx_fail(c, 409, "BucketAlreadyExists", "The requested bucket "
		    "name is not available. The bucket namespace is shared by "
		    "all users of the system. Please select a different name "
		    "and try again.");
	} else if (strcmp(c->region, "us-east-1") == 0) {
		/* S3's legacy answer in North Virginia: 200 OK */
		s3_created(c);
		return 0;
	} else
		sbx_fail(c, 409, "BucketAlreadyOwnedByYou", "Your previous "
		    "request to create the named bucket succeeded and you "
		    "already own it.");
	sbx_fail_field(c, "BucketName", c->bucket);
	return -1;
}

/* Check the name and the location, then authorize, a CreateBucket. */
static int
s3_create_check(struct sbx_call *c, char **lc)
{
	if (c->anonymous)
		return sbx_fail(c, 403, "AccessDenied", "Access Denied");
	if (!sbx_s3_bucket_name_valid(c->bucket)) {
		sbx_fail(c, 400, "InvalidBucketName", "The specified bucket is "
		    "not valid.");
		sbx_fail_field(c, "BucketName", c->bucket);
		return -1;
	}
	*lc = s3_location_constraint(c);
	if (s3_check_location(c, *lc) != 0)
		return -1;
	return sbx_s3_authorize(c, NULL, "s3:CreateBucket", NULL);
}

/* CreateBucket. */
int
sbx_s3_create_bucket(struct sbx_call *c)
{
	struct sbx_bucket b = { 0 };
	char *lc = NULL, *owner = NULL, *cause = NULL;
	int r, rc = -1;

	if (s3_create_check(c, &lc) != 0)
		goto cleanup;
	b.name = c->bucket;
	b.created_ms = c->now_ms;
	b.region = lc;
	b.owner = c->who->account;
	r = sbx_s3_bucket_create(c->sb->store, &b, &owner, &cause);
	if (r < 0) {
		sbx_s3_internal(c, cause);
		goto cleanup;
	}
	if (r == 1) {
		rc = s3_bucket_exists(c, owner);
		goto cleanup;
	}
	if (sbx_s3_bucket_set(c->sb->store, c->bucket, "encryption",
	    S3_DEFAULT_ENCRYPTION, &cause) < 0 ||
	    sbx_s3_bucket_set(c->sb->store, c->bucket, "public_access",
	    S3_DEFAULT_PAB, &cause) < 0) {
		sbx_s3_internal(c, cause);
		goto cleanup;
	}
	s3_created(c);
	rc = 0;
cleanup:
	free(lc);
	free(owner);
	return rc;
}

/* HeadBucket. */
int
sbx_s3_head_bucket(struct sbx_call *c)
{
	struct sbx_bucket b = { 0 };
	int rc = -1;

	if (sbx_s3_bucket_load(c, &b) != 0)
		return -1;
	if (sbx_s3_authorize(c, &b, "s3:ListBucket", NULL) == 0) {
		c->output = cJSON_CreateObject();
		cJSON_AddStringToObject(c->output, "BucketRegion", b.region ?
		    b.region : "us-east-1");
		cJSON_AddBoolToObject(c->output, "AccessPointAlias", false);
		rc = 0;
	}
	sbx_bucket_clear(&b);
	return rc;
}

/* GetBucketLocation: empty for us-east-1, as S3 answers. */
int
sbx_s3_get_bucket_location(struct sbx_call *c)
{
	struct sbx_bucket b = { 0 };
	int rc = -1;

	if (sbx_s3_bucket_load(c, &b) != 0)
		return -1;
	if (sbx_s3_authorize(c, &b, "s3:GetBucketLocation", NULL) == 0) {
		c->output = cJSON_CreateObject();
		if (b.region != NULL)
			cJSON_AddStringToObject(c->output, "LocationConstraint",
			    b.region);
		rc = 0;
	}
	sbx_bucket_clear(&b);
	return rc;
}

/* DeleteBucket: 204, or BucketNotEmpty. */
int
sbx_s3_delete_bucket(struct sbx_call *c)
{
	struct sbx_bucket b = { 0 };
	char *cause = NULL;
	int r, rc = -1;

	if (sbx_s3_bucket_load(c, &b) != 0)
		return -1;
	if (sbx_s3_authorize(c, &b, "s3:DeleteBucket", NULL) != 0)
		goto cleanup;
	r = sbx_s3_bucket_delete(c->sb->store, c->bucket, &cause);
	if (r < 0) {
		sbx_s3_internal(c, cause);
		goto cleanup;
	}
	if (r == 1) {
		sbx_fail(c, 409, "BucketNotEmpty", "The bucket you tried to "
		    "delete is not empty");
		sbx_fail_field(c, "BucketName", c->bucket);
		goto cleanup;
	}
	c->output = cJSON_CreateObject();	/* 204, as the model says */
	rc = 0;
cleanup:
	sbx_bucket_clear(&b);
	return rc;
}
