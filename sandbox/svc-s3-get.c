/*
 * svc-s3-get.c: GetObject and HeadObject, with S3's conditional requests
 * (If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since, in
 * RFC 7232's order of precedence), single byte ranges (206, 416
 * InvalidRange; a malformed Range is ignored, as S3 does) and the
 * response-* overrides, all read from the decoded input (IfMatch, ...,
 * Range, ResponseContentType...). The answer's headers are members of
 * c->output (LastModified, ETag, ContentType, Metadata, ContentRange...);
 * bodies stream from the blob, decrypted chunk by chunk.
 */
#include "hs-common.h"
#include "s3.h"

#include "aws/protocol.h"

#include <ctype.h>

/* The seconds of a timestamp member of the input (an ISO 8601 string,
 * as the model decodes it); -1 when absent. */
static int64_t
s3_in_time(const struct sbx_call *c, const char *member)
{
	const char *v = sbx_in_str(c, member);
	struct aws_time t;

	if (v == NULL || aws_time_parse(v, &t) != 0)
		return -1;
	return t.sec;
}

/* Tell whether an If-Match / If-None-Match list names etag (or is *). */
static bool
s3_etag_listed(const char *list, const char *etag)
{
	size_t n = strlen(etag);
	const char *p;

	if (strcmp(list, "*") == 0)
		return true;
	for (p = strstr(list, etag); p != NULL; p = strstr(p + 1, etag)) {
		bool left = p == list || p[-1] == '"' || p[-1] == ' ' ||
		    p[-1] == ',';
		bool right = p[n] == '\0' || p[n] == '"' || p[n] == ',' ||
		    p[n] == ' ';
		if (left && right)
			return true;
	}
	return false;
}

/* Answer 412 PreconditionFailed for a condition. */
static int
s3_precondition_failed(struct sbx_call *c, const char *cond)
{
	sbx_fail(c, 412, "PreconditionFailed", "At least one of the "
	    "pre-conditions you specified did not hold");
	sbx_fail_field(c, "Condition", cond);
	return -1;
}

/* Apply the input's conditions (IfMatch, IfUnmodifiedSince, IfNoneMatch,
 * IfModifiedSince): 0 to go on, 1 for 304, -1 for 412. */
static int
s3_conditions(struct sbx_call *c, const struct sbx_object *o)
{
	const char *im = sbx_in_str(c, "IfMatch");
	const char *inm = sbx_in_str(c, "IfNoneMatch");
	int64_t ims = s3_in_time(c, "IfModifiedSince");
	int64_t ius = s3_in_time(c, "IfUnmodifiedSince");
	int64_t mtime = o->mtime_ms / 1000;

	if (im != NULL && !s3_etag_listed(im, o->etag))
		return s3_precondition_failed(c, "If-Match");
	if (im == NULL && ius >= 0 && mtime > ius)
		return s3_precondition_failed(c, "If-Unmodified-Since");
	if (inm != NULL && s3_etag_listed(inm, o->etag))
		return 1;
	if (inm == NULL && ims >= 0 && mtime <= ims)
		return 1;
	return 0;
}

/* Parse "bytes=A-B", "bytes=A-" or "bytes=-N"; false when malformed or
 * unsatisfiable (*unsatisfiable tells which). */
HS_STATIC bool
s3_parse_range(const char *r, uint64_t size, uint64_t *first, uint64_t *last,
    bool *unsatisfiable)
{
	unsigned long long a = 0, b = 0;
	const char *p;
	char *end;

	*unsatisfiable = false;
	if (strncmp(r, "bytes=", 6) != 0 || strchr(r, ',') != NULL)
		return false;
	p = r + 6;
	if (*p == '-') {
		b = strtoull(p + 1, &end, 10);
		if (end == p + 1 || *end != '\0')
			return false;
		if (b == 0 || size == 0)
			{ *unsatisfiable = true; return false; }
		*first = b >= size ? 0 : size - b;
		*last = size - 1;
		return true;
	}
	if (!isdigit((unsigned char)*p))
		return false;
	a = strtoull(p, &end, 10);
	if (*end != '-')
		return false;
	if (a >= size)
		{ *unsatisfiable = true; return false; }
	p = end + 1;
	b = *p ? strtoull(p, &end, 10) : size - 1;
	if (*p && *end != '\0')
		return false;
	if (b < a)
		return false;
	*first = a;
	*last = b >= size ? size - 1 : b;
	return true;
}

/* Start the output with what identifies the object's content: its
 * LastModified and quoted ETag (all a 304 carries). */
static void
s3_object_identity(struct sbx_call *c, const struct sbx_object *o)
{
	char when[40], *quoted = hs_xasprintf("\"%s\"", o->etag);

	sbx_iso_date(o->mtime_ms, when);
	cJSON_AddStringToObject(sbx_s3_output(c), "LastModified", when);
	cJSON_AddStringToObject(c->output, "ETag", quoted);
	free(quoted);
}

/* Replace an output member with the input's response-* override. */
static void
s3_override(struct sbx_call *c, const char *in, const char *out)
{
	const char *v = sbx_in_str(c, in);

	if (v == NULL)
		return;
	cJSON_DeleteItemFromObjectCaseSensitive(c->output, out);
	cJSON_AddStringToObject(c->output, out, v);
}

/* Put the object's answer members (both Get and Head) into the output:
 * identity, kept headers and metadata, encryption, the response-*
 * overrides of the input. */
static void
s3_object_headers(struct sbx_call *c, const struct sbx_object *o)
{
	static const char *const over[][2] = {
		{ "ResponseCacheControl", "CacheControl" },
		{ "ResponseContentDisposition", "ContentDisposition" },
		{ "ResponseContentEncoding", "ContentEncoding" },
		{ "ResponseContentLanguage", "ContentLanguage" },
		{ "ResponseContentType", "ContentType" },
		{ "ResponseExpires", "Expires" },
	};
	size_t i;

	s3_object_identity(c, o);
	sbx_s3_headers_answer(c, o->headers);
	sbx_s3_sse_headers(c, o->sse, o->kms_key);
	cJSON_AddStringToObject(c->output, "AcceptRanges", "bytes");
	for (i = 0; i < HS_ARRAY_SIZE(over); i++)
		s3_override(c, over[i][0], over[i][1]);
}

/* Answer 416 InvalidRange. */
static int
s3_invalid_range(struct sbx_call *c, const char *range, uint64_t size)
{
	char n[32];

	snprintf(n, sizeof n, "%llu", (unsigned long long)size);
	sbx_fail(c, 416, "InvalidRange", "The requested range is not "
	    "satisfiable");
	sbx_fail_field(c, "RangeRequested", range);
	sbx_fail_field(c, "ActualObjectSize", n);
	/* an error's header: errors have no output members */
	sbx_headerf(c, "Content-Range", "bytes */%s", n);
	return -1;
}

/* Pick the bytes to send: the whole object or the input's Range; a
 * range answers 206 with its ContentRange. */
static int
s3_select_bytes(struct sbx_call *c, const struct sbx_object *o)
{
	const char *range = sbx_in_str(c, "Range");
	uint64_t first = 0, last = 0;
	char *cr;
	bool unsat;

	c->stream_offset = 0;
	c->stream_length = o->size;
	if (range == NULL)
		return 0;
	if (!s3_parse_range(range, o->size, &first, &last, &unsat))
		return unsat ? s3_invalid_range(c, range, o->size) : 0;
	c->status = 206;
	c->stream_offset = first;
	c->stream_length = last - first + 1;
	cr = hs_xasprintf("bytes %llu-%llu/%llu", (unsigned long long)first,
	    (unsigned long long)last, (unsigned long long)o->size);
	cJSON_AddStringToObject(sbx_s3_output(c), "ContentRange", cr);
	free(cr);
	return 0;
}

/* Load and authorize the object of a Get or Head. */
static int
s3_load_object(struct sbx_call *c, struct sbx_object *o)
{
	struct sbx_bucket b = { 0 };
	char *cause = NULL;
	int r, rc = -1;
	const char *version = sbx_in_str(c, "VersionId");

	if (sbx_in(c, "PartNumber") != NULL ||
	    (version != NULL && strcmp(version, "null") != 0))
		return sbx_fail(c, 501, "NotImplemented", "A header you "
		    "provided implies functionality that is not implemented");
	if (sbx_s3_bucket_load(c, &b) != 0)
		return -1;
	if (sbx_s3_authorize(c, &b, "s3:GetObject", c->key) != 0)
		goto cleanup;
	r = sbx_s3_object_get(c->sb->store, c->bucket, c->key, o, &cause);
	if (r < 0)
		sbx_s3_internal(c, cause);
	else if (r == 1 && !sbx_s3_allowed(c, &b, "s3:ListBucket", NULL))
		/* S3 tells a missing key only to callers who may list */
		sbx_fail(c, 403, "AccessDenied", "Access Denied");
	else if (r == 1) {
		sbx_fail(c, 404, "NoSuchKey", "The specified key does not "
		    "exist.");
		sbx_fail_field(c, "Key", c->key);
	} else
		rc = 0;
cleanup:
	sbx_bucket_clear(&b);
	return rc;
}

/* Serve a Get (head false) or a Head (head true). */
static int
s3_get_or_head(struct sbx_call *c, bool head)
{
	struct sbx_object o = { 0 };
	char *cause = NULL;
	int r, rc = -1;

	if (s3_load_object(c, &o) != 0)
		goto cleanup;
	r = s3_conditions(c, &o);
	if (r < 0)
		goto cleanup;
	if (r == 1) {
		s3_object_identity(c, &o);
		c->status = 304;
		rc = 0;
		goto cleanup;
	}
	if (s3_select_bytes(c, &o) != 0)
		goto cleanup;
	s3_object_headers(c, &o);
	if (head)
		c->head_length_only = true;
	else if (sbx_blob_open(c->sb, o.blob, o.encrypted, o.size, &c->stream,
	    &cause) != 0) {
		sbx_s3_internal(c, cause);
		goto cleanup;
	}
	rc = 0;
cleanup:
	sbx_object_clear(&o);
	return rc;
}

/* GetObject. */
int
sbx_s3_get_object(struct sbx_call *c)
{
	return s3_get_or_head(c, false);
}

/* HeadObject. */
int
sbx_s3_head_object(struct sbx_call *c)
{
	return s3_get_or_head(c, true);
}
