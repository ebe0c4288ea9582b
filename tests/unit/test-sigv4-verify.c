/*
 * test-sigv4-verify.c: the server side of SigV4. Requests are signed by
 * sigv4_sign(), then verified as received, then tampered with: each
 * refusal must carry its own status and the AWS error code of the
 * service family.
 */
#include "hs-common.h"
#include "harness.h"
#include "sigv4-case.h"
#include "sigv4.h"

#define AKID "AKIDEXAMPLE"
#define SECRET "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
#define T0 1440938160	/* 20150830T123600Z */

/* The keys the fake server knows. */
static const struct { const char *akid, *secret, *token; time_t exp; }
known[] = {
	{ AKID, SECRET, NULL, 0 },
	{ "ASIATEMP", "temp-secret", "the-session-token", T0 + 3600 },
	{ "ASIAOLD", "old-secret", "old-token", T0 - 1 },
};

static int lookup_calls;

/* Find a key in the table above; "BOOM" makes the lookup fail. */
static int
lookup(void *arg, const char *akid, struct aws_credentials **out,
    char **cause)
{
	size_t i;

	lookup_calls++;
	*out = NULL;
	if (strcmp(akid, "BOOM") == 0) {
		*cause = hs_xstrdup("key store unavailable");
		return -1;
	}
	for (i = 0; i < HS_ARRAY_SIZE(known); i++)
		if (strcmp(known[i].akid, akid) == 0)
			*out = aws_credentials_new(akid, known[i].secret,
			    known[i].token, known[i].exp, "sandbox");
	return 0;
}

/* Make a request of service svc, signed at t (flags as given). */
static void
signed_request(struct aws_request *r, const char *svc, const char *akid,
    const char *secret, const char *token, time_t t, unsigned flags)
{
	struct aws_credentials *c = aws_credentials_new(akid, secret, token,
	    0, "client");
	struct sigv4_params p;
	char *cause = NULL;

	aws_request_init(r);
	r->method = hs_xstrdup("PUT");
	r->scheme = hs_xstrdup("http");
	r->host = hs_xstrdup("127.0.0.1");
	r->port = 4566;
	r->path = hs_xstrdup(strcmp(svc, "s3") == 0 ?
	    "/phi-bucket/records/a%20b.json" : "/2015-03-31/functions/f");
	aws_kvlist_add(&r->query, "versionId", "v 1");
	aws_kvlist_add(&r->headers, "Content-Type", "application/json");
	aws_kvlist_add(&r->headers, "User-Agent", "test");
	aws_request_set_body(r, "{\"mrn\":\"000\"}", 13);
	r->signing_service = hs_xstrdup(svc);
	r->signing_region = hs_xstrdup("us-east-1");
	memset(&p, 0, sizeof p);
	p.credentials = c;
	p.now = t;
	p.flags = flags;
	p.expires = 600;
	if (sigv4_sign(r, &p, NULL, &cause) < 0)
		BUG("cannot sign: %s", cause);
	aws_credentials_release(c);
}

/* Verify r as family fam expecting region us-east-1 at server time now. */
static enum sigv4_status
verify(const struct aws_request *r, enum sigv4_family fam, time_t now,
    struct sigv4_verify_result *res)
{
	struct sigv4_verify_params p;
	char *cause = NULL;

	memset(&p, 0, sizeof p);
	p.family = fam;
	p.region = "us-east-1";
	p.now = now;
	p.lookup = lookup;
	if (sigv4_verify(r, &p, res, &cause) < 0) {
		printf("# verify failed: %s\n", cause);
		free(cause);
		CU_FAIL("sigv4_verify returned -1");
	}
	return res->status;
}

/* Verify and check status and code, then clear. */
static void
expect(const struct aws_request *r, enum sigv4_family fam, time_t now,
    enum sigv4_status st, const char *code)
{
	struct sigv4_verify_result res = SIGV4_VERIFY_RESULT_INIT;

	verify(r, fam, now, &res);
	if (res.status != st)
		printf("# status %d, wanted %d: %s %s\n", (int)res.status,
		    (int)st, res.code ? res.code : "-",
		    res.message ? res.message : "");
	CU_ASSERT_EQUAL(res.status, st);
	if (code == NULL) {
		CU_ASSERT_PTR_NULL(res.code);
	} else {
		HS_ASSERT_STR_EQ(res.code, code);
	}
	sigv4_verify_result_clear(&res);
}

static void
test_roundtrip(void)
{
	static const struct { const char *svc; enum sigv4_family fam;
		unsigned flags; } cases[] = {
		{ "s3", SIGV4_FAMILY_S3, 0 },
		{ "s3", SIGV4_FAMILY_S3, SIGV4_UNSIGNED_PAYLOAD },
		{ "s3", SIGV4_FAMILY_S3, SIGV4_PRESIGN },
		{ "lambda", SIGV4_FAMILY_JSON, 0 },
		{ "lambda", SIGV4_FAMILY_JSON, SIGV4_PRESIGN },
		{ "iam", SIGV4_FAMILY_QUERY, 0 },
	};
	struct sigv4_verify_result res = SIGV4_VERIFY_RESULT_INIT;
	struct aws_request r;
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(cases); i++) {
		signed_request(&r, cases[i].svc, AKID, SECRET, NULL, T0,
		    cases[i].flags);
		CU_ASSERT_EQUAL(verify(&r, cases[i].fam, T0 + 5, &res),
		    SIGV4_OK);
		CU_ASSERT_PTR_NOT_NULL_FATAL(res.credentials);
		HS_ASSERT_STR_EQ(res.credentials->access_key_id, AKID);
		HS_ASSERT_STR_EQ(res.service, cases[i].svc);
		CU_ASSERT_EQUAL(res.presigned,
		    (cases[i].flags & SIGV4_PRESIGN) != 0);
		CU_ASSERT_EQUAL(res.request_time, T0);
		sigv4_verify_result_clear(&res);
		CU_ASSERT_PTR_NULL(res.credentials);
		aws_request_clear(&r);
	}
}

static void
test_session_token_roundtrip(void)
{
	struct aws_request r;

	signed_request(&r, "sts", "ASIATEMP", "temp-secret",
	    "the-session-token", T0, 0);
	expect(&r, SIGV4_FAMILY_QUERY, T0, SIGV4_OK, NULL);
	aws_kvlist_set(&r.headers, "X-Amz-Security-Token", "forged");
	expect(&r, SIGV4_FAMILY_QUERY, T0, SIGV4_ERR_TOKEN,
	    "InvalidClientTokenId");
	aws_kvlist_del(&r.headers, "X-Amz-Security-Token");
	expect(&r, SIGV4_FAMILY_S3, T0, SIGV4_ERR_TOKEN, "InvalidToken");
	aws_request_clear(&r);
	/* A token sent with long-term keys is refused too. */
	signed_request(&r, "lambda", AKID, SECRET, "stray", T0, 0);
	expect(&r, SIGV4_FAMILY_JSON, T0, SIGV4_ERR_TOKEN,
	    "UnrecognizedClientException");
	aws_request_clear(&r);
	/* Presigned with a token. */
	signed_request(&r, "s3", "ASIATEMP", "temp-secret",
	    "the-session-token", T0, SIGV4_PRESIGN);
	expect(&r, SIGV4_FAMILY_S3, T0, SIGV4_OK, NULL);
	aws_request_clear(&r);
	/* Temporary credentials past their expiry. */
	signed_request(&r, "s3", "ASIAOLD", "old-secret", "old-token", T0, 0);
	expect(&r, SIGV4_FAMILY_S3, T0, SIGV4_ERR_TOKEN_EXPIRED,
	    "ExpiredToken");
	expect(&r, SIGV4_FAMILY_JSON, T0, SIGV4_ERR_TOKEN_EXPIRED,
	    "ExpiredTokenException");
	aws_request_clear(&r);
}

/* Each tampering, applied to a fresh signed request. */
static void tamper_method(struct aws_request *r) { aws_request_set_method(r, "DELETE"); }
static void tamper_path(struct aws_request *r) { aws_request_set_path(r, "/phi-bucket/records/other.json"); }
static void tamper_query(struct aws_request *r) { aws_kvlist_set(&r->query, "versionId", "v 2"); }
static void tamper_query_add(struct aws_request *r) { aws_kvlist_add(&r->query, "extra", "1"); }
static void tamper_header(struct aws_request *r) { aws_kvlist_set(&r->headers, "Content-Type", "text/html"); }
static void tamper_host(struct aws_request *r) { aws_kvlist_set(&r->headers, "Host", "evil.example"); }
static void tamper_date(struct aws_request *r) { aws_kvlist_set(&r->headers, "X-Amz-Date", "20150830T123601Z"); }
static void tamper_body(struct aws_request *r) { aws_request_set_body(r, "{\"mrn\":\"001\"}", 13); }
static void tamper_unsigned_header(struct aws_request *r) { aws_kvlist_add(&r->headers, "Cookie", "x"); }

static void
test_tamper(void)
{
	static const struct {
		const char *name;
		void (*fn)(struct aws_request *);
		const char *svc;
		enum sigv4_family fam;
		enum sigv4_status st;
		const char *code;
	} cases[] = {
		{ "method", tamper_method, "s3", SIGV4_FAMILY_S3,
		  SIGV4_ERR_SIGNATURE, "SignatureDoesNotMatch" },
		{ "path", tamper_path, "s3", SIGV4_FAMILY_S3,
		  SIGV4_ERR_SIGNATURE, "SignatureDoesNotMatch" },
		{ "query", tamper_query, "lambda", SIGV4_FAMILY_JSON,
		  SIGV4_ERR_SIGNATURE, "InvalidSignatureException" },
		{ "query-add", tamper_query_add, "iam", SIGV4_FAMILY_QUERY,
		  SIGV4_ERR_SIGNATURE, "SignatureDoesNotMatch" },
		{ "header", tamper_header, "iam", SIGV4_FAMILY_QUERY,
		  SIGV4_ERR_SIGNATURE, "SignatureDoesNotMatch" },
		{ "host", tamper_host, "s3", SIGV4_FAMILY_S3,
		  SIGV4_ERR_SIGNATURE, "SignatureDoesNotMatch" },
		{ "date", tamper_date, "lambda", SIGV4_FAMILY_JSON,
		  SIGV4_ERR_SIGNATURE, "InvalidSignatureException" },
		/* Non-S3 bodies are part of the signature... */
		{ "body", tamper_body, "lambda", SIGV4_FAMILY_JSON,
		  SIGV4_ERR_SIGNATURE, "InvalidSignatureException" },
		/* ...S3 checks them against X-Amz-Content-SHA256. */
		{ "s3-body", tamper_body, "s3", SIGV4_FAMILY_S3,
		  SIGV4_ERR_PAYLOAD, "XAmzContentSHA256Mismatch" },
		/* Headers added after signing are fine, unless x-amz-* on S3. */
		{ "unsigned-header", tamper_unsigned_header, "s3",
		  SIGV4_FAMILY_S3, SIGV4_OK, NULL },
	};
	struct aws_request r;
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(cases); i++) {
		printf("# tamper %s\n", cases[i].name);
		signed_request(&r, cases[i].svc, AKID, SECRET, NULL, T0, 0);
		cases[i].fn(&r);
		expect(&r, cases[i].fam, T0, cases[i].st, cases[i].code);
		aws_request_clear(&r);
	}
}

static void
test_signature_mismatch_details(void)
{
	struct sigv4_verify_result res = SIGV4_VERIFY_RESULT_INIT;
	struct aws_request r;

	signed_request(&r, "s3", AKID, "not-the-secret", NULL, T0, 0);
	CU_ASSERT_EQUAL(verify(&r, SIGV4_FAMILY_S3, T0, &res),
	    SIGV4_ERR_SIGNATURE);
	CU_ASSERT_EQUAL(res.http_status, 403);
	CU_ASSERT(hs_starts_with(res.message, "The request signature we "
	    "calculated does not match"));
	CU_ASSERT(hs_starts_with(res.canonical_request, "PUT\n"
	    "/phi-bucket/records/a%20b.json\nversionId=v%201\n"));
	CU_ASSERT(hs_starts_with(res.string_to_sign, "AWS4-HMAC-SHA256\n"
	    "20150830T123600Z\n20150830/us-east-1/s3/aws4_request\n"));
	CU_ASSERT_PTR_NULL(res.credentials);
	sigv4_verify_result_clear(&res);
	aws_request_clear(&r);
}

static void
test_missing_and_unknown(void)
{
	static const struct { enum sigv4_family fam; const char *missing,
		*unknown; } cases[] = {
		{ SIGV4_FAMILY_S3, "AccessDenied", "InvalidAccessKeyId" },
		{ SIGV4_FAMILY_QUERY, "MissingAuthenticationToken",
		  "InvalidClientTokenId" },
		{ SIGV4_FAMILY_JSON, "MissingAuthenticationTokenException",
		  "UnrecognizedClientException" },
	};
	struct aws_request r;
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(cases); i++) {
		signed_request(&r, "s3", "AKIDUNKNOWN", SECRET, NULL, T0, 0);
		expect(&r, cases[i].fam, T0, SIGV4_ERR_UNKNOWN_KEY,
		    cases[i].unknown);
		aws_kvlist_del(&r.headers, "Authorization");
		expect(&r, cases[i].fam, T0, SIGV4_ERR_MISSING,
		    cases[i].missing);
		aws_request_clear(&r);
	}
}

static void
test_clock_skew(void)
{
	static const struct { long delta; enum sigv4_status st; } cases[] = {
		{ 0, SIGV4_OK }, { 899, SIGV4_OK }, { 900, SIGV4_OK },
		{ -900, SIGV4_OK }, { 901, SIGV4_ERR_SKEW },
		{ -901, SIGV4_ERR_SKEW }, { 86400, SIGV4_ERR_SKEW },
	};
	struct sigv4_verify_result res = SIGV4_VERIFY_RESULT_INIT;
	struct aws_request r;
	size_t i;

	signed_request(&r, "s3", AKID, SECRET, NULL, T0, 0);
	for (i = 0; i < HS_ARRAY_SIZE(cases); i++)
		expect(&r, SIGV4_FAMILY_S3, T0 + cases[i].delta, cases[i].st,
		    cases[i].st ? "RequestTimeTooSkewed" : NULL);
	aws_request_clear(&r);
	signed_request(&r, "iam", AKID, SECRET, NULL, T0, 0);
	CU_ASSERT_EQUAL(verify(&r, SIGV4_FAMILY_QUERY, T0 + 1000, &res),
	    SIGV4_ERR_SKEW);
	HS_ASSERT_STR_EQ(res.code, "SignatureDoesNotMatch");
	HS_ASSERT_STR_EQ(res.message, "Signature expired: 20150830T123600Z is "
	    "now earlier than 20150830T123740Z (20150830T125240Z - 15 min.)");
	sigv4_verify_result_clear(&res);
	CU_ASSERT_EQUAL(verify(&r, SIGV4_FAMILY_JSON, T0 - 1000, &res),
	    SIGV4_ERR_SKEW);
	HS_ASSERT_STR_EQ(res.code, "InvalidSignatureException");
	CU_ASSERT(hs_starts_with(res.message, "Signature not yet current: "));
	sigv4_verify_result_clear(&res);
	aws_request_clear(&r);
}

static void
test_presign_expiry(void)
{
	struct aws_request r;

	/* X-Amz-Expires is 600: valid up to and including T0 + 600. */
	signed_request(&r, "s3", AKID, SECRET, NULL, T0, SIGV4_PRESIGN);
	expect(&r, SIGV4_FAMILY_S3, T0 + 600, SIGV4_OK, NULL);
	expect(&r, SIGV4_FAMILY_S3, T0 + 601, SIGV4_ERR_EXPIRED,
	    "AccessDenied");
	expect(&r, SIGV4_FAMILY_QUERY, T0 + 601, SIGV4_ERR_EXPIRED,
	    "RequestExpired");
	/* A presigned URL dated in the future is skew, not expiry. */
	expect(&r, SIGV4_FAMILY_S3, T0 - 1000, SIGV4_ERR_SKEW,
	    "RequestTimeTooSkewed");
	/* Lengthening the expiry breaks the signature. */
	aws_kvlist_set(&r.query, "X-Amz-Expires", "604800");
	expect(&r, SIGV4_FAMILY_S3, T0 + 601, SIGV4_ERR_SIGNATURE,
	    "SignatureDoesNotMatch");
	aws_kvlist_set(&r.query, "X-Amz-Expires", "604801");
	expect(&r, SIGV4_FAMILY_S3, T0, SIGV4_ERR_MALFORMED,
	    "AuthorizationQueryParametersError");
	aws_kvlist_del(&r.query, "X-Amz-Expires");
	expect(&r, SIGV4_FAMILY_S3, T0, SIGV4_ERR_MALFORMED,
	    "AuthorizationQueryParametersError");
	aws_request_clear(&r);
}

/* Replace the Authorization header with a crafted one. */
static void
set_auth(struct aws_request *r, const char *value)
{
	aws_kvlist_set(&r->headers, "Authorization", value);
}

static void
test_malformed(void)
{
	static const struct { const char *auth, *query_code, *s3_code; }
	cases[] = {
		{ "AWS AKIDEXAMPLE:c2lnbmF0dXJl", "IncompleteSignature",
		  "AuthorizationHeaderMalformed" },
		{ "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/"
		  "s3/aws4_request, SignedHeaders=host", "IncompleteSignature",
		  "AuthorizationHeaderMalformed" },
		{ "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/"
		  "aws4_request, SignedHeaders=host;x-amz-date, Signature=00",
		  "IncompleteSignature", "AuthorizationHeaderMalformed" },
		{ "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/"
		  "s3/aws5_request, SignedHeaders=host;x-amz-date, "
		  "Signature=00", "IncompleteSignature",
		  "AuthorizationHeaderMalformed" },
		{ "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150831/us-east-1/"
		  "s3/aws4_request, SignedHeaders=host;x-amz-date, "
		  "Signature=00", "IncompleteSignature",
		  "AuthorizationHeaderMalformed" },
		{ "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/"
		  "s3/aws4_request, SignedHeaders=x-amz-date, Signature=00",
		  "IncompleteSignature", "AuthorizationHeaderMalformed" },
	};
	struct aws_request r;
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(cases); i++) {
		signed_request(&r, "s3", AKID, SECRET, NULL, T0, 0);
		set_auth(&r, cases[i].auth);
		expect(&r, SIGV4_FAMILY_QUERY, T0, SIGV4_ERR_MALFORMED,
		    cases[i].query_code);
		expect(&r, SIGV4_FAMILY_S3, T0, SIGV4_ERR_MALFORMED,
		    cases[i].s3_code);
		aws_request_clear(&r);
	}
	/* No X-Amz-Date; both forms at once. */
	signed_request(&r, "s3", AKID, SECRET, NULL, T0, 0);
	aws_kvlist_del(&r.headers, "X-Amz-Date");
	expect(&r, SIGV4_FAMILY_S3, T0, SIGV4_ERR_MALFORMED,
	    "AuthorizationHeaderMalformed");
	aws_request_clear(&r);
	signed_request(&r, "s3", AKID, SECRET, NULL, T0, 0);
	aws_kvlist_add(&r.query, "X-Amz-Signature", "00");
	expect(&r, SIGV4_FAMILY_S3, T0, SIGV4_ERR_MALFORMED,
	    "AuthorizationHeaderMalformed");
	aws_request_clear(&r);
}

static void
test_scope(void)
{
	struct sigv4_verify_result res = SIGV4_VERIFY_RESULT_INIT;
	struct sigv4_verify_params p;
	struct aws_request r;
	char *cause = NULL;

	signed_request(&r, "s3", AKID, SECRET, NULL, T0, 0);
	memset(&p, 0, sizeof p);
	p.family = SIGV4_FAMILY_S3;
	p.region = "eu-west-1";
	p.now = T0;
	p.lookup = lookup;
	CU_ASSERT_EQUAL(sigv4_verify(&r, &p, &res, &cause), 0);
	CU_ASSERT_EQUAL(res.status, SIGV4_ERR_SCOPE);
	HS_ASSERT_STR_EQ(res.code, "AuthorizationHeaderMalformed");
	HS_ASSERT_STR_EQ(res.message, "The authorization header is malformed; "
	    "the region 'us-east-1' is wrong; expecting 'eu-west-1'");
	CU_ASSERT_EQUAL(res.http_status, 400);
	p.region = NULL;
	p.service = "iam";
	p.family = SIGV4_FAMILY_QUERY;
	CU_ASSERT_EQUAL(sigv4_verify(&r, &p, &res, &cause), 0);
	CU_ASSERT_EQUAL(res.status, SIGV4_ERR_SCOPE);
	HS_ASSERT_STR_EQ(res.code, "SignatureDoesNotMatch");
	CU_ASSERT_PTR_NOT_NULL(strstr(res.message, "correct service: 'iam'"));
	sigv4_verify_result_clear(&res);
	aws_request_clear(&r);
}

static void
test_s3_rules(void)
{
	struct aws_request r;

	/* An x-amz-* header that is not signed. */
	signed_request(&r, "s3", AKID, SECRET, NULL, T0, 0);
	aws_kvlist_add(&r.headers, "x-amz-acl", "public-read");
	expect(&r, SIGV4_FAMILY_S3, T0, SIGV4_ERR_UNSIGNED_HEADERS,
	    "AccessDenied");
	aws_request_clear(&r);
	/* The header form requires x-amz-content-sha256. */
	signed_request(&r, "s3", AKID, SECRET, NULL, T0, 0);
	aws_kvlist_del(&r.headers, "X-Amz-Content-SHA256");
	expect(&r, SIGV4_FAMILY_S3, T0, SIGV4_ERR_MALFORMED,
	    "AuthorizationHeaderMalformed");
	aws_request_clear(&r);
	/* UNSIGNED-PAYLOAD: the body is not checked. */
	signed_request(&r, "s3", AKID, SECRET, NULL, T0,
	    SIGV4_UNSIGNED_PAYLOAD);
	tamper_body(&r);
	expect(&r, SIGV4_FAMILY_S3, T0, SIGV4_OK, NULL);
	/* The payload line is signed: switching to aws-chunked breaks it
	 * (test-sigv4-chunked.c verifies real aws-chunked requests)... */
	aws_kvlist_set(&r.headers, "X-Amz-Content-SHA256",
	    "STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
	expect(&r, SIGV4_FAMILY_S3, T0, SIGV4_ERR_SIGNATURE,
	    "SignatureDoesNotMatch");
	/* ...and SigV4a's streaming form is refused with a clear message. */
	aws_kvlist_set(&r.headers, "X-Amz-Content-SHA256",
	    "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD");
	expect(&r, SIGV4_FAMILY_S3, T0, SIGV4_ERR_MALFORMED,
	    "AuthorizationHeaderMalformed");
	aws_request_clear(&r);
}

static void
test_non_s3_body_always_signed(void)
{
	struct aws_request r;

	/* An IAM or Lambda body may not go unsigned: a captured request
	 * could otherwise carry another body. */
	signed_request(&r, "lambda", AKID, SECRET, NULL, T0,
	    SIGV4_UNSIGNED_PAYLOAD);
	expect(&r, SIGV4_FAMILY_JSON, T0, SIGV4_ERR_SIGNATURE,
	    "InvalidSignatureException");
	aws_request_clear(&r);
}

static void
test_lookup_error(void)
{
	struct sigv4_verify_result res = SIGV4_VERIFY_RESULT_INIT;
	struct sigv4_verify_params p;
	struct aws_request r;
	char *cause = NULL;

	signed_request(&r, "s3", "BOOM", SECRET, NULL, T0, 0);
	memset(&p, 0, sizeof p);
	p.family = SIGV4_FAMILY_S3;
	p.now = T0;
	p.lookup = lookup;
	CU_ASSERT_EQUAL(sigv4_verify(&r, &p, &res, &cause), -1);
	HS_ASSERT_STR_EQ(cause, "key store unavailable");
	free(cause);
	sigv4_verify_result_clear(&res);
	aws_request_clear(&r);
}

static void
test_key_cache_shared(void)
{
	struct sigv4_key_cache *cache = sigv4_key_cache_new();
	struct sigv4_verify_result res = SIGV4_VERIFY_RESULT_INIT;
	struct sigv4_verify_params p;
	struct aws_request r;
	char *cause = NULL;
	int i;

	memset(&p, 0, sizeof p);
	p.family = SIGV4_FAMILY_S3;
	p.now = T0;
	p.lookup = lookup;
	p.cache = cache;
	for (i = 0; i < 3; i++) {
		signed_request(&r, "s3", AKID, i == 1 ? "wrong" : SECRET,
		    NULL, T0, 0);
		CU_ASSERT_EQUAL(sigv4_verify(&r, &p, &res, &cause), 0);
		CU_ASSERT_EQUAL(res.status, i == 1 ? SIGV4_ERR_SIGNATURE :
		    SIGV4_OK);
		sigv4_verify_result_clear(&res);
		aws_request_clear(&r);
	}
	sigv4_key_cache_free(cache);
}

static void
test_vectors_verify(void)
{
	const char *data = hs_unit_testdata();
	static const char *const names[] = { "get-header-key-duplicate",
		"get-header-value-multiline", "get-header-value-trim",
		"get-relative-relative", "get-slash-dot-slash", "get-slashes",
		"get-space", "get-unreserved", "get-utf8",
		"get-vanilla-query-order-encoded", "get-vanilla-utf8-query",
		"post-header-key-sort", "post-x-www-form-urlencoded-parameters",
		"post-sts-header-before" };
	size_t i;

	if (data == NULL) {
		hs_unit_skip("HS_TESTDATA is not set or missing");
		return;
	}
	/* The verifier canonicalises odd requests exactly as the signer. */
	for (i = 0; i < HS_ARRAY_SIZE(names); i++) {
		char *dir = hs_xasprintf("%s/sigv4/official/%s", data, names[i]);
		struct sigv4_case c;
		struct sigv4_params p;
		char *cause = NULL;

		CU_ASSERT_EQUAL_FATAL(sigv4_case_load(&c, dir, &cause), 0);
		memset(&p, 0, sizeof p);
		p.credentials = c.credentials;
		p.region = c.region;
		p.service = c.service;
		p.now = c.now;
		CU_ASSERT_EQUAL_FATAL(sigv4_sign(&c.request, &p, NULL, &cause),
		    0);
		printf("# %s\n", names[i]);
		/* post-sts-header-before carries a token the key lacks. */
		expect(&c.request, SIGV4_FAMILY_JSON, c.now,
		    strcmp(names[i], "post-sts-header-before") == 0 ?
		    SIGV4_ERR_TOKEN : SIGV4_OK, strcmp(names[i],
		    "post-sts-header-before") == 0 ?
		    "UnrecognizedClientException" : NULL);
		sigv4_case_clear(&c);
		free(dir);
	}
}

static void
test_error_codes(void)
{
	HS_ASSERT_STR_EQ(sigv4_error_code(SIGV4_FAMILY_S3,
	    SIGV4_ERR_SIGNATURE), "SignatureDoesNotMatch");
	HS_ASSERT_STR_EQ(sigv4_error_code(SIGV4_FAMILY_QUERY,
	    SIGV4_ERR_MALFORMED), "IncompleteSignature");
	HS_ASSERT_STR_EQ(sigv4_error_code(SIGV4_FAMILY_JSON,
	    SIGV4_ERR_MISSING), "MissingAuthenticationTokenException");
	CU_ASSERT_PTR_NULL(sigv4_error_code(SIGV4_FAMILY_S3, SIGV4_OK));
}

static const struct hs_unit_case cases[] = {
	{ "roundtrip", test_roundtrip },
	{ "session-token", test_session_token_roundtrip },
	{ "tamper", test_tamper },
	{ "mismatch-details", test_signature_mismatch_details },
	{ "missing-and-unknown", test_missing_and_unknown },
	{ "clock-skew", test_clock_skew },
	{ "presign-expiry", test_presign_expiry },
	{ "malformed", test_malformed },
	{ "scope", test_scope },
	{ "s3-rules", test_s3_rules },
	{ "non-s3-body-always-signed", test_non_s3_body_always_signed },
	{ "lookup-error", test_lookup_error },
	{ "key-cache", test_key_cache_shared },
	{ "vectors", test_vectors_verify },
	{ "error-codes", test_error_codes },
};

void
hs_unit_register(void)
{
	hs_unit_add_table("sigv4-verify", cases, HS_ARRAY_SIZE(cases));
}
