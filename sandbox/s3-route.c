/*
 * s3-route.c: which S3 operation a request is. The bucket comes from the
 * Host (virtual-hosted style, BUCKET.localhost:PORT) or from the first
 * path segment (path style); the key is the rest of the path, decoded
 * once. The operation follows from the method, whether there is a bucket
 * and a key, the sub-resource in the query (?uploads, ?policy...) and
 * x-amz-copy-source. A sub-resource S3 has but the sandbox does not serve
 * answers 501 NotImplemented, as S3 does for features it lacks.
 */
#include "hs-common.h"
#include "s3.h"

#include <ctype.h>
#include <strings.h>

/* S3 sub-resources the sandbox does not serve. */
static const char *const s3_unserved[] = {
	"accelerate", "acl", "analytics", "attributes", "cors",
	"intelligent-tiering", "inventory", "legal-hold", "lifecycle",
	"logging", "metadataTable", "metrics", "object-lock",
	"ownershipControls", "policyStatus", "replication", "requestPayment",
	"restore", "retention", "select", "session", "torrent", "versions",
	"website",
};

/* Tell whether a bucket name follows S3's rules. */
bool
sbx_s3_bucket_name_valid(const char *name)
{
	size_t len = strlen(name), i;
	int dots = 0, digits_only = 1;

	if (len < 3 || len > 63 || (!islower((unsigned char)name[0]) &&
	    !isdigit((unsigned char)name[0])))
		return false;
	if (!islower((unsigned char)name[len - 1]) &&
	    !isdigit((unsigned char)name[len - 1]))
		return false;
	for (i = 0; i < len; i++) {
		char ch = name[i];
		if (!islower((unsigned char)ch) && !isdigit((unsigned char)ch) &&
		    ch != '.' && ch != '-')
			return false;
		if (ch == '.' && (name[i + 1] == '.' || name[i + 1] == '-' ||
		    (i > 0 && name[i - 1] == '-')))
			return false;
		dots += ch == '.';
		if (ch != '.' && !isdigit((unsigned char)ch))
			digits_only = 0;
	}
	if (dots == 3 && digits_only)
		return false;	/* formatted as an IP address */
	return !hs_starts_with(name, "xn--") && !hs_starts_with(name, "sthree-") &&
	    !hs_ends_with(name, "-s3alias") && !hs_ends_with(name, "--ol-s3");
}

/* The bucket of a virtual-hosted style Host ("b.localhost:4566"), or NULL. */
HS_STATIC char *
s3_host_bucket(const char *host)
{
	const char *colon = strrchr(host, ':'), *dot;
	size_t len = colon && !strchr(host, ']') ? (size_t)(colon - host) :
	    strlen(host);
	static const char suffix[] = ".localhost";

	if (len <= sizeof suffix - 1 ||
	    strncasecmp(host + len - (sizeof suffix - 1), suffix,
	    sizeof suffix - 1) != 0)
		return NULL;
	dot = host + len - (sizeof suffix - 1);
	if (dot > host + 3 && strncasecmp(dot - 3, ".s3", 3) == 0)
		dot -= 3;	/* BUCKET.s3.localhost */
	return dot > host ? hs_xstrndup(host, (size_t)(dot - host)) : NULL;
}

/* Decode a piece of the path into a string; -1 when malformed. */
static int
s3_decode(const char *s, size_t len, char **out)
{
	struct hs_buf b = HS_BUF_INIT;

	if (aws_uri_decode(&b, s, len, false) != 0 || memchr(b.buf, '\0',
	    b.len) != NULL) {
		hs_buf_release(&b);
		return -1;
	}
	*out = hs_buf_detach(&b, NULL);
	return 0;
}

/* Find c->bucket and c->key from the Host and the path. */
static int
s3_bucket_key(struct sbx_call *c)
{
	const char *path = c->req.path, *slash;

	c->bucket = s3_host_bucket(c->req.host ? c->req.host : "");
	if (*path == '/')
		path++;
	if (c->bucket == NULL && *path != '\0') {
		slash = strchr(path, '/');
		if (s3_decode(path, slash ? (size_t)(slash - path) :
		    strlen(path), &c->bucket) != 0)
			return -1;
		path = slash ? slash + 1 : path + strlen(path);
	}
	if (*path != '\0' && s3_decode(path, strlen(path), &c->key) != 0)
		return -1;
	return 0;
}

/* The served-or-not sub-resource in the query, if any. */
static const char *
s3_unserved_subresource(const struct sbx_call *c)
{
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(s3_unserved); i++)
		if (aws_kvlist_get_exact(&c->req.query, s3_unserved[i]) != NULL)
			return s3_unserved[i];
	return NULL;
}

/* True when the query has the parameter name. */
static bool
q(const struct sbx_call *c, const char *name)
{
	return aws_kvlist_get_exact(&c->req.query, name) != NULL;
}

/* The operation on a bucket (no key). */
static const char *
s3_bucket_op(const struct sbx_call *c, const char *m)
{
	static const char *const sub[][5] = {
		/* query,            PUT,                     GET,                      DELETE */
		{ "policy", "PutBucketPolicy", "GetBucketPolicy", "DeleteBucketPolicy" },
		{ "encryption", "PutBucketEncryption", "GetBucketEncryption", "DeleteBucketEncryption" },
		{ "publicAccessBlock", "PutPublicAccessBlock", "GetPublicAccessBlock", "DeletePublicAccessBlock" },
		{ "tagging", "PutBucketTagging", "GetBucketTagging", "DeleteBucketTagging" },
		{ "versioning", "PutBucketVersioning", "GetBucketVersioning", NULL },
		{ "location", NULL, "GetBucketLocation", NULL },
		{ "uploads", NULL, "ListMultipartUploads", NULL },
		{ "notification", "PutBucketNotificationConfiguration",
		    "GetBucketNotificationConfiguration", NULL },
	};
	size_t i;
	int col = strcmp(m, "PUT") == 0 ? 1 : strcmp(m, "GET") == 0 ? 2 :
	    strcmp(m, "DELETE") == 0 ? 3 : 0;

	for (i = 0; col != 0 && i < HS_ARRAY_SIZE(sub); i++)
		if (q(c, sub[i][0]))
			return sub[i][col];
	if (strcmp(m, "POST") == 0)
		return q(c, "delete") ? "DeleteObjects" : NULL;
	if (strcmp(m, "HEAD") == 0)
		return "HeadBucket";
	if (col == 1)
		return "CreateBucket";
	if (col == 2)
		return aws_kvlist_get_exact(&c->req.query, "list-type") &&
		    strcmp(aws_kvlist_get_exact(&c->req.query, "list-type"),
		    "2") == 0 ? "ListObjectsV2" : "ListObjects";
	return col == 3 ? "DeleteBucket" : NULL;
}

/* The operation on an object. */
static const char *
s3_object_op(const struct sbx_call *c, const char *m)
{
	bool copy = aws_kvlist_get(&c->req.headers, "x-amz-copy-source") != NULL;

	if (strcmp(m, "PUT") == 0) {
		if (q(c, "uploadId") || q(c, "partNumber"))
			return copy ? "UploadPartCopy" : "UploadPart";
		if (q(c, "tagging"))
			return "PutObjectTagging";
		return copy ? "CopyObject" : "PutObject";
	}
	if (strcmp(m, "GET") == 0) {
		if (q(c, "tagging"))
			return "GetObjectTagging";
		return q(c, "uploadId") ? "ListParts" : "GetObject";
	}
	if (strcmp(m, "HEAD") == 0)
		return "HeadObject";
	if (strcmp(m, "DELETE") == 0) {
		if (q(c, "tagging"))
			return "DeleteObjectTagging";
		return q(c, "uploadId") ? "AbortMultipartUpload" :
		    "DeleteObject";
	}
	if (strcmp(m, "POST") == 0) {
		if (q(c, "uploads"))
			return "CreateMultipartUpload";
		return q(c, "uploadId") ? "CompleteMultipartUpload" : NULL;
	}
	return NULL;
}

/* Find the operation of c->req (sets c->bucket, c->key, c->op). */
int
sbx_s3_resolve(struct sbx_call *c)
{
	const char *m = c->req.method, *name, *sub;

	if (s3_bucket_key(c) != 0)
		return sbx_fail(c, 400, "InvalidURI",
		    "Couldn't parse the specified URI.");
	if (c->bucket == NULL)
		name = strcmp(m, "GET") == 0 ? "ListBuckets" : NULL;
	else if (c->key == NULL)
		name = s3_bucket_op(c, m);
	else
		name = s3_object_op(c, m);
	if (name == NULL) {
		sbx_fail(c, 405, "MethodNotAllowed", "The specified method is "
		    "not allowed against this resource.");
		sbx_fail_field(c, "Method", m);
		sbx_fail_field(c, "ResourceType", c->key ? "OBJECT" :
		    c->bucket ? "BUCKET" : "SERVICE");
		return -1;
	}
	c->op_name = name;
	sub = s3_unserved_subresource(c);
	c->op = sub ? NULL : sbx_op_find(c->svc, name);
	if (c->op == NULL)
		return sbx_fail(c, 501, "NotImplemented", "A header you "
		    "provided implies functionality that is not implemented");
	return 0;
}
