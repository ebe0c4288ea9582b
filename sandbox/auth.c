/*
 * auth.c: every request is authenticated with the shared SigV4 verifier
 * (aws/sigv4.h), in header or presigned form, against the principals of
 * creds.c. The verifier names the AWS error of each failure for the
 * service's family; S3 errors also carry the members S3 adds
 * (AWSAccessKeyId, StringToSign, CanonicalRequest, RequestTime...).
 * An unsigned S3 request is anonymous: the bucket policy decides. An
 * aws-chunked body is decoded here, right after its headers are verified,
 * so every chunk signature is checked before any handler sees the body.
 */
#include "hs-common.h"
#include "svc.h"

#include "aws/credentials.h"
#include "aws/sigv4.h"

/* The verifier's lookup: the secret (and token) of an access key. */
static int
auth_lookup(void *arg, const char *access_key_id,
    struct aws_credentials **out, char **cause)
{
	struct sbx_call *c = arg;
	struct sbx_principal *p;
	bool expired;

	p = sbx_creds_lookup(c->sb, access_key_id, c->now, &expired);
	*out = NULL;
	if (p == NULL)
		return 0;
	*out = aws_credentials_new(p->access_key, p->secret, p->session_token,
	    p->expiration, "sandbox");
	sbx_principal_free(p);
	return 0;
}

/* The verifier's error vocabulary for the service. */
static enum sigv4_family
auth_family(const struct sbx_service *svc)
{
	switch (svc->protocol) {
	case SBX_PROTO_REST_XML:
		return SIGV4_FAMILY_S3;
	case SBX_PROTO_QUERY:
		return SIGV4_FAMILY_QUERY;
	default:
		return SIGV4_FAMILY_JSON;
	}
}

/* Add the members S3 puts in its authentication errors. */
static void
auth_s3_fields(struct sbx_call *c, const struct sigv4_verify_result *res)
{
	char t[40];

	switch (res->status) {
	case SIGV4_ERR_UNKNOWN_KEY:
		if (res->access_key_id != NULL)
			sbx_fail_field(c, "AWSAccessKeyId", res->access_key_id);
		break;
	case SIGV4_ERR_SIGNATURE:
		if (res->access_key_id != NULL)
			sbx_fail_field(c, "AWSAccessKeyId", res->access_key_id);
		if (res->string_to_sign != NULL)
			sbx_fail_field(c, "StringToSign", res->string_to_sign);
		if (res->canonical_request != NULL)
			sbx_fail_field(c, "CanonicalRequest",
			    res->canonical_request);
		break;
	case SIGV4_ERR_CHUNK_SIZE:
		snprintf(t, sizeof t, "%lu", res->chunk_number);
		sbx_fail_field(c, "Chunk", t);
		snprintf(t, sizeof t, "%llu", (unsigned long long)res->chunk_size);
		sbx_fail_field(c, "BadChunkSize", t);
		break;
	case SIGV4_ERR_SKEW: {
		struct tm tm;
		hs_gmtime(res->request_time, &tm);
		strftime(t, sizeof t, "%Y%m%dT%H%M%SZ", &tm);
		sbx_fail_field(c, "RequestTime", t);
		sbx_iso_date(c->now_ms, t);
		sbx_fail_field(c, "ServerTime", t);
		sbx_fail_field(c, "MaxAllowedSkewMilliseconds", "900000");
		break;
	}
	default:
		break;
	}
}

/* Refuse a request the verifier did not accept. */
static int
auth_refuse(struct sbx_call *c, const struct sigv4_verify_result *res)
{
	sbx_fail(c, res->http_status ? res->http_status : 403,
	    res->code ? res->code : "AccessDenied", "%s",
	    res->message ? res->message : "Access Denied");
	if (c->svc->protocol == SBX_PROTO_REST_XML)
		auth_s3_fields(c, res);
	return -1;
}

/* Remove "aws-chunked" from Content-Encoding, as S3 does once decoded. */
static void
auth_strip_aws_chunked(struct sbx_call *c)
{
	const char *enc = aws_kvlist_get(&c->req.headers, "Content-Encoding");
	struct hs_buf kept = HS_BUF_INIT;
	char *copy, *save = NULL, *tok;

	if (enc == NULL)
		return;
	copy = hs_xstrdup(enc);
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		tok += strspn(tok, " ");
		if (*tok == '\0' || strcmp(tok, "aws-chunked") == 0)
			continue;
		if ((kept.len > 0 && hs_buf_adds(&kept, ",") != 0) ||
		    hs_buf_adds(&kept, tok) != 0)
			break;
	}
	if (kept.len == 0)
		aws_kvlist_del(&c->req.headers, "Content-Encoding");
	else
		aws_kvlist_set(&c->req.headers, "Content-Encoding", kept.buf);
	hs_buf_release(&kept);
	free(copy);
}

/* Decode and check an aws-chunked body; its trailers become headers. */
static int
auth_dechunk(struct sbx_call *c, struct sigv4_verify_result *res)
{
	const struct aws_kvlist *t;
	size_t i;

	if (sbx_body_dechunk(c, res) != 0) {
		if (res->status != SIGV4_OK)
			return auth_refuse(c, res);
		return sbx_fail(c, 500, "InternalError", "We encountered an "
		    "internal error. Please try again.");
	}
	t = sigv4_chunked_trailers(res);
	for (i = 0; i < t->n; i++)
		aws_kvlist_set(&c->req.headers, t->items[i].name,
		    t->items[i].value);
	auth_strip_aws_chunked(c);
	c->body_dechunked = true;
	return 0;
}

/* Refuse the temporary credentials of an expired STS session. */
static int
auth_expired(struct sbx_call *c)
{
	if (c->svc->protocol == SBX_PROTO_REST_XML)
		return sbx_fail(c, 400, "ExpiredToken",
		    "The provided token has expired.");
	if (c->svc->protocol == SBX_PROTO_QUERY)
		return sbx_fail(c, 403, "ExpiredToken", "The security token "
		    "included in the request is expired");
	return sbx_fail(c, 400, "ExpiredTokenException", "The security token "
	    "included in the request is expired");
}

/* Refuse Signature Version 2 (header "AWS AK:sig" or query
 * AWSAccessKeyId/Signature), as S3 does where only SigV4 is supported. */
static int
auth_refuse_sigv2(struct sbx_call *c)
{
	const char *h = aws_kvlist_get(&c->req.headers, "Authorization");

	if ((h != NULL && hs_starts_with(h, "AWS ")) ||
	    (aws_kvlist_get_exact(&c->req.query, "AWSAccessKeyId") != NULL &&
	    aws_kvlist_get_exact(&c->req.query, "Signature") != NULL))
		return sbx_fail(c, 400, "InvalidRequest", "The authorization "
		    "mechanism you have provided is not supported. Please use "
		    "AWS4-HMAC-SHA256.");
	return 0;
}

/* Verify the request's signature and set c->who (or c->anonymous). */
int
sbx_auth(struct sbx_call *c)
{
	struct sigv4_verify_params vp = { auth_family(c->svc), NULL,
	    c->svc->name, c->now, auth_lookup, c, NULL };
	struct sigv4_verify_result res = SIGV4_VERIFY_RESULT_INIT;
	char *cause = NULL;
	bool expired = false;
	int rc = -1;

	if (c->svc->protocol == SBX_PROTO_REST_XML && auth_refuse_sigv2(c) != 0)
		return -1;
	if (sigv4_verify(&c->req, &vp, &res, &cause) != 0) {
		sbx_fail(c, 500, "InternalError", "We encountered an internal "
		    "error. Please try again.");
		goto cleanup;
	}
	c->region = hs_xstrdup(res.region ? res.region : "us-east-1");
	if (res.status == SIGV4_ERR_MISSING &&
	    c->svc->protocol == SBX_PROTO_REST_XML) {
		c->anonymous = true;
		rc = 0;
		goto cleanup;
	}
	if (res.status != SIGV4_OK) {
		auth_refuse(c, &res);
		goto cleanup;
	}
	if (res.chunked != NULL && auth_dechunk(c, &res) != 0)
		goto cleanup;
	c->who = sbx_creds_lookup(c->sb, res.access_key_id, c->now, &expired);
	if (c->who == NULL || expired) {
		auth_expired(c);
		goto cleanup;
	}
	rc = 0;
cleanup:
	free(cause);
	sigv4_verify_result_clear(&res);
	return rc;
}
