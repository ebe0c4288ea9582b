/*
 * s3-route.c: which S3 operation a request is, and its input. The bucket
 * comes from the Host (virtual-hosted style, BUCKET.localhost:PORT) or
 * from the first path segment (path style); the key is the rest of the
 * path, decoded once. The shared protocol code then finds the operation
 * in the S3 model from the path-style form of the request (method,
 * requestUri, the query's sub-resource, required headers such as
 * x-amz-copy-source) and decodes its input (c->input, the model's member
 * names) as it does for every other service. An operation S3 has but the
 * sandbox does not serve answers 501 NotImplemented, as S3 does for
 * features it lacks.
 */
#include "hs-common.h"
#include "s3.h"
#include "api.h"

#include "aws/model.h"
#include "aws/protocol.h"

#include <ctype.h>
#include <strings.h>

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

/* Find c->bucket and c->key from the Host and the path; *vhost tells
 * whether the bucket came from the Host. */
static int
s3_bucket_key(struct sbx_call *c, bool *vhost)
{
	const char *path = c->req.path, *slash;

	c->bucket = s3_host_bucket(c->req.host ? c->req.host : "");
	*vhost = c->bucket != NULL;
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

/* The request in path style ("/BUCKET/KEY"), as the model's requestUri
 * reads it: a virtual-hosted request gets its bucket in front. */
static char *
s3_path_style(const struct sbx_call *c, bool virtual_hosted)
{
	struct hs_buf b = HS_BUF_INIT;

	if (!virtual_hosted)
		return hs_xstrdup(c->req.path);
	hs_buf_addch(&b, '/');
	aws_uri_encode(&b, c->bucket, strlen(c->bucket), true);
	hs_buf_adds(&b, c->req.path);
	return hs_buf_detach(&b, NULL);
}

/* Answer a method the resource does not have (405 MethodNotAllowed). */
static int
s3_method_not_allowed(struct sbx_call *c)
{
	const char *m = c->req.method;

	sbx_fail(c, 405, "MethodNotAllowed", "The specified method is "
	    "not allowed against this resource.");
	sbx_fail_field(c, "Method", m);
	sbx_fail_field(c, "ResourceType", c->key ? "OBJECT" :
	    c->bucket ? "BUCKET" : "SERVICE");
	return -1;
}

/* The input's payload member (PutObject's Body, PutBucketPolicy's
 * Policy, CreateBucket's CreateBucketConfiguration), or NULL. */
static const struct aws_member *
s3_payload(const struct aws_operation *op)
{
	const struct aws_ref *in = &op->input;

	if (in->shape == NULL || in->traits->payload == NULL)
		return NULL;
	return aws_model_find_member(in->shape, in->traits->payload);
}

/* Conditional request headers whose date a server ignores when it is
 * not a date (RFC 7232 3.3 and 3.4; S3 does). */
static const char *const s3_lenient_dates[] = {
	"If-Modified-Since", "If-Unmodified-Since",
	"x-amz-copy-source-if-modified-since",
	"x-amz-copy-source-if-unmodified-since",
};

/* Tell whether a header is a conditional date that is not a date. */
static bool
s3_bad_condition_date(const struct aws_kv *kv)
{
	struct aws_time t;
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(s3_lenient_dates); i++)
		if (strcasecmp(kv->name, s3_lenient_dates[i]) == 0)
			return aws_time_parse(kv->value ? kv->value : "",
			    &t) != 0;
	return false;
}

/* The request's headers without conditional dates that are not dates,
 * so that they are ignored rather than refused. */
static void
s3_condition_headers(const struct aws_kvlist *in, struct aws_kvlist *out)
{
	size_t i;

	for (i = 0; i < in->n; i++)
		if (!s3_bad_condition_date(&in->items[i]))
			aws_kvlist_add(out, in->items[i].name,
			    in->items[i].value);
}

/* Decode the input of the operation from the path-style request. An
 * object body (a blob payload: PutObject, UploadPart) stays where it is
 * for sbx_s3_store_body to stream; any other body (an XML document, a
 * policy) is read into memory first. */
static int
s3_input(struct sbx_call *c, const struct aws_request *r)
{
	const struct aws_member *p = s3_payload(c->model_op);
	bool blob = p != NULL && p->ref.shape->type == AWS_SHAPE_BLOB;
	bool xml = p == NULL || p->ref.shape->type == AWS_SHAPE_STRUCTURE;
	struct aws_request tmp = *r;
	struct aws_kvlist headers = AWS_KVLIST_INIT;
	char *cause = NULL;
	int rc;

	if (!blob && c->body_len > SBX_S3_MAX_XML_BODY)
		return sbx_fail(c, 400, "MaxMessageLengthExceeded", "Your "
		    "request was too big.");
	if (!blob && sbx_api_body_in_memory(c, SBX_S3_MAX_XML_BODY) != 0)
		return -1;
	tmp.body = c->req.body;
	tmp.body_kind = blob ? AWS_BODY_NONE : c->req.body_kind;
	s3_condition_headers(&c->req.headers, &headers);
	tmp.headers = headers;
	rc = aws_protocol_decode_request(c->model_op, &tmp, &c->input, &cause);
	aws_kvlist_clear(&headers);
	if (rc == 0)
		return 0;
	if (xml && tmp.body_kind == AWS_BODY_MEMORY && tmp.body.len > 0 &&
	    c->model_op->input.shape != NULL)
		sbx_s3_malformed_xml(c);
	else
		sbx_fail(c, 400, "InvalidArgument", "%s", cause);
	free(cause);
	return -1;
}

/* Find the model's operation of the path-style request r. */
static int
s3_find(struct sbx_call *c, const struct aws_request *r)
{
	const struct aws_service *m;
	char *cause = NULL;

	m = aws_model_get(c->svc->model, &cause);
	if (m == NULL) {
		free(cause);
		return sbx_fail(c, 500, "InternalError", "The sandbox cannot "
		    "load the S3 service model.");
	}
	c->model_op = aws_protocol_find_operation(m, r, &cause);
	free(cause);
	if (c->model_op == NULL)
		return s3_method_not_allowed(c);
	c->op_name = c->model_op->name;
	c->op = sbx_op_find(c->svc, c->model_op->name);
	if (c->op == NULL)
		return sbx_fail(c, 501, "NotImplemented", "A header you "
		    "provided implies functionality that is not implemented");
	return 0;
}

/* Find the operation of c->req (c->bucket, c->key, c->op) and decode its
 * input (c->input). */
int
sbx_s3_resolve(struct sbx_call *c)
{
	struct aws_request r;
	bool vhost;
	int rc;

	if (s3_bucket_key(c, &vhost) != 0)
		return sbx_fail(c, 400, "InvalidURI",
		    "Couldn't parse the specified URI.");
	r = c->req;
	r.path = s3_path_style(c, vhost);
	rc = s3_find(c, &r);
	if (rc == 0)
		rc = s3_input(c, &r);
	free(r.path);
	return rc;
}
