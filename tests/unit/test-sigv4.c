/*
 * test-sigv4.c: the SigV4 signer, rule by rule: path normalisation and
 * (double) encoding, query and header canonicalisation, payload hashes
 * (memory, streamed file ranges, UNSIGNED-PAYLOAD, S3's header), session
 * tokens, presigning, the key cache, time formats and redaction.
 */
#include "hs-common.h"
#include "harness.h"
#include "sigv4-int.h"
#include "sigv4.h"

#include <openssl/evp.h>

#define AKID "AKIDEXAMPLE"
#define SECRET "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
#define T0 1440938160	/* 20150830T123600Z */

static void
test_normalize_path(void)
{
	static const struct { const char *in, *want; } cases[] = {
		{ "", "/" },
		{ "/", "/" },
		{ "/a/./b", "/a/b" },
		{ "/a/../b", "/b" },
		{ "//a//b//", "/a/b/" },
		{ "/..", "/" },
		{ "/a/b/../..", "/" },
		{ "/a/.", "/a" },
		{ "/a/..//", "/" },
		{ "/./example", "/example" },
		{ "/a/%2E%2E/b", "/a/%2E%2E/b" },	/* encoded dots stay */
		{ "/../../x", "/x" },
	};
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(cases); i++) {
		struct hs_buf b = HS_BUF_INIT;

		sigv4_normalize_path(&b, cases[i].in);
		HS_ASSERT_STR_EQ(b.buf, cases[i].want);
		hs_buf_release(&b);
	}
}

static void
test_canonical_uri(void)
{
	static const struct {
		const char *path;
		bool s3, normalize;
		const char *want;
	} cases[] = {
		/* Non-S3 paths are encoded again: double encoding. */
		{ "/a%20b", false, true, "/a%2520b" },
		{ "/key%3Avalue", false, true, "/key%253Avalue" },
		{ "/a b", false, true, "/a%20b" },
		{ "/a:b+c", false, true, "/a%3Ab%2Bc" },
		{ "/-_.~", false, true, "/-_.~" },
		{ "/\xe1\x88\xb4", false, true, "/%E1%88%B4" },
		{ "", false, true, "/" },
		{ "//x/./y/", false, false, "//x/./y/" },	/* not normalised */
		{ "/a%20b/../c", false, true, "/c" },
		/* S3: as sent, never normalised, never encoded twice. */
		{ "/a%20b", true, true, "/a%20b" },
		{ "/bucket/a//b/../c", true, true, "/bucket/a//b/../c" },
		{ "/bucket/a%2Bb~", true, true, "/bucket/a%2Bb~" },
		{ "/bucket/raw space", true, true, "/bucket/raw%20space" },
		{ "", true, true, "/" },
	};
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(cases); i++) {
		struct hs_buf b = HS_BUF_INIT;

		sigv4_canonical_uri(&b, cases[i].path, cases[i].s3,
		    cases[i].normalize);
		HS_ASSERT_STR_EQ(b.buf, cases[i].want);
		hs_buf_release(&b);
	}
}

static void
test_canonical_query(void)
{
	struct aws_kvlist q = AWS_KVLIST_INIT;
	struct hs_buf b = HS_BUF_INIT;

	aws_kvlist_add(&q, "prefix", "a b/c+d=e~");
	aws_kvlist_add(&q, "uploads", NULL);
	aws_kvlist_add(&q, "Param", "2");
	aws_kvlist_add(&q, "Param", "1");
	aws_kvlist_add(&q, "param", "0");
	aws_kvlist_add(&q, "\xe1\x88\xb4", "x");
	sigv4_canonical_query(&b, &q);
	HS_ASSERT_STR_EQ(b.buf, "%E1%88%B4=x&Param=1&Param=2&param=0&"
	    "prefix=a%20b%2Fc%2Bd%3De~&uploads=");
	hs_buf_release(&b);
	aws_kvlist_clear(&q);
	sigv4_canonical_query(&b, &q);
	HS_ASSERT_STR_EQ(b.buf, "");
	hs_buf_release(&b);
}

static void
test_trim_value(void)
{
	static const struct { const char *in, *want; } cases[] = {
		{ "  a   b  ", "a b" },
		{ "\ta\n\t  b\r\n", "a b" },
		{ "", "" },
		{ "   ", "" },
		{ "\"a   b   c\"", "\"a b c\"" },
	};
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(cases); i++) {
		struct hs_buf b = HS_BUF_INIT;

		sigv4_trim_value(&b, cases[i].in);
		HS_ASSERT_STR_EQ(b.buf, cases[i].want);
		hs_buf_release(&b);
	}
}

static void
test_signed_headers(void)
{
	struct aws_kvlist h = AWS_KVLIST_INIT;
	struct hs_buf names = HS_BUF_INIT, canon = HS_BUF_INIT;

	aws_kvlist_add(&h, "User-Agent", "hipaa-shell");
	aws_kvlist_add(&h, "Expect", "100-continue");
	aws_kvlist_add(&h, "Transfer-Encoding", "chunked");
	aws_kvlist_add(&h, "X-Amzn-Trace-Id", "t");
	aws_kvlist_add(&h, "Authorization", "old");
	aws_kvlist_add(&h, "Connection", "keep-alive");
	aws_kvlist_add(&h, "My-Header", " b ");
	aws_kvlist_add(&h, "Content-Type", "text/plain");
	aws_kvlist_add(&h, "my-header", "a  c");
	sigv4_signable_headers(&names, &h, true);
	HS_ASSERT_STR_EQ(names.buf, "content-type;host;my-header");
	CU_ASSERT_EQUAL(sigv4_canonical_headers(&canon, &h, names.buf,
	    "example.com:8443"), 0);
	HS_ASSERT_STR_EQ(canon.buf, "content-type:text/plain\n"
	    "host:example.com:8443\nmy-header:b,a c\n");
	hs_buf_reset(&canon);
	/* A listed header that is absent cannot be canonicalised. */
	CU_ASSERT_EQUAL(sigv4_canonical_headers(&canon, &h, "x-missing",
	    NULL), -1);
	hs_buf_release(&names);
	hs_buf_release(&canon);
	aws_kvlist_clear(&h);
}

/* A request for service svc with the credentials of the test suite. */
static void
make_request(struct aws_request *r, const char *method, const char *path,
    const char *service)
{
	aws_request_init(r);
	r->method = hs_xstrdup(method);
	r->scheme = hs_xstrdup("https");
	r->host = hs_xstrdup("example.amazonaws.com");
	r->path = hs_xstrdup(path);
	r->signing_service = hs_xstrdup(service);
	r->signing_region = hs_xstrdup("us-east-1");
}

static void
init_params(struct sigv4_params *p, struct aws_credentials *c)
{
	memset(p, 0, sizeof *p);
	p->credentials = c;
	p->now = T0;
	p->expires = 3600;
}

/* Sign r and return the trace's canonical request's last line. */
static const char *
payload_line(const struct sigv4_trace *t)
{
	const char *nl = strrchr(t->canonical_request, '\n');

	return nl ? nl + 1 : "";
}

static void
test_sign_header_form(void)
{
	struct aws_credentials *c = aws_credentials_new(AKID, SECRET, NULL, 0,
	    "test");
	struct aws_request r;
	struct sigv4_params p;
	struct sigv4_trace t = SIGV4_TRACE_INIT;
	char *cause = NULL;

	make_request(&r, "get", "/a%20b", "iam");
	r.port = 8443;
	aws_kvlist_add(&r.headers, "X-Amz-Date", "19990101T000000Z");
	aws_kvlist_add(&r.headers, "Authorization", "stale");
	init_params(&p, c);
	CU_ASSERT_EQUAL_FATAL(sigv4_sign(&r, &p, &t, &cause), 0);
	HS_ASSERT_STR_EQ(aws_kvlist_get(&r.headers, "Host"),
	    "example.amazonaws.com:8443");
	HS_ASSERT_STR_EQ(aws_kvlist_get(&r.headers, "X-Amz-Date"),
	    "20150830T123600Z");
	CU_ASSERT_PTR_NULL(aws_kvlist_get(&r.headers, "X-Amz-Content-SHA256"));
	CU_ASSERT(hs_starts_with(t.canonical_request, "GET\n/a%2520b\n\n"));
	HS_ASSERT_STR_EQ(payload_line(&t), SIGV4_EMPTY_SHA256);
	CU_ASSERT(hs_starts_with(aws_kvlist_get(&r.headers, "Authorization"),
	    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/"
	    "aws4_request, SignedHeaders=host;x-amz-date, Signature="));
	HS_ASSERT_STR_EQ(aws_kvlist_get(&r.headers, "Authorization"),
	    t.authorization);
	/* Signing again replaces, never duplicates. */
	p.now = T0 + 60;
	CU_ASSERT_EQUAL_FATAL(sigv4_sign(&r, &p, &t, &cause), 0);
	CU_ASSERT_EQUAL(r.headers.n, 3);
	HS_ASSERT_STR_EQ(aws_kvlist_get(&r.headers, "X-Amz-Date"),
	    "20150830T123700Z");
	sigv4_trace_clear(&t);
	CU_ASSERT_PTR_NULL(t.canonical_request);
	aws_request_clear(&r);
	aws_credentials_release(c);
}

static void
test_sign_s3(void)
{
	struct aws_credentials *c = aws_credentials_new(AKID, SECRET, NULL, 0,
	    "test");
	struct aws_request r;
	struct sigv4_params p;
	struct sigv4_trace t = SIGV4_TRACE_INIT;
	char *cause = NULL, hash[SIGV4_HEX_LEN + 1];

	make_request(&r, "PUT", "/bucket/a%20b//../c", "s3");
	aws_request_set_body(&r, "PHI", 3);
	sigv4_sha256_hex(hash, "PHI", 3);
	init_params(&p, c);
	CU_ASSERT_EQUAL_FATAL(sigv4_sign(&r, &p, &t, &cause), 0);
	HS_ASSERT_STR_EQ(aws_kvlist_get(&r.headers, "X-Amz-Content-SHA256"),
	    hash);
	CU_ASSERT(hs_starts_with(t.canonical_request,
	    "PUT\n/bucket/a%20b//../c\n\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t.canonical_request,
	    "x-amz-content-sha256:"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t.authorization,
	    "SignedHeaders=host;x-amz-content-sha256;x-amz-date,"));
	HS_ASSERT_STR_EQ(payload_line(&t), hash);
	/* UNSIGNED-PAYLOAD on request: header and payload line agree. */
	p.flags = SIGV4_UNSIGNED_PAYLOAD;
	CU_ASSERT_EQUAL_FATAL(sigv4_sign(&r, &p, &t, &cause), 0);
	HS_ASSERT_STR_EQ(aws_kvlist_get(&r.headers, "X-Amz-Content-SHA256"),
	    "UNSIGNED-PAYLOAD");
	HS_ASSERT_STR_EQ(payload_line(&t), "UNSIGNED-PAYLOAD");
	sigv4_trace_clear(&t);
	aws_request_clear(&r);
	aws_credentials_release(c);
}

static void
test_given_payload_hash(void)
{
	struct aws_credentials *c = aws_credentials_new(AKID, SECRET, NULL, 0,
	    "test");
	struct aws_request r;
	struct sigv4_params p;
	struct sigv4_trace t = SIGV4_TRACE_INIT;
	char *cause = NULL;

	make_request(&r, "POST", "/", "lambda");
	aws_request_set_body(&r, "{}", 2);
	aws_kvlist_add(&r.headers, "X-Amz-Content-SHA256", "UNSIGNED-PAYLOAD");
	init_params(&p, c);
	CU_ASSERT_EQUAL_FATAL(sigv4_sign(&r, &p, &t, &cause), 0);
	HS_ASSERT_STR_EQ(payload_line(&t), "UNSIGNED-PAYLOAD");
	sigv4_trace_clear(&t);
	aws_request_clear(&r);
	aws_credentials_release(c);
}

/* Write a file of n bytes (i mod 251) and return its path. */
static char *
make_file(size_t n)
{
	char *path = hs_xasprintf("%s/body", hs_unit_tmpdir());
	FILE *f = fopen(path, "wb");
	size_t i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	for (i = 0; i < n; i++)
		fputc((int)(i % 251), f);
	fclose(f);
	return path;
}

static void
test_payload_file_streamed(void)
{
	size_t n = 200000, i;
	unsigned char *all = hs_xmalloc(n);
	char *path = make_file(n), *cause = NULL;
	char want[SIGV4_HEX_LEN + 1], got[SIGV4_HEX_LEN + 1];
	struct aws_request r = AWS_REQUEST_INIT;

	for (i = 0; i < n; i++)
		all[i] = (unsigned char)(i % 251);
	/* A part from the middle, crossing read chunks. */
	aws_request_set_body_file(&r, path, 70000, 100000);
	sigv4_sha256_hex(want, all + 70000, 100000);
	CU_ASSERT_EQUAL(sigv4_payload_hash(got, &r, &cause), 0);
	HS_ASSERT_STR_EQ(got, want);
	/* -1: to the end of the file. */
	aws_request_set_body_file(&r, path, 5, -1);
	sigv4_sha256_hex(want, all + 5, n - 5);
	CU_ASSERT_EQUAL(sigv4_payload_hash(got, &r, &cause), 0);
	HS_ASSERT_STR_EQ(got, want);
	/* A range past the end of the file is an error, not a short hash. */
	aws_request_set_body_file(&r, path, 150000, 100000);
	CU_ASSERT_EQUAL(sigv4_payload_hash(got, &r, &cause), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "ended 50000 bytes before"));
	free(cause);
	cause = NULL;
	aws_request_set_body_file(&r, "/nonexistent/x", 0, -1);
	CU_ASSERT_EQUAL(sigv4_payload_hash(got, &r, &cause), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "cannot open '/nonexistent/x'"));
	free(cause);
	aws_request_clear(&r);
	free(all);
	free(path);
}

static void
test_session_token(void)
{
	struct aws_credentials *c = aws_credentials_new(AKID, SECRET,
	    "TOKEN/+=", 0, "test");
	struct aws_request r;
	struct sigv4_params p;
	struct sigv4_trace t = SIGV4_TRACE_INIT;
	char *cause = NULL;

	make_request(&r, "GET", "/", "sts");
	aws_kvlist_add(&r.headers, "x-amz-security-token", "old-token");
	init_params(&p, c);
	CU_ASSERT_EQUAL_FATAL(sigv4_sign(&r, &p, &t, &cause), 0);
	HS_ASSERT_STR_EQ(aws_kvlist_get(&r.headers, "X-Amz-Security-Token"),
	    "TOKEN/+=");
	CU_ASSERT_PTR_NOT_NULL(strstr(t.authorization,
	    "SignedHeaders=host;x-amz-date;x-amz-security-token,"));
	CU_ASSERT_EQUAL(r.headers.n, 4);
	/* SIGV4_TOKEN_AFTER: sent but not signed. */
	p.flags = SIGV4_TOKEN_AFTER;
	CU_ASSERT_EQUAL_FATAL(sigv4_sign(&r, &p, &t, &cause), 0);
	HS_ASSERT_STR_EQ(aws_kvlist_get(&r.headers, "X-Amz-Security-Token"),
	    "TOKEN/+=");
	CU_ASSERT_PTR_NOT_NULL(strstr(t.authorization,
	    "SignedHeaders=host;x-amz-date,"));
	sigv4_trace_clear(&t);
	aws_request_clear(&r);
	aws_credentials_release(c);
}

static void
test_presign(void)
{
	struct aws_credentials *c = aws_credentials_new(AKID, SECRET, "TOK",
	    0, "test");
	struct aws_request r;
	struct sigv4_params p;
	struct sigv4_trace t = SIGV4_TRACE_INIT;
	char *cause = NULL, *url;
	static const char *const order[] = { "response-content-type",
		"X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date",
		"X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Security-Token",
		"X-Amz-Signature" };
	size_t i;

	make_request(&r, "GET", "/bucket/phi%20report.pdf", "s3");
	aws_kvlist_add(&r.query, "response-content-type", "text/plain");
	init_params(&p, c);
	p.flags = SIGV4_PRESIGN;
	p.expires = 300;
	CU_ASSERT_EQUAL_FATAL(sigv4_sign(&r, &p, &t, &cause), 0);
	CU_ASSERT_EQUAL_FATAL(r.query.n, HS_ARRAY_SIZE(order));
	for (i = 0; i < HS_ARRAY_SIZE(order); i++)
		HS_ASSERT_STR_EQ(r.query.items[i].name, order[i]);
	HS_ASSERT_STR_EQ(aws_kvlist_get_exact(&r.query, "X-Amz-Expires"), "300");
	HS_ASSERT_STR_EQ(aws_kvlist_get_exact(&r.query, "X-Amz-Credential"),
	    "AKIDEXAMPLE/20150830/us-east-1/s3/aws4_request");
	HS_ASSERT_STR_EQ(aws_kvlist_get_exact(&r.query, "X-Amz-Signature"),
	    t.signature);
	/* No Authorization, no X-Amz-Date header; S3 signs UNSIGNED-PAYLOAD. */
	CU_ASSERT_PTR_NULL(aws_kvlist_get(&r.headers, "Authorization"));
	CU_ASSERT_PTR_NULL(aws_kvlist_get(&r.headers, "X-Amz-Date"));
	CU_ASSERT_PTR_NULL(t.authorization);
	HS_ASSERT_STR_EQ(payload_line(&t), "UNSIGNED-PAYLOAD");
	CU_ASSERT_PTR_NOT_NULL(strstr(t.canonical_request,
	    "&X-Amz-Security-Token=TOK&X-Amz-SignedHeaders=host&"
	    "response-content-type=text%2Fplain\n"));
	/* Presigning again replaces the parameters. */
	CU_ASSERT_EQUAL_FATAL(sigv4_sign(&r, &p, &t, &cause), 0);
	CU_ASSERT_EQUAL(r.query.n, HS_ARRAY_SIZE(order));
	url = aws_request_url(&r);
	CU_ASSERT(hs_starts_with(url, "https://example.amazonaws.com/bucket/"
	    "phi%20report.pdf?response-content-type=text%2Fplain&"
	    "X-Amz-Algorithm=AWS4-HMAC-SHA256&"));
	free(url);
	sigv4_trace_clear(&t);
	aws_request_clear(&r);
	aws_credentials_release(c);
}

static void
test_presign_expiry_bounds(void)
{
	struct aws_credentials *c = aws_credentials_new(AKID, SECRET, NULL, 0,
	    "test");
	static const long bad[] = { 0, -5, SIGV4_MAX_EXPIRES + 1 };
	struct aws_request r;
	struct sigv4_params p;
	char *cause = NULL;
	size_t i;

	make_request(&r, "GET", "/", "s3");
	init_params(&p, c);
	p.flags = SIGV4_PRESIGN;
	for (i = 0; i < HS_ARRAY_SIZE(bad); i++) {
		p.expires = bad[i];
		CU_ASSERT_EQUAL(sigv4_sign(&r, &p, NULL, &cause), -1);
		CU_ASSERT_PTR_NOT_NULL(strstr(cause, "between 1 and 604800"));
		free(cause);
		cause = NULL;
	}
	p.expires = SIGV4_MAX_EXPIRES;
	CU_ASSERT_EQUAL(sigv4_sign(&r, &p, NULL, &cause), 0);
	aws_request_clear(&r);
	aws_credentials_release(c);
}

static void
test_sign_errors(void)
{
	struct aws_credentials *c = aws_credentials_new(AKID, SECRET, NULL, 0,
	    "test");
	struct aws_request r;
	struct sigv4_params p;
	char *cause = NULL;

	make_request(&r, "GET", "/", "iam");
	init_params(&p, NULL);
	CU_ASSERT_EQUAL(sigv4_sign(&r, &p, NULL, &cause), -1);
	HS_ASSERT_STR_EQ(cause, "cannot sign the request: no credentials");
	free(cause);
	p.credentials = c;
	free(r.signing_region);
	r.signing_region = NULL;
	CU_ASSERT_EQUAL(sigv4_sign(&r, &p, NULL, &cause), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "signing region"));
	free(cause);
	p.region = "eu-west-1";
	p.service = "";
	CU_ASSERT_EQUAL(sigv4_sign(&r, &p, NULL, &cause), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "signing service"));
	free(cause);
	CU_ASSERT_PTR_NULL(aws_kvlist_get(&r.headers, "Authorization"));
	p.service = NULL;
	free(r.host);
	r.host = NULL;
	CU_ASSERT_EQUAL(sigv4_sign(&r, &p, NULL, &cause), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "it has no host"));
	free(cause);
	aws_request_clear(&r);
	aws_credentials_release(c);
}

static void
test_signing_key_known_answer(void)
{
	/* The worked example of the AWS General Reference (IAM, 2012). */
	struct aws_credentials *c = aws_credentials_new(AKID, SECRET, NULL, 0,
	    "test");
	unsigned char key[SIGV4_SHA256_LEN];
	char hex[SIGV4_HEX_LEN + 1];

	sigv4_signing_key(key, NULL, c, "20120215", "us-east-1", "iam");
	sigv4_hex(hex, key, sizeof key);
	HS_ASSERT_STR_EQ(hex, "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a"
	    "1a9e090d414db404d");
	aws_credentials_release(c);
}

static void
test_key_cache(void)
{
	struct aws_credentials *c1 = aws_credentials_new(AKID, SECRET, NULL, 0,
	    "test");
	struct aws_credentials *c2 = aws_credentials_new(AKID, "other", NULL,
	    0, "test");
	struct sigv4_key_cache *cache = sigv4_key_cache_new();
	unsigned char want[SIGV4_SHA256_LEN], got[SIGV4_SHA256_LEN];
	char region[32];
	int round, i;

	/* More combinations than slots, twice: evictions stay correct. */
	for (round = 0; round < 2; round++)
		for (i = 0; i < 12; i++) {
			snprintf(region, sizeof region, "r-%d", i);
			sigv4_signing_key(want, NULL, c1, "20150830", region,
			    "s3");
			sigv4_signing_key(got, cache, c1, "20150830", region,
			    "s3");
			CU_ASSERT_EQUAL(memcmp(want, got, sizeof want), 0);
		}
	/* Same key ID, another secret: not served from the cache. */
	sigv4_signing_key(got, cache, c1, "20150830", "us-east-1", "iam");
	sigv4_signing_key(want, NULL, c2, "20150830", "us-east-1", "iam");
	sigv4_signing_key(got, cache, c2, "20150830", "us-east-1", "iam");
	CU_ASSERT_EQUAL(memcmp(want, got, sizeof want), 0);
	/* Another date is another key. */
	sigv4_signing_key(want, NULL, c2, "20150831", "us-east-1", "iam");
	sigv4_signing_key(got, cache, c2, "20150831", "us-east-1", "iam");
	CU_ASSERT_EQUAL(memcmp(want, got, sizeof want), 0);
	sigv4_key_cache_free(cache);
	sigv4_key_cache_free(NULL);
	aws_credentials_release(c1);
	aws_credentials_release(c2);
}

static void
test_time_format(void)
{
	static const char *const bad[] = { "20150231T000000Z",
		"20150830T123600", "2015083T123600Z", "20150830X123600Z",
		"20150830T246000Z", "2015-8-30T12:36Z", "" };
	char buf[SIGV4_TIME_LEN + 1];
	time_t t;
	size_t i;

	CU_ASSERT_EQUAL(sigv4_format_time(buf, T0), 0);
	HS_ASSERT_STR_EQ(buf, "20150830T123600Z");
	CU_ASSERT_EQUAL(sigv4_parse_time("20150830T123600Z", &t), 0);
	CU_ASSERT_EQUAL(t, T0);
	for (i = 0; i < HS_ARRAY_SIZE(bad); i++)
		CU_ASSERT_EQUAL(sigv4_parse_time(bad[i], &t), -1);
}

static void
test_redact(void)
{
	static const struct { const char *name, *value, *want; } cases[] = {
		{ "Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20150830/"
		  "us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, "
		  "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b"
		  "8aae1d763fbf31", "AWS4-HMAC-SHA256 Credential=AKID/20150830/"
		  "us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, "
		  "Signature=REDACTED" },
		{ "x-amz-security-token", "FwoGZXIvYXdzE", "REDACTED" },
		{ "Content-Type", "text/plain", "text/plain" },
	};
	char *s;
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(cases); i++) {
		s = sigv4_redact_header(cases[i].name, cases[i].value);
		HS_ASSERT_STR_EQ(s, cases[i].want);
		free(s);
	}
	s = sigv4_redact_url("https://b.s3.amazonaws.com/k?X-Amz-Credential="
	    "AKID%2F2015&X-Amz-Security-Token=abc%2B&x-amz-signature=f00d#frag");
	HS_ASSERT_STR_EQ(s, "https://b.s3.amazonaws.com/k?X-Amz-Credential="
	    "AKID%2F2015&X-Amz-Security-Token=REDACTED&"
	    "x-amz-signature=REDACTED#frag");
	free(s);
	s = sigv4_redact_url("https://h/p");
	HS_ASSERT_STR_EQ(s, "https://h/p");
	free(s);
}

static const struct hs_unit_case canon_cases[] = {
	{ "normalize-path", test_normalize_path },
	{ "canonical-uri", test_canonical_uri },
	{ "canonical-query", test_canonical_query },
	{ "trim-value", test_trim_value },
	{ "signed-headers", test_signed_headers },
};

static const struct hs_unit_case sign_cases[] = {
	{ "header-form", test_sign_header_form },
	{ "s3", test_sign_s3 },
	{ "given-payload-hash", test_given_payload_hash },
	{ "payload-file-streamed", test_payload_file_streamed },
	{ "session-token", test_session_token },
	{ "presign", test_presign },
	{ "presign-expiry-bounds", test_presign_expiry_bounds },
	{ "errors", test_sign_errors },
	{ "signing-key", test_signing_key_known_answer },
	{ "key-cache", test_key_cache },
	{ "time-format", test_time_format },
	{ "redact", test_redact },
};

void
hs_unit_register(void)
{
	hs_unit_add_table("sigv4-canon", canon_cases,
	    HS_ARRAY_SIZE(canon_cases));
	hs_unit_add_table("sigv4-sign", sign_cases, HS_ARRAY_SIZE(sign_cases));
}
