/*
 * test-sigv4-chunked.c: aws-chunked request bodies on the server side.
 * The two worked examples of the S3 API reference (sigv4-streaming and
 * sigv4-streaming-trailers: 65 KiB + 1 KiB of 'a', their seed, chunk and
 * trailer signatures) must verify chunk by chunk whatever the pieces the
 * body arrives in; then bodies re-signed by a small independent signer
 * below (OpenSSL's HMAC, not the code under test) are tampered with.
 */
#include "hs-common.h"
#include "harness.h"
#include "sigv4.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#define AKID "AKIAIOSFODNN7EXAMPLE"
#define SECRET "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
#define T0 1369353600	/* 20130524T000000Z */
#define SCOPE "20130524/us-east-1/s3/aws4_request"
#define EMPTY SIGV4_EMPTY_SHA256

/* The seed signatures of the two examples. */
#define SEED "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9"
#define SEED_TRAILER \
	"106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e"

/* Find the example's key. */
static int
lookup(void *arg, const char *akid, struct aws_credentials **out,
    char **cause)
{
	*out = strcmp(akid, AKID) == 0 ? aws_credentials_new(AKID, SECRET,
	    NULL, 0, "sandbox") : NULL;
	return 0;
}

/* The example request; trailer: the -TRAILER variant. */
static void
example_request(struct aws_request *r, bool trailer, const char *seed)
{
	char *auth;

	aws_request_init(r);
	r->method = hs_xstrdup("PUT");
	r->scheme = hs_xstrdup("https");
	r->host = hs_xstrdup("s3.amazonaws.com");
	r->path = hs_xstrdup("/examplebucket/chunkObject.txt");
	aws_kvlist_add(&r->headers, "Host", "s3.amazonaws.com");
	aws_kvlist_add(&r->headers, "x-amz-date", "20130524T000000Z");
	aws_kvlist_add(&r->headers, "x-amz-storage-class", "REDUCED_REDUNDANCY");
	aws_kvlist_add(&r->headers, "x-amz-content-sha256", trailer ?
	    "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER" :
	    "STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
	aws_kvlist_add(&r->headers, "Content-Encoding", "aws-chunked");
	aws_kvlist_add(&r->headers, "x-amz-decoded-content-length", "66560");
	if (trailer)
		aws_kvlist_add(&r->headers, "x-amz-trailer",
		    "x-amz-checksum-crc32c");
	else
		aws_kvlist_add(&r->headers, "Content-Length", "66824");
	auth = hs_xasprintf("AWS4-HMAC-SHA256 Credential=" AKID "/" SCOPE
	    ",SignedHeaders=%s,Signature=%s", trailer ? "content-encoding;"
	    "host;x-amz-content-sha256;x-amz-date;"
	    "x-amz-decoded-content-length;x-amz-storage-class;x-amz-trailer" :
	    "content-encoding;content-length;host;x-amz-content-sha256;"
	    "x-amz-date;x-amz-decoded-content-length;x-amz-storage-class",
	    seed ? seed : trailer ? SEED_TRAILER : SEED);
	aws_kvlist_add(&r->headers, "Authorization", auth);
	free(auth);
}

/* The example body: 64 KiB then 1 KiB of 'a', and the trailer. */
static void
example_body(struct hs_buf *b, bool trailer)
{
	static const char *const sigs[2][3] = {
		{ "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
		  "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
		  "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9" },
		{ "b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2",
		  "1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7",
		  "2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992" },
	};
	char *a = hs_xmalloc(65536);
	int ok = 0;

	memset(a, 'a', 65536);
	hs_buf_init(b, 0);
	ok |= hs_buf_addf(b, "10000;chunk-signature=%s\r\n", sigs[trailer][0]);
	ok |= hs_buf_add(b, a, 65536);
	ok |= hs_buf_addf(b, "\r\n400;chunk-signature=%s\r\n", sigs[trailer][1]);
	ok |= hs_buf_add(b, a, 1024);
	ok |= hs_buf_addf(b, "\r\n0;chunk-signature=%s\r\n", sigs[trailer][2]);
	if (trailer)
		ok |= hs_buf_adds(b, "x-amz-checksum-crc32c:sOO8/Q==\r\n"
		    "x-amz-trailer-signature:d81f82fc3505edab99d459891051a732e8"
		    "730629a2e4a59689829ca17fe2e435\r\n");
	ok |= hs_buf_adds(b, "\r\n");
	CU_ASSERT_EQUAL_FATAL(ok, 0);
	free(a);
}

/* Collect the decoded payload. */
static int
collect(void *arg, const void *data, size_t len)
{
	return hs_buf_add(arg, data, len);
}

/* Verify r; decode body in pieces of step bytes; the final status. */
static enum sigv4_status
run(const struct aws_request *r, const struct hs_buf *body, size_t step,
    struct hs_buf *out, struct sigv4_verify_result *res)
{
	struct sigv4_verify_params p = { SIGV4_FAMILY_S3, "us-east-1", "s3",
	    T0 + 60, lookup, NULL, NULL };
	char *cause = NULL;
	size_t at;

	CU_ASSERT_EQUAL_FATAL(sigv4_verify(r, &p, res, &cause), 0);
	if (res->status != SIGV4_OK)
		return res->status;
	CU_ASSERT_PTR_NOT_NULL_FATAL(res->chunked);
	for (at = 0; at < body->len; at += step) {
		size_t n = body->len - at < step ? body->len - at : step;
		if (sigv4_chunked_feed(res, body->buf + at, n, collect,
		    out) != 0)
			return res->status;
	}
	sigv4_chunked_finish(res);
	return res->status;
}

/* Run and expect a status (and code); clears everything. */
static void
expect(const struct aws_request *r, const struct hs_buf *body, size_t step,
    enum sigv4_status st, const char *code)
{
	struct sigv4_verify_result res = SIGV4_VERIFY_RESULT_INIT;
	struct hs_buf out = HS_BUF_INIT;

	if (run(r, body, step, &out, &res) != st)
		printf("# status %d, wanted %d: %s %s\n", (int)res.status,
		    (int)st, res.code ? res.code : "-",
		    res.message ? res.message : "");
	CU_ASSERT_EQUAL(res.status, st);
	if (code != NULL)
		HS_ASSERT_STR_EQ(res.code, code);
	sigv4_verify_result_clear(&res);
	hs_buf_release(&out);
}

/* Tell whether b is n bytes of 'a'. */
static bool
all_a(const struct hs_buf *b, size_t n)
{
	size_t i;

	for (i = 0; i < b->len; i++)
		if (b->buf[i] != 'a')
			return false;
	return b->len == n;
}

static void
test_example(void)
{
	static const size_t steps[] = { 1 << 20, 1, 7, 100, 8192, 65537 };
	struct sigv4_verify_result res = SIGV4_VERIFY_RESULT_INIT;
	struct aws_request r;
	struct hs_buf body, out = HS_BUF_INIT;
	size_t i;

	example_request(&r, false, NULL);
	example_body(&body, false);
	CU_ASSERT_EQUAL(body.len, 66824);	/* its Content-Length */
	for (i = 0; i < HS_ARRAY_SIZE(steps); i++) {
		printf("# pieces of %zu bytes\n", steps[i]);
		CU_ASSERT_EQUAL(run(&r, &body, steps[i], &out, &res), SIGV4_OK);
		CU_ASSERT(all_a(&out, 66560));
		CU_ASSERT_EQUAL(sigv4_chunked_trailers(&res)->n, 0);
		sigv4_verify_result_clear(&res);
		hs_buf_reset(&out);
	}
	hs_buf_release(&out);
	hs_buf_release(&body);
	aws_request_clear(&r);
}

static void
test_example_trailer(void)
{
	struct sigv4_verify_result res = SIGV4_VERIFY_RESULT_INIT;
	const struct aws_kvlist *t;
	struct aws_request r;
	struct hs_buf body, out = HS_BUF_INIT;

	example_request(&r, true, NULL);
	example_body(&body, true);
	CU_ASSERT_EQUAL(run(&r, &body, 333, &out, &res), SIGV4_OK);
	CU_ASSERT(all_a(&out, 66560));
	t = sigv4_chunked_trailers(&res);
	CU_ASSERT_EQUAL_FATAL(t->n, 1);
	HS_ASSERT_STR_EQ(t->items[0].name, "x-amz-checksum-crc32c");
	HS_ASSERT_STR_EQ(t->items[0].value, "sOO8/Q==");
	sigv4_verify_result_clear(&res);
	hs_buf_release(&out);
	hs_buf_release(&body);
	aws_request_clear(&r);
}

/* Replace the first occurrence of from in b by to. */
static void
edit(struct hs_buf *b, const char *from, const char *to)
{
	char *at = memmem(b->buf, b->len, from, strlen(from));
	struct hs_buf n = HS_BUF_INIT;
	size_t off;

	CU_ASSERT_PTR_NOT_NULL_FATAL(at);
	off = (size_t)(at - b->buf);
	if (hs_buf_add(&n, b->buf, off) != 0 || hs_buf_adds(&n, to) != 0 ||
	    hs_buf_add(&n, at + strlen(from), b->len - off - strlen(from)) != 0)
		BUG("edit failed");
	hs_buf_release(b);
	*b = n;
}

static void
test_tampered(void)
{
	struct aws_request r;
	struct hs_buf body;

	example_request(&r, false, NULL);
	/* One byte of the second chunk changed. */
	example_body(&body, false);
	body.buf[65536 + 200] = 'b';
	expect(&r, &body, 4096, SIGV4_ERR_SIGNATURE, "SignatureDoesNotMatch");
	hs_buf_release(&body);
	/* The chunks swapped with their signatures: the chain breaks. */
	example_body(&body, false);
	edit(&body, "0;chunk-signature=b6c6", "0;chunk-signature=b6c7");
	expect(&r, &body, 1 << 20, SIGV4_ERR_SIGNATURE, NULL);
	hs_buf_release(&body);
	/* Truncated, or cut before the final chunk. */
	example_body(&body, false);
	hs_buf_truncate(&body, body.len - 100);
	expect(&r, &body, 1000, SIGV4_ERR_BODY_INCOMPLETE, "IncompleteBody");
	hs_buf_truncate(&body, 65000);
	expect(&r, &body, 1000, SIGV4_ERR_BODY_INCOMPLETE, "IncompleteBody");
	hs_buf_release(&body);
	/* Data after the last chunk; a chunk without its signature. */
	example_body(&body, false);
	if (hs_buf_adds(&body, "x") != 0)
		BUG("append");
	expect(&r, &body, 1 << 20, SIGV4_ERR_BODY_INCOMPLETE, NULL);
	hs_buf_release(&body);
	example_body(&body, false);
	edit(&body, "400;chunk-signature=", "400;chunk-signatur=");
	expect(&r, &body, 1 << 20, SIGV4_ERR_BODY_INCOMPLETE, NULL);
	hs_buf_release(&body);
	/* Without the final CRLF it is still complete. */
	example_body(&body, false);
	hs_buf_truncate(&body, body.len - 2);
	expect(&r, &body, 1 << 20, SIGV4_OK, NULL);
	hs_buf_release(&body);
	aws_request_clear(&r);
	/* A wrong seed signature fails before any chunk. */
	example_request(&r, false, "4f232c4386841ef735655705268965c44a0e4690"
	    "baa4adea153f7db9fa80a0a8");
	example_body(&body, false);
	expect(&r, &body, 1 << 20, SIGV4_ERR_SIGNATURE, NULL);
	hs_buf_release(&body);
	aws_request_clear(&r);
}

/* An independent chunk signer: HMAC chains over OpenSSL. */
struct signer {
	unsigned char key[32];
	char prev[65];
	struct hs_buf body;
};

/* HMAC-SHA256 of msg with key into out. */
static void
hmac(unsigned char out[32], const void *key, size_t klen, const char *msg)
{
	unsigned int n = 32;

	HMAC(EVP_sha256(), key, (int)klen, (const unsigned char *)msg,
	    strlen(msg), out, &n);
}

/* Lower-case hex of n bytes. */
static void
hex(char *out, const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", p[i]);
}

/* Start signing after seed. */
static void
signer_init(struct signer *s, const char *seed)
{
	unsigned char k1[32], k2[32];

	hmac(k1, "AWS4" SECRET, strlen("AWS4" SECRET), "20130524");
	hmac(k2, k1, 32, "us-east-1");
	hmac(k1, k2, 32, "s3");
	hmac(s->key, k1, 32, "aws4_request");
	hs_strlcpy(s->prev, seed, sizeof s->prev);
	hs_buf_init(&s->body, 0);
}

/* Sign "ALG\nDATE\nSCOPE\nPREV\nrest" and chain on it. */
static void
signer_chain(struct signer *s, const char *alg, const char *rest)
{
	unsigned char mac[32];
	char *sts = hs_xasprintf("%s\n20130524T000000Z\n" SCOPE "\n%s\n%s",
	    alg, s->prev, rest);

	hmac(mac, s->key, 32, sts);
	hex(s->prev, mac, 32);
	free(sts);
}

/* Append a signed chunk of n bytes of c. */
static void
signer_chunk(struct signer *s, size_t n, char c)
{
	unsigned char md[32];
	char h[65], *rest, *data = hs_xmalloc(n + 1);

	memset(data, c, n);
	EVP_Digest(data, n, md, NULL, EVP_sha256(), NULL);
	hex(h, md, 32);
	rest = hs_xasprintf(EMPTY "\n%s", h);
	signer_chain(s, "AWS4-HMAC-SHA256-PAYLOAD", rest);
	if (hs_buf_addf(&s->body, "%zx;chunk-signature=%s\r\n", n,
	    s->prev) != 0 || hs_buf_add(&s->body, data, n) != 0 ||
	    (n > 0 && hs_buf_adds(&s->body, "\r\n") != 0))
		BUG("append");
	free(rest);
	free(data);
}

/* Append signed trailers ("name:value\n"...) and their signature. */
static void
signer_trailers(struct signer *s, const char *canon)
{
	unsigned char md[32];
	char h[65];
	const char *p;

	EVP_Digest(canon, strlen(canon), md, NULL, EVP_sha256(), NULL);
	hex(h, md, 32);
	signer_chain(s, "AWS4-HMAC-SHA256-TRAILER", h);
	for (p = canon; *p != '\0'; p++)
		if (*p == '\n' ? hs_buf_adds(&s->body, "\r\n") != 0 :
		    hs_buf_addch(&s->body, *p) != 0)
			BUG("append");
	if (hs_buf_addf(&s->body, "x-amz-trailer-signature:%s\r\n\r\n",
	    s->prev) != 0)
		BUG("append");
}

static void
test_chunk_sizes(void)
{
	struct sigv4_verify_result res = SIGV4_VERIFY_RESULT_INIT;
	struct hs_buf out = HS_BUF_INIT;
	struct aws_request r;
	struct signer s;

	example_request(&r, false, NULL);
	/* The independent signer agrees with the example... */
	signer_init(&s, SEED);
	signer_chunk(&s, 65536, 'a');
	signer_chunk(&s, 1024, 'a');
	signer_chunk(&s, 0, 0);
	if (hs_buf_adds(&s.body, "\r\n") != 0)
		BUG("append");
	expect(&r, &s.body, 1 << 20, SIGV4_OK, NULL);
	hs_buf_release(&s.body);
	/* ...then a small chunk that is not the last one. */
	signer_init(&s, SEED);
	signer_chunk(&s, 8191, 'a');
	signer_chunk(&s, 66560 - 8191, 'a');
	signer_chunk(&s, 0, 0);
	CU_ASSERT_EQUAL(run(&r, &s.body, 1 << 20, &out, &res),
	    SIGV4_ERR_CHUNK_SIZE);
	HS_ASSERT_STR_EQ(res.code, "InvalidChunkSizeError");
	CU_ASSERT_EQUAL(res.chunk_number, 2);
	CU_ASSERT_EQUAL(res.chunk_size, 8191);
	sigv4_verify_result_clear(&res);
	hs_buf_release(&s.body);
	/* 8 KiB chunks and a small last one are fine. */
	signer_init(&s, SEED);
	for (size_t left = 66560; left > 0; left -= left > 8192 ? 8192 : left)
		signer_chunk(&s, left > 8192 ? 8192 : left, 'a');
	signer_chunk(&s, 0, 0);
	expect(&r, &s.body, 1 << 20, SIGV4_OK, NULL);
	hs_buf_release(&s.body);
	/* More, or fewer, bytes than X-Amz-Decoded-Content-Length. */
	signer_init(&s, SEED);
	signer_chunk(&s, 66561, 'a');
	signer_chunk(&s, 0, 0);
	expect(&r, &s.body, 1 << 20, SIGV4_ERR_BODY_INCOMPLETE, NULL);
	hs_buf_release(&s.body);
	signer_init(&s, SEED);
	signer_chunk(&s, 66559, 'a');
	signer_chunk(&s, 0, 0);
	expect(&r, &s.body, 1 << 20, SIGV4_ERR_BODY_INCOMPLETE, NULL);
	hs_buf_release(&s.body);
	hs_buf_release(&out);
	aws_request_clear(&r);
}

/* Sign the example's trailer body with canon as its trailers. */
static void
trailer_body(struct signer *s, const char *canon)
{
	signer_init(s, SEED_TRAILER);
	signer_chunk(s, 65536, 'a');
	signer_chunk(s, 1024, 'a');
	signer_chunk(s, 0, 0);
	signer_trailers(s, canon);
}

static void
test_trailers(void)
{
	struct aws_request r;
	struct signer s;

	example_request(&r, true, NULL);
	trailer_body(&s, "x-amz-checksum-crc32c:sOO8/Q==\n");
	expect(&r, &s.body, 4096, SIGV4_OK, NULL);
	/* The trailer's value changed after signing. */
	edit(&s.body, "sOO8/Q==", "sOO8/Q=A");
	expect(&r, &s.body, 4096, SIGV4_ERR_SIGNATURE, "SignatureDoesNotMatch");
	hs_buf_release(&s.body);
	/* A trailer that X-Amz-Trailer did not declare. */
	trailer_body(&s, "x-amz-checksum-crc32:AAAAAA==\n");
	expect(&r, &s.body, 4096, SIGV4_ERR_TRAILER, "MalformedTrailerError");
	hs_buf_release(&s.body);
	/* The declared one missing. */
	trailer_body(&s, "");
	expect(&r, &s.body, 4096, SIGV4_ERR_TRAILER, "MalformedTrailerError");
	hs_buf_release(&s.body);
	/* No trailer signature. */
	trailer_body(&s, "x-amz-checksum-crc32c:sOO8/Q==\n");
	edit(&s.body, "x-amz-trailer-signature:", "x-amz-trailer-signatur:");
	expect(&r, &s.body, 4096, SIGV4_ERR_TRAILER, NULL);
	hs_buf_release(&s.body);
	aws_request_clear(&r);
	/* Trailers sent with the plain signed form. */
	example_request(&r, false, NULL);
	signer_init(&s, SEED);
	signer_chunk(&s, 66560, 'a');
	signer_chunk(&s, 0, 0);
	if (hs_buf_adds(&s.body, "x-amz-checksum-crc32c:sOO8/Q==\r\n\r\n") != 0)
		BUG("append");
	expect(&r, &s.body, 4096, SIGV4_ERR_TRAILER, NULL);
	hs_buf_release(&s.body);
	aws_request_clear(&r);
}

/* Re-sign r's headers as the verifier sees them (its string to sign). */
static void
reseal(struct aws_request *r, const char *signed_headers)
{
	struct sigv4_verify_params p = { SIGV4_FAMILY_S3, NULL, NULL, T0,
	    lookup, NULL, NULL };
	struct sigv4_verify_result res = SIGV4_VERIFY_RESULT_INIT;
	unsigned char mac[32];
	struct signer s;
	char sig[65], *auth, *cause = NULL;

	auth = hs_xasprintf("AWS4-HMAC-SHA256 Credential=" AKID "/" SCOPE
	    ", SignedHeaders=%s, Signature=00", signed_headers);
	aws_kvlist_set(&r->headers, "Authorization", auth);
	free(auth);
	CU_ASSERT_EQUAL_FATAL(sigv4_verify(r, &p, &res, &cause), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(res.string_to_sign);
	signer_init(&s, "");
	hmac(mac, s.key, 32, res.string_to_sign);
	hex(sig, mac, 32);
	auth = hs_xasprintf("%.*sSignature=%s", (int)(strstr(aws_kvlist_get(
	    &r->headers, "Authorization"), "Signature=") - aws_kvlist_get(
	    &r->headers, "Authorization")), aws_kvlist_get(&r->headers,
	    "Authorization"), sig);
	aws_kvlist_set(&r->headers, "Authorization", auth);
	free(auth);
	hs_buf_release(&s.body);
	sigv4_verify_result_clear(&res);
}

/* A STREAMING-UNSIGNED-PAYLOAD-TRAILER request as botocore sends it. */
static void
unsigned_request(struct aws_request *r, const char *decoded_length)
{
	aws_request_init(r);
	r->method = hs_xstrdup("PUT");
	r->scheme = hs_xstrdup("https");
	r->host = hs_xstrdup("127.0.0.1");
	r->path = hs_xstrdup("/bucket/key");
	aws_kvlist_add(&r->headers, "Host", "127.0.0.1");
	aws_kvlist_add(&r->headers, "X-Amz-Date", "20130524T000000Z");
	aws_kvlist_add(&r->headers, "X-Amz-Content-SHA256",
	    "STREAMING-UNSIGNED-PAYLOAD-TRAILER");
	aws_kvlist_add(&r->headers, "Content-Encoding", "aws-chunked");
	aws_kvlist_add(&r->headers, "X-Amz-Trailer", "x-amz-checksum-crc32");
	if (decoded_length != NULL)
		aws_kvlist_add(&r->headers, "X-Amz-Decoded-Content-Length",
		    decoded_length);
	reseal(r, decoded_length ? "content-encoding;host;x-amz-content-sha256;"
	    "x-amz-date;x-amz-decoded-content-length;x-amz-trailer" :
	    "content-encoding;host;x-amz-content-sha256;x-amz-date;"
	    "x-amz-trailer");
}

static void
test_unsigned_trailer(void)
{
	struct sigv4_verify_result res = SIGV4_VERIFY_RESULT_INIT;
	struct hs_buf body = HS_BUF_INIT, out = HS_BUF_INIT;
	struct aws_request r;

	unsigned_request(&r, "9");
	if (hs_buf_adds(&body, "4\r\nover\r\n5\r\n-tls\n\r\n0\r\n"
	    "x-amz-checksum-crc32:xR7c5w==\r\n\r\n") != 0)
		BUG("append");
	/* Small chunks are fine unsigned; the checksum is the caller's. */
	CU_ASSERT_EQUAL(run(&r, &body, 3, &out, &res), SIGV4_OK);
	HS_ASSERT_STR_EQ(out.buf, "over-tls\n");
	HS_ASSERT_STR_EQ(aws_kvlist_get(sigv4_chunked_trailers(&res),
	    "x-amz-checksum-crc32"), "xR7c5w==");
	sigv4_verify_result_clear(&res);
	/* A chunk signature has no place here; nor has a bare LF. */
	edit(&body, "4\r\n", "4;chunk-signature=00\r\n");
	expect(&r, &body, 100, SIGV4_ERR_BODY_INCOMPLETE, NULL);
	edit(&body, "4;chunk-signature=00\r\n", "4\n");
	expect(&r, &body, 100, SIGV4_ERR_BODY_INCOMPLETE, NULL);
	edit(&body, "4\n", "4\r\n");
	/* Trailers S3 does not take, even declared. */
	edit(&body, "x-amz-checksum-crc32:", "x-amz-meta-a:");
	expect(&r, &body, 100, SIGV4_ERR_TRAILER, "MalformedTrailerError");
	aws_request_clear(&r);
	/* X-Amz-Decoded-Content-Length is required. */
	unsigned_request(&r, NULL);
	CU_ASSERT_EQUAL(run(&r, &body, 100, &out, &res),
	    SIGV4_ERR_LENGTH_REQUIRED);
	HS_ASSERT_STR_EQ(res.code, "MissingContentLength");
	CU_ASSERT_EQUAL(res.http_status, 411);
	CU_ASSERT_PTR_NULL(res.chunked);
	sigv4_verify_result_clear(&res);
	aws_request_clear(&r);
	hs_buf_release(&body);
	hs_buf_release(&out);
}

static void
test_sigv4a_refused(void)
{
	struct aws_request r;
	struct hs_buf body = HS_BUF_INIT;

	unsigned_request(&r, "0");
	aws_kvlist_set(&r.headers, "X-Amz-Content-SHA256",
	    "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD");
	expect(&r, &body, 1, SIGV4_ERR_MALFORMED,
	    "AuthorizationHeaderMalformed");
	aws_request_clear(&r);
}

static const struct hs_unit_case cases[] = {
	{ "aws-example", test_example },
	{ "aws-example-trailer", test_example_trailer },
	{ "tampered", test_tampered },
	{ "chunk-sizes", test_chunk_sizes },
	{ "trailers", test_trailers },
	{ "unsigned-trailer", test_unsigned_trailer },
	{ "sigv4a-refused", test_sigv4a_refused },
};

void
hs_unit_register(void)
{
	hs_unit_add_table("sigv4-chunked", cases, HS_ARRAY_SIZE(cases));
}
