/*
 * s3-body.c: object bodies in and out of blobs, with S3's integrity
 * checks: aws-chunked uploads (decoded by auth.c; their trailing checksum
 * is a header by now), Content-MD5 (InvalidDigest,
 * BadDigest) and the x-amz-checksum-* headers (CRC32, CRC32C, SHA1,
 * SHA256), each echoed back in the output (ChecksumCRC32...) when it
 * matched.
 */
#include "hs-common.h"
#include "s3.h"

#include <pthread.h>
#include <strings.h>
#include <zlib.h>
#include <openssl/evp.h>

enum s3_sum { SUM_CRC32, SUM_CRC32C, SUM_SHA1, SUM_SHA256, SUM_N };

static const char *const s3_sum_header[SUM_N] = {
	"x-amz-checksum-crc32", "x-amz-checksum-crc32c",
	"x-amz-checksum-sha1", "x-amz-checksum-sha256",
};
static const char *const s3_sum_name[SUM_N] = {
	"CRC32", "CRC32C", "SHA1", "SHA256",
};
/* The output members that echo them (PutObject, UploadPart). */
static const char *const s3_sum_member[SUM_N] = {
	"ChecksumCRC32", "ChecksumCRC32C", "ChecksumSHA1", "ChecksumSHA256",
};

static uint32_t crc32c_table[256];
static pthread_once_t crc32c_once = PTHREAD_ONCE_INIT;

/* Fill the CRC32C (Castagnoli, reflected 0x82F63B78) table. */
static void
crc32c_init(void)
{
	uint32_t i, j, c;

	for (i = 0; i < 256; i++) {
		c = i;
		for (j = 0; j < 8; j++)
			c = c & 1 ? (c >> 1) ^ 0x82F63B78u : c >> 1;
		crc32c_table[i] = c;
	}
}

/* Continue a CRC32C. */
static uint32_t
crc32c_update(uint32_t crc, const unsigned char *p, size_t n)
{
	crc = ~crc;
	while (n-- > 0)
		crc = crc32c_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

/* The checksums being computed over a body. */
struct s3_sums {
	bool want[SUM_N];
	uint32_t crc32, crc32c;
	EVP_MD_CTX *sha1, *sha256;
};

/* Start the checksums the request names. */
static void
sums_start(struct sbx_call *c, struct s3_sums *s)
{
	int i;

	memset(s, 0, sizeof *s);
	pthread_once(&crc32c_once, crc32c_init);
	for (i = 0; i < SUM_N; i++)
		s->want[i] = aws_kvlist_get(&c->req.headers,
		    s3_sum_header[i]) != NULL;
	s->crc32 = (uint32_t)crc32(0, NULL, 0);
	s->sha1 = EVP_MD_CTX_new();
	s->sha256 = EVP_MD_CTX_new();
	EVP_DigestInit_ex(s->sha1, EVP_sha1(), NULL);
	EVP_DigestInit_ex(s->sha256, EVP_sha256(), NULL);
}

/* Feed data to the checksums. */
static void
sums_update(struct s3_sums *s, const unsigned char *p, size_t n)
{
	if (s->want[SUM_CRC32])
		s->crc32 = (uint32_t)crc32(s->crc32, p, (uInt)n);
	if (s->want[SUM_CRC32C])
		s->crc32c = crc32c_update(s->crc32c, p, n);
	if (s->want[SUM_SHA1])
		EVP_DigestUpdate(s->sha1, p, n);
	if (s->want[SUM_SHA256])
		EVP_DigestUpdate(s->sha256, p, n);
}

/* The base64 value of checksum i. */
static void
sums_value(struct s3_sums *s, int i, char out[64])
{
	unsigned char raw[32];
	unsigned int len = 4;

	if (i == SUM_CRC32 || i == SUM_CRC32C) {
		uint32_t v = i == SUM_CRC32 ? s->crc32 : s->crc32c;
		raw[0] = (unsigned char)(v >> 24);
		raw[1] = (unsigned char)(v >> 16);
		raw[2] = (unsigned char)(v >> 8);
		raw[3] = (unsigned char)v;
	} else
		EVP_DigestFinal_ex(i == SUM_SHA1 ? s->sha1 : s->sha256, raw,
		    &len);
	EVP_EncodeBlock((unsigned char *)out, raw, (int)len);
}

/* Compare each requested checksum; BadDigest on a mismatch. */
static int
sums_check(struct sbx_call *c, struct s3_sums *s)
{
	char got[64];
	int i;

	for (i = 0; i < SUM_N; i++) {
		const char *want;
		if (!s->want[i])
			continue;
		want = aws_kvlist_get(&c->req.headers, s3_sum_header[i]);
		sums_value(s, i, got);
		if (strcmp(want, got) != 0)
			return sbx_fail(c, 400, "BadDigest", "The %s you "
			    "specified did not match the calculated checksum.",
			    s3_sum_name[i]);
		cJSON_AddStringToObject(sbx_s3_output(c), s3_sum_member[i],
		    got);
	}
	return 0;
}

/* Free the digest contexts. */
static void
sums_free(struct s3_sums *s)
{
	EVP_MD_CTX_free(s->sha1);
	EVP_MD_CTX_free(s->sha256);
}

/* Refuse an aws-chunked body that authentication did not decode. */
static int
s3_check_chunked(struct sbx_call *c)
{
	const char *sha = aws_kvlist_get(&c->req.headers,
	    "x-amz-content-sha256");
	const char *enc = aws_kvlist_get(&c->req.headers, "Content-Encoding");

	if (c->body_dechunked)
		return 0;
	if (sha != NULL && hs_starts_with(sha, "STREAMING-"))
		return sbx_fail(c, 501, "NotImplemented", "A header you "
		    "provided implies functionality that is not implemented");
	if (enc != NULL && strstr(enc, "aws-chunked") != NULL)
		return sbx_fail(c, 400, "InvalidRequest", "aws-chunked "
		    "encoding requires a STREAMING-* x-amz-content-sha256");
	return 0;
}

/* Check Content-MD5 against the body's MD5. */
static int
s3_check_md5(struct sbx_call *c, const unsigned char md5[16])
{
	const char *want = aws_kvlist_get(&c->req.headers, "Content-MD5");
	unsigned char raw[64];
	char got[32];
	int n;

	if (want == NULL)
		return 0;
	n = strlen(want) == 24 ? EVP_DecodeBlock(raw,
	    (const unsigned char *)want, 24) : -1;
	if (n != 18)	/* 16 bytes plus two padding bytes */
		return sbx_fail(c, 400, "InvalidDigest", "The Content-MD5 you "
		    "specified was invalid.");
	if (memcmp(raw, md5, 16) != 0) {
		EVP_EncodeBlock((unsigned char *)got, md5, 16);
		sbx_fail(c, 400, "BadDigest", "The Content-MD5 you specified "
		    "did not match what we received.");
		sbx_fail_field(c, "ExpectedDigest", want);
		sbx_fail_field(c, "CalculatedDigest", got);
		return -1;
	}
	return 0;
}

/* Copy the request body into a blob writer, feeding the checksums. */
static int
s3_body_copy(struct sbx_call *c, struct sbx_blob_writer *w,
    struct s3_sums *s, char **cause)
{
	unsigned char *buf = hs_xmalloc(1 << 16);
	uint64_t pos = 0;
	ssize_t n;
	int rc = 0;

	while ((n = sbx_body_read_at(c, pos, buf, 1 << 16)) > 0) {
		sums_update(s, buf, (size_t)n);
		if (sbx_blob_write(w, buf, (size_t)n, cause) != 0) {
			rc = -1;
			break;
		}
		pos += (uint64_t)n;
	}
	if (n < 0 && rc == 0) {
		*cause = hs_xstrdup("cannot read the request body");
		rc = -1;
	}
	free(buf);
	return rc;
}

/* Store the request body as a blob, checking its digests. */
int
sbx_s3_store_body(struct sbx_call *c, bool encrypt, char blob[33],
    uint64_t *size, char md5hex[33])
{
	struct sbx_blob_writer *w = NULL;
	struct s3_sums sums;
	unsigned char md5[16];
	char *cause = NULL;
	int i;

	if (s3_check_chunked(c) != 0)
		return -1;
	sums_start(c, &sums);
	if (sbx_blob_create(c->sb, encrypt, &w, &cause) != 0 ||
	    s3_body_copy(c, w, &sums, &cause) != 0) {
		sbx_blob_abort(w);
		sums_free(&sums);
		return sbx_s3_internal(c, cause);
	}
	if (sbx_blob_commit(w, blob, md5, size, &cause) != 0) {
		sums_free(&sums);
		return sbx_s3_internal(c, cause);
	}
	if (s3_check_md5(c, md5) != 0 || sums_check(c, &sums) != 0) {
		sbx_blob_remove(c->sb, blob);
		sums_free(&sums);
		return -1;
	}
	sums_free(&sums);
	for (i = 0; i < 16; i++)
		snprintf(md5hex + 2 * i, 3, "%02x", md5[i]);
	return 0;
}

/* Copy an existing body into a new blob (CopyObject, completion). */
int
sbx_s3_blob_copy(struct sbx_call *c, struct sbx_blob_writer *w,
    const char *blob, bool encrypted, uint64_t size)
{
	struct sbx_blob_reader *r = NULL;
	unsigned char *buf;
	uint64_t pos = 0;
	char *cause = NULL;
	ssize_t n = 0;

	if (sbx_blob_open(c->sb, blob, encrypted, size, &r, &cause) != 0)
		return sbx_s3_internal(c, cause);
	buf = hs_xmalloc(1 << 16);
	while (pos < size && (n = sbx_blob_read_at(r, pos, buf, 1 << 16)) > 0) {
		if (sbx_blob_write(w, buf, (size_t)n, &cause) != 0)
			break;
		pos += (uint64_t)n;
	}
	hs_cleanse(buf, 1 << 16);
	free(buf);
	sbx_blob_close(r);
	if (pos != size)
		return sbx_s3_internal(c, cause);
	return 0;
}

/* Remove bodies after the metadata that named them is gone. */
void
sbx_s3_blobs_remove(struct sbx_call *c, char **blobs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		sbx_blob_remove(c->sb, blobs[i]);
		free(blobs[i]);
	}
	free(blobs);
}
