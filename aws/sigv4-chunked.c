/*
 * sigv4-chunked.c: decode and check an aws-chunked request body (S3's
 * "streaming" uploads) after sigv4_verify() accepted its headers.
 *
 * The decoder is a byte-at-a-time state machine fed in pieces of any size,
 * so a body never has to sit whole in memory and a chunk boundary may
 * fall anywhere in a piece. Chunk data is hashed as it passes and handed
 * to the caller at once; the chunk's signature is checked when its CRLF
 * arrives. The framing is S3's, stricter than HTTP's chunked coding: lines
 * end in CRLF, a chunk size is 1 to 16 hex digits, a signed chunk carries
 * exactly one extension, "chunk-signature=" and 64 hex digits. A missing
 * final CRLF after the last chunk (or after the trailers) is forgiven, as
 * S3 forgives it.
 */
#include "hs-common.h"
#include "sigv4-int.h"

#include <ctype.h>
#include <strings.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#define CHUNK_LINE_MAX 256	/* "SIZE;chunk-signature=SIG" is 104 */
#define TRAILER_MAX 4096	/* all trailing headers together */
#define CHUNK_MIN 8192		/* S3: every chunk but the last */

enum chunk_state {
	ST_SIZE,	/* reading "SIZE[;chunk-signature=SIG]" CRLF */
	ST_DATA,	/* copying chunk data */
	ST_DATA_CR,	/* expecting the CR after the data */
	ST_DATA_LF,	/* expecting its LF */
	ST_TRAILER,	/* reading trailing header lines until an empty one */
	ST_DONE,	/* the body is complete */
	ST_FAILED,	/* refused; every further call fails */
};

struct sigv4_chunked {
	enum sigv4_chunked_mode mode;
	enum chunk_state st;
	unsigned char key[SIGV4_SHA256_LEN];	/* signing key, wiped */
	char amz_date[SIGV4_TIME_LEN + 1];
	char *scope;
	char prev[SIGV4_HEX_LEN + 1];	/* the signature the next one chains on */
	char sig[SIGV4_HEX_LEN + 1];	/* the current chunk's declared one */
	uint64_t expect_len;		/* X-Amz-Decoded-Content-Length */
	char *declared;			/* X-Amz-Trailer, lower-case, or NULL */
	struct hs_buf line;		/* the line being read */
	uint64_t left;			/* data bytes of this chunk still due */
	uint64_t size;			/* this chunk's size */
	uint64_t last_size;		/* the previous data chunk's size */
	unsigned long number;		/* chunks seen (1-based) */
	uint64_t decoded;		/* payload bytes handed over */
	EVP_MD_CTX *sha;		/* over this chunk's data */
	struct aws_kvlist trailers;
	struct hs_buf canon;		/* canonical trailers, for their signature */
	char *trailer_sig;
	size_t trailer_bytes;
};

/* Record why the body was refused; always -1. */
HS_PRINTF(3, 4) static int
refuse(struct sigv4_verify_result *res, enum sigv4_status st,
    const char *fmt, ...)
{
	va_list ap;

	res->status = st;
	res->code = sigv4_error_code(SIGV4_FAMILY_S3, st);
	res->http_status = sigv4_error_http_status(SIGV4_FAMILY_S3, st);
	free(res->message);
	va_start(ap, fmt);
	res->message = hs_xvasprintf(fmt, ap);
	va_end(ap);
	res->chunked->st = ST_FAILED;
	return -1;
}

/* Refuse a body that ended early or whose framing is broken. */
static int
refuse_incomplete(struct sigv4_verify_result *res)
{
	return refuse(res, SIGV4_ERR_BODY_INCOMPLETE, "The request body "
	    "terminated unexpectedly");
}

/* Start a decoder for a verified request; the key is copied. */
struct sigv4_chunked *
sigv4_chunked_new(enum sigv4_chunked_mode mode,
    const unsigned char key[SIGV4_SHA256_LEN], const char *amz_date,
    const char *scope, const char *seed, uint64_t decoded_length,
    const char *declared_trailers)
{
	struct sigv4_chunked *d = hs_xcalloc(1, sizeof *d);
	size_t i;

	d->mode = mode;
	memcpy(d->key, key, sizeof d->key);
	hs_strlcpy(d->amz_date, amz_date, sizeof d->amz_date);
	d->scope = hs_xstrdup(scope);
	hs_strlcpy(d->prev, seed ? seed : "", sizeof d->prev);
	d->expect_len = decoded_length;
	if (declared_trailers != NULL) {
		d->declared = hs_xstrdup(declared_trailers);
		for (i = 0; d->declared[i] != '\0'; i++)
			d->declared[i] = (char)tolower(
			    (unsigned char)d->declared[i]);
	}
	hs_buf_init(&d->line, CHUNK_LINE_MAX);
	hs_buf_init(&d->canon, TRAILER_MAX);
	d->sha = EVP_MD_CTX_new();
	if (d->sha == NULL)
		BUG("cannot allocate a SHA-256 context");
	return d;
}

/* Wipe the key and free a decoder (NULL is fine). */
void
sigv4_chunked_free(struct sigv4_chunked *d)
{
	if (d == NULL)
		return;
	OPENSSL_cleanse(d->key, sizeof d->key);
	OPENSSL_cleanse(d->prev, sizeof d->prev);
	free(d->scope);
	free(d->declared);
	hs_buf_release(&d->line);
	hs_buf_release(&d->canon);
	EVP_MD_CTX_free(d->sha);
	aws_kvlist_clear(&d->trailers);
	free(d->trailer_sig);
	free(d);
}

/* Tell whether the chunks carry signatures. */
static bool
signed_mode(const struct sigv4_chunked *d)
{
	return d->mode != SIGV4_CHUNKED_UNSIGNED_TRAILER;
}

/* Sign "ALGORITHM\nDATE\nSCOPE\nPREV\n<rest>" and compare with want. */
static int
check_chain(struct sigv4_verify_result *res, const char *algorithm,
    const char *rest, const char *want)
{
	struct sigv4_chunked *d = res->chunked;
	struct hs_buf sts = HS_BUF_INIT;
	char sig[SIGV4_HEX_LEN + 1];
	bool ok;

	if (hs_buf_addf(&sts, "%s\n%s\n%s\n%s\n%s", algorithm, d->amz_date,
	    d->scope, d->prev, rest) != 0)
		BUG("string to sign too long");
	sigv4_signature(sig, d->key, sts.buf);
	ok = hs_const_time_eq(sig, want) && strlen(want) == SIGV4_HEX_LEN;
	OPENSSL_cleanse(sig, sizeof sig);
	if (ok) {
		hs_strlcpy(d->prev, want, sizeof d->prev);
		hs_buf_release(&sts);
		return 0;
	}
	hs_free_secret(res->string_to_sign);
	res->string_to_sign = hs_buf_detach(&sts, NULL);
	return refuse(res, SIGV4_ERR_SIGNATURE, "The request signature we "
	    "calculated does not match the signature you provided. Check "
	    "your key and signing method.");
}

/* Check the signature of the chunk whose data was just hashed. */
static int
check_chunk(struct sigv4_verify_result *res)
{
	struct sigv4_chunked *d = res->chunked;
	unsigned char md[SIGV4_SHA256_LEN];
	char hash[SIGV4_HEX_LEN + 1], *rest;
	int rc;

	if (!signed_mode(d))
		return 0;
	if (EVP_DigestFinal_ex(d->sha, md, NULL) != 1)
		BUG("EVP_DigestFinal_ex failed");
	sigv4_hex(hash, md, sizeof md);
	rest = hs_xasprintf("%s\n%s", SIGV4_EMPTY_SHA256, hash);
	rc = check_chain(res, "AWS4-HMAC-SHA256-PAYLOAD", rest, d->sig);
	free(rest);
	return rc;
}

/* Tell whether s is exactly n lower-case hex digits. */
static bool
is_hex(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]) && !(s[i] >= 'a' &&
		    s[i] <= 'f'))
			return false;
	return s[n] == '\0';
}

/* Read a chunk's extension: the signature (signed) or nothing. */
static int
parse_extension(struct sigv4_verify_result *res, const char *ext)
{
	struct sigv4_chunked *d = res->chunked;
	static const char name[] = ";chunk-signature=";

	if (!signed_mode(d))
		return *ext == '\0' ? 0 : refuse_incomplete(res);
	if (strncmp(ext, name, sizeof name - 1) != 0 ||
	    !is_hex(ext + sizeof name - 1, SIGV4_HEX_LEN))
		return refuse(res, SIGV4_ERR_BODY_INCOMPLETE, "The chunk %lu "
		    "does not carry a valid chunk-signature", d->number);
	hs_strlcpy(d->sig, ext + sizeof name - 1, sizeof d->sig);
	return 0;
}

/* Refuse a small chunk that another data chunk follows (signed only). */
static int
check_chunk_size(struct sigv4_verify_result *res)
{
	struct sigv4_chunked *d = res->chunked;

	if (!signed_mode(d) || d->number < 2 || d->size == 0 ||
	    d->last_size >= CHUNK_MIN)
		return 0;
	res->chunk_number = d->number;
	res->chunk_size = d->last_size;
	return refuse(res, SIGV4_ERR_CHUNK_SIZE, "Only the last chunk is "
	    "allowed to have a size less than %d bytes", CHUNK_MIN);
}

/* Parse a chunk-size line and start the chunk. */
static int
start_chunk(struct sigv4_verify_result *res)
{
	struct sigv4_chunked *d = res->chunked;
	const char *s = d->line.buf;
	size_t n = strspn(s, "0123456789abcdefABCDEF");
	char *end;

	d->number++;
	if (n == 0 || n > 16)
		return refuse_incomplete(res);
	d->size = strtoull(s, &end, 16);
	if (parse_extension(res, s + n) != 0 || check_chunk_size(res) != 0)
		return -1;
	if (d->size > d->expect_len - d->decoded)
		return refuse(res, SIGV4_ERR_BODY_INCOMPLETE, "The chunks hold "
		    "more than the %llu bytes of X-Amz-Decoded-Content-Length",
		    (unsigned long long)d->expect_len);
	if (EVP_DigestInit_ex(d->sha, EVP_sha256(), NULL) != 1)
		BUG("cannot start a SHA-256 digest");
	d->left = d->size;
	if (d->size > 0) {
		d->st = ST_DATA;
		return 0;
	}
	d->st = ST_TRAILER;
	return check_chunk(res);	/* the final chunk signs empty data */
}

/* Tell whether X-Amz-Trailer declares name (a comma-separated list). */
static bool
trailer_declared(const struct sigv4_chunked *d, const char *name)
{
	const char *p = d->declared;
	size_t len = strlen(name);

	while (p != NULL && *p != '\0') {
		size_t n;

		p += strspn(p, " ,");
		n = strcspn(p, " ,");
		if (n == len && strncmp(p, name, n) == 0)
			return true;
		p += n;
	}
	return false;
}

/* Take one trailing header line "name:value". */
static int
add_trailer(struct sigv4_verify_result *res, char *line)
{
	struct sigv4_chunked *d = res->chunked;
	char *colon = strchr(line, ':'), *value, *p;

	if (colon == NULL || colon == line || d->trailer_sig != NULL)
		return refuse(res, SIGV4_ERR_TRAILER, "The request contained "
		    "trailing data that was not well-formed or did not conform "
		    "to our published schema.");
	*colon = '\0';
	for (p = line; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	value = colon + 1;
	value += strspn(value, " \t");
	for (p = value + strlen(value); p > value && (p[-1] == ' ' ||
	    p[-1] == '\t'); p--)
		p[-1] = '\0';
	if (strcmp(line, "x-amz-trailer-signature") == 0 && signed_mode(d)) {
		d->trailer_sig = hs_xstrdup(value);
		return 0;
	}
	if (!hs_starts_with(line, "x-amz-checksum-") ||
	    !trailer_declared(d, line) ||
	    aws_kvlist_get(&d->trailers, line) != NULL)
		return refuse(res, SIGV4_ERR_TRAILER, "The trailing header "
		    "'%s' was not declared in x-amz-trailer", line);
	aws_kvlist_add(&d->trailers, line, value);
	if (hs_buf_addf(&d->canon, "%s:%s\n", line, value) != 0)
		return refuse_incomplete(res);
	return 0;
}

/* The first name X-Amz-Trailer declares that did not arrive, or NULL. */
static char *
trailer_missing(const struct sigv4_chunked *d)
{
	const char *p = d->declared;

	while (p != NULL && *p != '\0') {
		size_t n;
		char *name;

		p += strspn(p, " ,");
		n = strcspn(p, " ,");
		if (n == 0)
			break;
		name = hs_xstrndup(p, n);
		if (aws_kvlist_get(&d->trailers, name) == NULL)
			return name;
		free(name);
		p += n;
	}
	return NULL;
}

/* After the trailers: every declared one came, and their signature. */
static int
finish_trailers(struct sigv4_verify_result *res)
{
	struct sigv4_chunked *d = res->chunked;
	char hash[SIGV4_HEX_LEN + 1];
	char *missing;

	if (d->mode == SIGV4_CHUNKED_SIGNED && d->trailers.n > 0)
		return refuse(res, SIGV4_ERR_TRAILER, "Trailing headers are "
		    "not allowed with STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
	if ((missing = trailer_missing(d)) != NULL) {
		refuse(res, SIGV4_ERR_TRAILER, "The trailing header '%s' "
		    "declared in x-amz-trailer did not arrive", missing);
		free(missing);
		return -1;
	}
	if (d->mode != SIGV4_CHUNKED_SIGNED_TRAILER)
		return 0;
	if (d->trailer_sig == NULL)
		return refuse(res, SIGV4_ERR_TRAILER, "The trailing headers "
		    "carry no x-amz-trailer-signature");
	sigv4_sha256_hex(hash, d->canon.buf, d->canon.len);
	return check_chain(res, "AWS4-HMAC-SHA256-TRAILER", hash,
	    d->trailer_sig);
}

/* Handle a complete line in ST_SIZE or ST_TRAILER. */
static int
end_line(struct sigv4_verify_result *res)
{
	struct sigv4_chunked *d = res->chunked;
	int rc;

	if (d->line.len == 0 || d->line.buf[d->line.len - 1] != '\r')
		return refuse_incomplete(res);
	hs_buf_truncate(&d->line, d->line.len - 1);
	if (d->st == ST_SIZE)
		rc = start_chunk(res);
	else if (d->line.len == 0) {
		rc = finish_trailers(res);
		d->st = rc == 0 ? ST_DONE : ST_FAILED;
	} else {
		d->trailer_bytes += d->line.len;
		rc = d->trailer_bytes > TRAILER_MAX ? refuse(res,
		    SIGV4_ERR_TRAILER, "The trailing headers are too long") :
		    add_trailer(res, d->line.buf);
	}
	hs_buf_reset(&d->line);
	return rc;
}

/* Take bytes of a line; 0 after a whole line or the bytes given. */
static int
feed_line(struct sigv4_verify_result *res, const unsigned char *p,
    size_t len, size_t *used)
{
	struct sigv4_chunked *d = res->chunked;
	const unsigned char *nl = memchr(p, '\n', len);
	size_t n = nl ? (size_t)(nl - p) : len;

	*used = nl ? n + 1 : n;
	if (hs_buf_add(&d->line, p, n) != 0)
		return d->st == ST_SIZE ? refuse_incomplete(res) : refuse(res,
		    SIGV4_ERR_TRAILER, "A trailing header line is too long");
	return nl ? end_line(res) : 0;
}

/* Take bytes of chunk data: hash them and hand them over. */
static int
feed_data(struct sigv4_verify_result *res, const unsigned char *p,
    size_t len, size_t *used, sigv4_chunk_out_fn out, void *arg)
{
	struct sigv4_chunked *d = res->chunked;
	size_t n = len < d->left ? len : (size_t)d->left;

	*used = n;
	if (signed_mode(d) && EVP_DigestUpdate(d->sha, p, n) != 1)
		BUG("EVP_DigestUpdate failed");
	if (out(arg, p, n) != 0)
		return -1;
	d->left -= n;
	d->decoded += n;
	if (d->left == 0)
		d->st = ST_DATA_CR;
	return 0;
}

/* Take the CRLF after chunk data, then check the chunk. */
static int
feed_crlf(struct sigv4_verify_result *res, unsigned char ch)
{
	struct sigv4_chunked *d = res->chunked;

	if (d->st == ST_DATA_CR) {
		if (ch != '\r')
			return refuse_incomplete(res);
		d->st = ST_DATA_LF;
		return 0;
	}
	if (ch != '\n')
		return refuse_incomplete(res);
	d->last_size = d->size;
	d->st = ST_SIZE;
	return check_chunk(res);
}

/* Feed received bytes of an aws-chunked body. */
int
sigv4_chunked_feed(struct sigv4_verify_result *res, const void *data,
    size_t len, sigv4_chunk_out_fn out, void *arg)
{
	struct sigv4_chunked *d = res->chunked;
	const unsigned char *p = data;
	size_t used;
	int rc = 0;

	if (d == NULL)
		BUG("sigv4_chunked_feed without an aws-chunked payload");
	while (len > 0 && rc == 0) {
		used = 1;
		switch (d->st) {
		case ST_SIZE:
		case ST_TRAILER:
			rc = feed_line(res, p, len, &used);
			break;
		case ST_DATA:
			rc = feed_data(res, p, len, &used, out, arg);
			break;
		case ST_DATA_CR:
		case ST_DATA_LF:
			rc = feed_crlf(res, *p);
			break;
		case ST_DONE:
			rc = refuse(res, SIGV4_ERR_BODY_INCOMPLETE, "The request "
			    "body goes on after its last chunk");
			break;
		case ST_FAILED:
			rc = -1;
			break;
		}
		p += used;
		len -= used;
	}
	return rc;
}

/* Finish an aws-chunked body: complete, signed, of the declared length. */
int
sigv4_chunked_finish(struct sigv4_verify_result *res)
{
	struct sigv4_chunked *d = res->chunked;

	if (d == NULL)
		BUG("sigv4_chunked_finish without an aws-chunked payload");
	if (d->st == ST_FAILED)
		return -1;
	if (d->st == ST_TRAILER && d->line.len == 0) {
		if (finish_trailers(res) != 0)	/* no final CRLF: forgiven */
			return -1;
		d->st = ST_DONE;
	}
	if (d->st != ST_DONE)
		return refuse_incomplete(res);
	if (d->decoded != d->expect_len)
		return refuse(res, SIGV4_ERR_BODY_INCOMPLETE, "You did not "
		    "provide the number of bytes specified by the "
		    "X-Amz-Decoded-Content-Length HTTP header");
	return 0;
}

/* The trailing headers of a finished body (borrowed from res). */
const struct aws_kvlist *
sigv4_chunked_trailers(const struct sigv4_verify_result *res)
{
	if (res->chunked == NULL)
		BUG("sigv4_chunked_trailers without an aws-chunked payload");
	return &res->chunked->trailers;
}
