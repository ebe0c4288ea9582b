/*
 * sigv4-crypto.c: the hashing half of SigV4: payload hash (a file body is
 * streamed, never read whole), the HMAC chain of the signing key and its
 * cache, the signature, and the ISO 8601 basic time format.
 *
 * Every buffer that held the secret or a derived key is wiped with
 * OPENSSL_cleanse before it goes out of scope or is freed.
 */
#include "hs-common.h"
#include "sigv4-int.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#define CACHE_SLOTS 8
#define READ_CHUNK 65536

struct cache_entry {
	unsigned long used;	/* 0: empty; else the tick of the last use */
	char *access_key_id;
	unsigned char secret_fp[SIGV4_SHA256_LEN]; /* SHA-256 of the secret */
	char date[SIGV4_DATE_LEN + 1];
	char *region;
	char *service;
	unsigned char key[SIGV4_SHA256_LEN];
};

struct sigv4_key_cache {
	struct cache_entry slots[CACHE_SLOTS];
	unsigned long tick;
};

/* Write the lower-case hex of n bytes into out (2n+1 bytes). */
void
sigv4_hex(char *out, const unsigned char *in, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = hex[in[i] >> 4];
		out[2 * i + 1] = hex[in[i] & 15];
	}
	out[2 * n] = '\0';
}

/* Hex SHA-256 of a buffer. */
void
sigv4_sha256_hex(char *out, const void *data, size_t len)
{
	unsigned char md[SIGV4_SHA256_LEN];

	if (EVP_Digest(data, len, md, NULL, EVP_sha256(), NULL) != 1)
		BUG("EVP_Digest(sha256) failed");
	sigv4_hex(out, md, sizeof md);
}

/* Hash length bytes (-1: to the end) of fd into ctx. */
static int
hash_fd(EVP_MD_CTX *ctx, int fd, off_t length, const char *path,
    char **cause)
{
	unsigned char *chunk = hs_xmalloc(READ_CHUNK);
	off_t done = 0;
	int rc = -1;

	while (length < 0 || done < length) {
		size_t want = READ_CHUNK;
		ssize_t n;

		if (length >= 0 && (off_t)want > length - done)
			want = (size_t)(length - done);
		n = read(fd, chunk, want);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*cause = hs_xasprintf("cannot read '%s': %s", path,
			    strerror(errno));
			goto cleanup;
		}
		if (n == 0)
			break;
		if (EVP_DigestUpdate(ctx, chunk, (size_t)n) != 1)
			BUG("EVP_DigestUpdate failed");
		done += n;
	}
	if (length >= 0 && done < length) {
		*cause = hs_xasprintf("cannot read '%s': the file ended %lld "
		    "bytes before the %lld bytes to send", path,
		    (long long)(length - done), (long long)length);
		goto cleanup;
	}
	rc = 0;
cleanup:
	hs_cleanse(chunk, READ_CHUNK);
	free(chunk);
	return rc;
}

/* Hex SHA-256 of a file range, streamed. */
static int
hash_file(char *out, const char *path, off_t offset, off_t length,
    char **cause)
{
	EVP_MD_CTX *ctx = NULL;
	unsigned char md[SIGV4_SHA256_LEN];
	int fd, rc = -1;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		*cause = hs_xasprintf("cannot open '%s': %s", path,
		    strerror(errno));
		return -1;
	}
	if (offset > 0 && lseek(fd, offset, SEEK_SET) < 0) {
		*cause = hs_xasprintf("cannot seek to byte %lld of '%s': %s",
		    (long long)offset, path, strerror(errno));
		goto cleanup;
	}
	ctx = EVP_MD_CTX_new();
	if (ctx == NULL || EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1)
		BUG("cannot start a SHA-256 digest");
	if (hash_fd(ctx, fd, length, path, cause) < 0)
		goto cleanup;
	if (EVP_DigestFinal_ex(ctx, md, NULL) != 1)
		BUG("EVP_DigestFinal_ex failed");
	sigv4_hex(out, md, sizeof md);
	rc = 0;
cleanup:
	EVP_MD_CTX_free(ctx);
	close(fd);
	return rc;
}

/* Hex SHA-256 of r's body, streaming a file body. */
int
sigv4_payload_hash(char *out, const struct aws_request *r, char **cause)
{
	switch (r->body_kind) {
	case AWS_BODY_NONE:
		hs_strlcpy(out, SIGV4_EMPTY_SHA256, SIGV4_HEX_LEN + 1);
		return 0;
	case AWS_BODY_MEMORY:
		sigv4_sha256_hex(out, r->body.buf, r->body.len);
		return 0;
	case AWS_BODY_FILE:
		return hash_file(out, r->body_file, r->body_file_offset,
		    r->body_file_length, cause);
	}
	BUG("unknown body kind %d", (int)r->body_kind);
}

/* HMAC-SHA256 of a string with a key. */
static void
hmac(unsigned char out[SIGV4_SHA256_LEN], const void *key, size_t keylen,
    const char *msg)
{
	unsigned int len = SIGV4_SHA256_LEN;

	if (HMAC(EVP_sha256(), key, (int)keylen, (const unsigned char *)msg,
	    strlen(msg), out, &len) == NULL || len != SIGV4_SHA256_LEN)
		BUG("HMAC-SHA256 failed");
}

/* Run the HMAC chain: "AWS4"+secret, date, region, service, aws4_request. */
static void
derive_key(unsigned char key[SIGV4_SHA256_LEN], const char *secret,
    const char *date, const char *region, const char *service)
{
	unsigned char k1[SIGV4_SHA256_LEN], k2[SIGV4_SHA256_LEN];
	char *k0 = hs_xasprintf("AWS4%s", secret);

	hmac(k1, k0, strlen(k0), date);
	hmac(k2, k1, sizeof k1, region);
	hmac(k1, k2, sizeof k2, service);
	hmac(key, k1, sizeof k1, "aws4_request");
	hs_free_secret(k0);
	OPENSSL_cleanse(k1, sizeof k1);
	OPENSSL_cleanse(k2, sizeof k2);
}

/* Create an empty signing-key cache. */
struct sigv4_key_cache *
sigv4_key_cache_new(void)
{
	return hs_xcalloc(1, sizeof(struct sigv4_key_cache));
}

/* Wipe one entry and free its strings. */
static void
entry_clear(struct cache_entry *e)
{
	free(e->access_key_id);
	free(e->region);
	free(e->service);
	OPENSSL_cleanse(e, sizeof *e);
	e->access_key_id = e->region = e->service = NULL;
	e->used = 0;
}

/* Wipe every cached key and free the cache. */
void
sigv4_key_cache_free(struct sigv4_key_cache *cache)
{
	size_t i;

	if (cache == NULL)
		return;
	for (i = 0; i < CACHE_SLOTS; i++)
		entry_clear(&cache->slots[i]);
	free(cache);
}

/* Find a matching entry, or NULL. */
static struct cache_entry *
cache_find(struct sigv4_key_cache *cache, const char *akid,
    const unsigned char fp[SIGV4_SHA256_LEN], const char *date,
    const char *region, const char *service)
{
	size_t i;

	for (i = 0; i < CACHE_SLOTS; i++) {
		struct cache_entry *e = &cache->slots[i];

		if (e->used != 0 && strcmp(e->access_key_id, akid) == 0 &&
		    CRYPTO_memcmp(e->secret_fp, fp, SIGV4_SHA256_LEN) == 0 &&
		    strcmp(e->date, date) == 0 &&
		    strcmp(e->region, region) == 0 &&
		    strcmp(e->service, service) == 0)
			return e;
	}
	return NULL;
}

/* The empty or least recently used entry, wiped. */
static struct cache_entry *
cache_victim(struct sigv4_key_cache *cache)
{
	struct cache_entry *v = &cache->slots[0];
	size_t i;

	for (i = 1; i < CACHE_SLOTS; i++)
		if (cache->slots[i].used < v->used)
			v = &cache->slots[i];
	entry_clear(v);
	return v;
}

/* Derive (or find in cache) the signing key for a date/region/service. */
void
sigv4_signing_key(unsigned char key[SIGV4_SHA256_LEN],
    struct sigv4_key_cache *cache, const struct aws_credentials *c,
    const char *date, const char *region, const char *service)
{
	unsigned char fp[SIGV4_SHA256_LEN];
	struct cache_entry *e;

	if (cache == NULL) {
		derive_key(key, c->secret_access_key, date, region, service);
		return;
	}
	if (EVP_Digest(c->secret_access_key, strlen(c->secret_access_key),
	    fp, NULL, EVP_sha256(), NULL) != 1)
		BUG("EVP_Digest(sha256) failed");
	e = cache_find(cache, c->access_key_id, fp, date, region, service);
	if (e == NULL) {
		e = cache_victim(cache);
		e->access_key_id = hs_xstrdup(c->access_key_id);
		memcpy(e->secret_fp, fp, sizeof fp);
		hs_strlcpy(e->date, date, sizeof e->date);
		e->region = hs_xstrdup(region);
		e->service = hs_xstrdup(service);
		derive_key(e->key, c->secret_access_key, date, region, service);
	}
	e->used = ++cache->tick;
	memcpy(key, e->key, SIGV4_SHA256_LEN);
	OPENSSL_cleanse(fp, sizeof fp);
}

/* Hex HMAC-SHA256 of the string to sign with a signing key. */
void
sigv4_signature(char out[SIGV4_HEX_LEN + 1],
    const unsigned char key[SIGV4_SHA256_LEN], const char *string_to_sign)
{
	unsigned char sig[SIGV4_SHA256_LEN];

	hmac(sig, key, SIGV4_SHA256_LEN, string_to_sign);
	sigv4_hex(out, sig, sizeof sig);
	OPENSSL_cleanse(sig, sizeof sig);
}

/* Format a time as "YYYYMMDDTHHMMSSZ". */
int
sigv4_format_time(char out[SIGV4_TIME_LEN + 1], time_t t)
{
	struct tm tm;

	if (hs_gmtime(t, &tm) < 0 || tm.tm_year + 1900 > 9999 ||
	    tm.tm_year + 1900 < 0)
		return -1;
	if (strftime(out, SIGV4_TIME_LEN + 1, "%Y%m%dT%H%M%SZ", &tm) !=
	    SIGV4_TIME_LEN)
		return -1;
	return 0;
}

/* Read n digits as a number; -1 if one is not a digit. */
static int
digits(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Parse "YYYYMMDDTHHMMSSZ"; -1 when malformed or not a real date. */
int
sigv4_parse_time(const char *s, time_t *out)
{
	char again[SIGV4_TIME_LEN + 1];
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	if (strlen(s) != SIGV4_TIME_LEN || s[8] != 'T' || s[15] != 'Z')
		return -1;
	tm.tm_year = digits(s, 4) - 1900;
	tm.tm_mon = digits(s + 4, 2) - 1;
	tm.tm_mday = digits(s + 6, 2);
	tm.tm_hour = digits(s + 9, 2);
	tm.tm_min = digits(s + 11, 2);
	tm.tm_sec = digits(s + 13, 2);
	if (tm.tm_year < -1900 || tm.tm_mon < 0 || tm.tm_mday < 0 ||
	    tm.tm_hour < 0 || tm.tm_min < 0 || tm.tm_sec < 0)
		return -1;
	*out = timegm(&tm);
	/* 20150231 would become March 3rd: insist on the same text back. */
	if (sigv4_format_time(again, *out) < 0 || strcmp(again, s) != 0)
		return -1;
	return 0;
}

/* Append the string to sign. */
void
sigv4_string_to_sign(struct hs_buf *out, const char *amz_time,
    const char *scope, const char *canonical_request)
{
	char hash[SIGV4_HEX_LEN + 1];

	sigv4_sha256_hex(hash, canonical_request, strlen(canonical_request));
	hs_buf_addf(out, SIGV4_ALGORITHM "\n%s\n%s\n%s", amz_time, scope,
	    hash);
}
