/*
 * sigv4-sign.c: sign a request, in the Authorization header or in the
 * query string (presigned URL).
 *
 * The steps follow botocore's SigV4Auth / SigV4QueryAuth / S3SigV4Auth:
 * prepare the headers or query, pick the payload line, build the
 * canonical request and the string to sign, derive the key, then write
 * the signature where it goes.
 */
#include "hs-common.h"
#include "sigv4-int.h"

#include <openssl/crypto.h>

/* Everything one signing computes; wiped at the end. */
struct sign_state {
	const char *region;
	const char *service;
	bool s3;
	char amz_time[SIGV4_TIME_LEN + 1];
	char date[SIGV4_DATE_LEN + 1];
	char *scope;		/* date/region/service/aws4_request */
	char payload[SIGV4_HEX_LEN + 1];
	struct hs_buf signed_headers;
	struct hs_buf canonical;
	struct hs_buf string_to_sign;
	unsigned char key[SIGV4_SHA256_LEN];
	char signature[SIGV4_HEX_LEN + 1];
};

/* The query parameters of a presigned URL, removed before re-signing. */
static const char *const presign_params[] = {
	"X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires",
	"X-Amz-SignedHeaders", "X-Amz-Security-Token", "X-Amz-Signature",
};

/* Check the parameters and pick region and service. */
static int
check_params(const struct aws_request *r, const struct sigv4_params *p,
    struct sign_state *st, char **cause)
{
	const struct aws_credentials *c = p->credentials;

	st->region = p->region ? p->region : r->signing_region;
	st->service = p->service ? p->service : r->signing_service;
	if (c == NULL || c->access_key_id == NULL ||
	    *c->access_key_id == '\0' || c->secret_access_key == NULL) {
		*cause = hs_xstrdup("cannot sign the request: no credentials");
		return -1;
	}
	if (st->region == NULL || *st->region == '\0' ||
	    strchr(st->region, '/') != NULL) {
		*cause = hs_xstrdup("cannot sign the request: no valid "
		    "signing region");
		return -1;
	}
	if (st->service == NULL || *st->service == '\0' ||
	    strchr(st->service, '/') != NULL) {
		*cause = hs_xstrdup("cannot sign the request: no valid "
		    "signing service");
		return -1;
	}
	if (aws_kvlist_get(&r->headers, "Host") == NULL &&
	    (r->host == NULL || *r->host == '\0')) {
		*cause = hs_xstrdup("cannot sign the request: it has no host "
		    "(resolve its endpoint first)");
		return -1;
	}
	if ((p->flags & SIGV4_PRESIGN) &&
	    (p->expires < 1 || p->expires > SIGV4_MAX_EXPIRES)) {
		*cause = hs_xasprintf("cannot presign the request: the expiry "
		    "must be between 1 and %ld seconds (7 days), not %ld",
		    SIGV4_MAX_EXPIRES, p->expires);
		return -1;
	}
	if (sigv4_format_time(st->amz_time, p->now) < 0) {
		*cause = hs_xasprintf("cannot sign the request: time %lld is "
		    "out of range", (long long)p->now);
		return -1;
	}
	return 0;
}

/* Pick the payload line: UNSIGNED-PAYLOAD, a given hash, or the body's. */
static int
choose_payload(const struct aws_request *r, const struct sigv4_params *p,
    struct sign_state *st, char **cause)
{
	const char *given = aws_kvlist_get(&r->headers, "X-Amz-Content-SHA256");
	bool presign = (p->flags & SIGV4_PRESIGN) != 0;

	if ((p->flags & SIGV4_UNSIGNED_PAYLOAD) || (presign && st->s3)) {
		hs_strlcpy(st->payload, SIGV4_PAYLOAD_UNSIGNED,
		    sizeof st->payload);
		return 0;
	}
	if (given != NULL && !st->s3 && !(p->flags & SIGV4_CONTENT_SHA256) &&
	    !presign && strlen(given) <= SIGV4_HEX_LEN) {
		hs_strlcpy(st->payload, given, sizeof st->payload);
		return 0;
	}
	return sigv4_payload_hash(st->payload, r, cause);
}

/* Set the headers the header form signs: Host, date, token, sha256. */
static void
prepare_headers(struct aws_request *r, const struct sigv4_params *p,
    struct sign_state *st)
{
	const struct aws_credentials *c = p->credentials;

	aws_kvlist_del(&r->headers, "Authorization");
	aws_kvlist_set(&r->headers, "X-Amz-Date", st->amz_time);
	if (c->session_token != NULL) {
		aws_kvlist_del(&r->headers, "X-Amz-Security-Token");
		if (!(p->flags & SIGV4_TOKEN_AFTER))
			aws_kvlist_add(&r->headers, "X-Amz-Security-Token",
			    c->session_token);
	}
	if (st->s3 || (p->flags & SIGV4_CONTENT_SHA256))
		aws_kvlist_set(&r->headers, "X-Amz-Content-SHA256",
		    st->payload);
}

/* Add the X-Amz-* query parameters of a presigned URL (no signature). */
static void
prepare_query(struct aws_request *r, const struct sigv4_params *p,
    struct sign_state *st)
{
	const struct aws_credentials *c = p->credentials;
	char expires[32];
	char *credential;
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(presign_params); i++)
		aws_kvlist_del(&r->query, presign_params[i]);
	credential = hs_xasprintf("%s/%s", c->access_key_id, st->scope);
	snprintf(expires, sizeof expires, "%ld", p->expires);
	aws_kvlist_add(&r->query, "X-Amz-Algorithm", SIGV4_ALGORITHM);
	aws_kvlist_add(&r->query, "X-Amz-Credential", credential);
	aws_kvlist_add(&r->query, "X-Amz-Date", st->amz_time);
	aws_kvlist_add(&r->query, "X-Amz-Expires", expires);
	aws_kvlist_add(&r->query, "X-Amz-SignedHeaders",
	    st->signed_headers.buf);
	if (c->session_token != NULL && !(p->flags & SIGV4_TOKEN_AFTER))
		aws_kvlist_add(&r->query, "X-Amz-Security-Token",
		    c->session_token);
	free(credential);
}

/* Build the canonical request, the string to sign and the signature. */
static int
compute_signature(struct aws_request *r, const struct sigv4_params *p,
    struct sign_state *st, char **cause)
{
	bool normalize = !(p->flags & SIGV4_NO_NORMALIZE);

	if (sigv4_canonical_request(&st->canonical, r, st->s3, normalize,
	    st->signed_headers.buf, NULL, st->payload) < 0) {
		*cause = hs_xstrdup("cannot sign the request: the canonical "
		    "request is too large");
		return -1;
	}
	sigv4_string_to_sign(&st->string_to_sign, st->amz_time, st->scope,
	    st->canonical.buf);
	sigv4_signing_key(st->key, p->cache, p->credentials, st->date,
	    st->region, st->service);
	sigv4_signature(st->signature, st->key, st->string_to_sign.buf);
	return 0;
}

/* Write the signature into the request, then any unsigned token. */
static char *
finish(struct aws_request *r, const struct sigv4_params *p,
    struct sign_state *st)
{
	const char *token = p->credentials->session_token;
	bool after = token != NULL && (p->flags & SIGV4_TOKEN_AFTER);
	char *auth = NULL;

	if (p->flags & SIGV4_PRESIGN) {
		aws_kvlist_add(&r->query, "X-Amz-Signature", st->signature);
		if (after)
			aws_kvlist_add(&r->query, "X-Amz-Security-Token", token);
		return NULL;
	}
	auth = hs_xasprintf(SIGV4_ALGORITHM " Credential=%s/%s, "
	    "SignedHeaders=%s, Signature=%s", p->credentials->access_key_id,
	    st->scope, st->signed_headers.buf, st->signature);
	aws_kvlist_set(&r->headers, "Authorization", auth);
	if (after)
		aws_kvlist_add(&r->headers, "X-Amz-Security-Token", token);
	return auth;
}

/* Copy what signing computed into the caller's trace. */
static void
fill_trace(struct sigv4_trace *trace, struct sign_state *st, char *auth)
{
	sigv4_trace_clear(trace);
	trace->canonical_request = hs_xstrdup(st->canonical.buf);
	trace->string_to_sign = hs_xstrdup(st->string_to_sign.buf);
	trace->signature = hs_xstrdup(st->signature);
	trace->authorization = auth ? hs_xstrdup(auth) : NULL;
}

/* Sign r in place, in the header or (SIGV4_PRESIGN) the query. */
int
sigv4_sign(struct aws_request *r, const struct sigv4_params *p,
    struct sigv4_trace *trace, char **cause)
{
	struct sign_state st;
	char *host = NULL, *auth = NULL;
	int rc = -1;

	memset(&st, 0, sizeof st);
	hs_buf_init(&st.signed_headers, 0);
	hs_buf_init(&st.canonical, 0);
	hs_buf_init(&st.string_to_sign, 0);
	if (check_params(r, p, &st, cause) < 0)
		goto cleanup;
	st.s3 = sigv4_is_s3(st.service);
	memcpy(st.date, st.amz_time, SIGV4_DATE_LEN);
	st.scope = hs_xasprintf("%s/%s/%s/aws4_request", st.date, st.region,
	    st.service);
	if (choose_payload(r, p, &st, cause) < 0)
		goto cleanup;
	if (aws_kvlist_get(&r->headers, "Host") == NULL) {
		host = sigv4_host_value(r);
		aws_kvlist_add(&r->headers, "Host", host);
	}
	if (!(p->flags & SIGV4_PRESIGN))
		prepare_headers(r, p, &st);
	sigv4_signable_headers(&st.signed_headers, &r->headers, true);
	if (p->flags & SIGV4_PRESIGN)
		prepare_query(r, p, &st);
	if (compute_signature(r, p, &st, cause) < 0)
		goto cleanup;
	auth = finish(r, p, &st);
	if (trace != NULL)
		fill_trace(trace, &st, auth);
	rc = 0;
cleanup:
	free(host);
	free(st.scope);
	hs_free_secret(auth);
	hs_buf_release(&st.signed_headers);
	hs_buf_cleanse(&st.canonical);
	hs_buf_cleanse(&st.string_to_sign);
	OPENSSL_cleanse(&st, sizeof st);
	return rc;
}

/* Wipe and free the strings of a trace; it is left empty. */
void
sigv4_trace_clear(struct sigv4_trace *trace)
{
	hs_free_secret(trace->canonical_request);
	hs_free_secret(trace->string_to_sign);
	hs_free_secret(trace->signature);
	hs_free_secret(trace->authorization);
	trace->canonical_request = trace->string_to_sign = NULL;
	trace->signature = trace->authorization = NULL;
}
