/*
 * svc-s3-bucket.c: S3 buckets: ListBuckets, CreateBucket (name and
 * location-constraint rules), HeadBucket, GetBucketLocation,
 * DeleteBucket. New buckets get what S3 gives them since 2023: default
 * encryption SSE-S3 (AES256) and all four Block Public Access settings.
 */
#include "hs-common.h"
#include "s3.h"

#include <ctype.h>
#include <libxml/parser.h>

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

	if (sbx_s3_authorize(c, NULL, "s3:ListAllMyBuckets", NULL) != 0)
		return -1;
	if (sbx_s3_bucket_list(c->sb->store, c->who->account, &v, &n,
	    &cause) != 0)
		return sbx_s3_internal(c, cause);
	sbx_s3_canonical_id(c->who->account, canon);
	sbx_s3_xml_begin(c, "ListAllMyBucketsResult");
	(void)hs_buf_adds(&c->body, "<Owner>");
	sbx_xml_elem(&c->body, "ID", canon);
	sbx_xml_elem(&c->body, "DisplayName", c->who->account);
	(void)hs_buf_adds(&c->body, "</Owner><Buckets>");
	for (i = 0; i < n; i++) {
		sbx_iso_date(v[i].created_ms, when);
		(void)hs_buf_adds(&c->body, "<Bucket>");
		sbx_xml_elem(&c->body, "Name", v[i].name);
		sbx_xml_elem(&c->body, "CreationDate", when);
		(void)hs_buf_adds(&c->body, "</Bucket>");
		sbx_bucket_clear(&v[i]);
	}
	(void)hs_buf_adds(&c->body, "</Buckets></ListAllMyBucketsResult>");
	free(v);
	sbx_s3_xml_answer(c, 200);
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

/* The LocationConstraint of the request body; -1 when malformed. */
static int
s3_location_constraint(struct sbx_call *c, char **lc)
{
	xmlDoc *doc;
	const char *v;

	*lc = NULL;
	if (c->req.body_kind == AWS_BODY_NONE || c->body_len == 0)
		return 0;
	if (sbx_s3_parse_body(c, &doc) != 0)
		return -1;
	v = sbx_s3_xml_child(xmlDocGetRootElement(doc), "LocationConstraint");
	if (v != NULL && *v != '\0')
		*lc = hs_xstrdup(v);
	sbx_s3_xml_free(doc);
	return 0;
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
		sbx_headerf(c, "Location", "/%s", c->bucket);
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
	if (s3_location_constraint(c, lc) != 0 || s3_check_location(c, *lc) != 0)
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
	sbx_headerf(c, "Location", "/%s", c->bucket);
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
		sbx_header(c, "x-amz-bucket-region", b.region ? b.region :
		    "us-east-1");
		sbx_header(c, "x-amz-access-point-alias", "false");
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
		sbx_xml_start(&c->body);
		if (b.region != NULL)
			(void)hs_buf_addf(&c->body, "<LocationConstraint "
			    "xmlns=\"%s\">%s</LocationConstraint>", S3_XMLNS,
			    b.region);
		else
			(void)hs_buf_addf(&c->body, "<LocationConstraint "
			    "xmlns=\"%s\"/>", S3_XMLNS);
		sbx_s3_xml_answer(c, 200);
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
	c->status = 204;
	rc = 0;
cleanup:
	sbx_bucket_clear(&b);
	return rc;
}
