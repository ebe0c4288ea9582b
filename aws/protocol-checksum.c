/*
 * protocol-checksum.c: the request checksums the models ask for.
 *
 * As botocore 1.43 does (httpchecksum.py, request_checksum_calculation
 * "when_supported"): an operation with httpChecksum gets the algorithm the
 * input names in its requestAlgorithmMember, else CRC32 when a checksum
 * is required or merely supported (not with the WHEN_REQUIRED flag), and
 * then the algorithm member's header says "CRC32". The digest goes in
 * x-amz-checksum-<algorithm>, base64 of the big-endian value. The older
 * httpChecksumRequired trait gets Content-MD5, as botocore did while
 * models used that trait. A checksum header already set (the input's
 * ChecksumCRC32 member...) is left alone. Unlike botocore, a streamed
 * body over https still carries the checksum in a header, not in an
 * aws-chunked trailer: the HTTP layer sends plain bodies.
 *
 * Bodies in files are read twice (here, then by the HTTP layer), never
 * whole into memory.
 */
#include "hs-common.h"
#include "protocol-int.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <strings.h>
#include <unistd.h>
#include <zlib.h>

struct checksum {
	const char *name;	/* lower case, as in the header name */
	const EVP_MD *(*md)(void);
	int crc;		/* 0: hash; 32: CRC32; 33: CRC32C; 64: NVME */
	uint64_t value;
	EVP_MD_CTX *ctx;
};

static const struct {
	const char *name;
	const EVP_MD *(*md)(void);
	int crc;
} algorithms[] = {
	{ "crc32", NULL, 32 },
	{ "crc32c", NULL, 33 },
	{ "crc64nvme", NULL, 64 },
	{ "md5", EVP_md5, 0 },
	{ "sha1", EVP_sha1, 0 },
	{ "sha256", EVP_sha256, 0 },
	{ "sha512", EVP_sha512, 0 },
};

static uint32_t crc32c_table[256];
static uint64_t crc64_table[256];
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

/* Fill the reflected CRC tables (CRC32C, CRC-64/NVME). */
static void
make_tables(void)
{
	uint32_t c32;
	uint64_t c64;
	int i, k;

	for (i = 0; i < 256; i++) {
		c32 = (uint32_t)i;
		c64 = (uint64_t)i;
		for (k = 0; k < 8; k++) {
			c32 = c32 & 1 ? (c32 >> 1) ^ 0x82f63b78u : c32 >> 1;
			c64 = c64 & 1 ? (c64 >> 1) ^ 0x9a6c9329ac4bc9b5ull :
			    c64 >> 1;
		}
		crc64_table[i] = c64;
		crc32c_table[i] = c32;
	}
}

/* Start a checksum; -1 if the algorithm is not supported. */
static int
checksum_init(struct checksum *c, const char *name)
{
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(algorithms); i++)
		if (strcmp(algorithms[i].name, name) == 0)
			break;
	if (i == HS_ARRAY_SIZE(algorithms))
		return -1;
	c->name = algorithms[i].name;
	c->md = algorithms[i].md;
	c->crc = algorithms[i].crc;
	c->ctx = NULL;
	c->value = c->crc == 32 ? 0 : c->crc == 33 ? 0xffffffffu :
	    0xffffffffffffffffull;
	pthread_once(&tables_once, make_tables);
	if (c->md != NULL) {
		c->ctx = EVP_MD_CTX_new();
		if (c->ctx == NULL || EVP_DigestInit_ex(c->ctx, c->md(), NULL) != 1)
			BUG("cannot start a %s digest", name);
	}
	return 0;
}

static void
checksum_update(struct checksum *c, const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t i;

	switch (c->crc) {
	case 32:
		while (len > 0) {
			uInt n = len > UINT32_MAX ? UINT32_MAX : (uInt)len;

			c->value = crc32((uLong)c->value, p, n);
			p += n;
			len -= n;
		}
		break;
	case 33:
		for (i = 0; i < len; i++)
			c->value = crc32c_table[(c->value ^ p[i]) & 0xff] ^
			    (c->value >> 8);
		break;
	case 64:
		for (i = 0; i < len; i++)
			c->value = crc64_table[(c->value ^ p[i]) & 0xff] ^
			    (c->value >> 8);
		break;
	default:
		EVP_DigestUpdate(c->ctx, data, len);
	}
}

/* Finish: append base64 of the digest (big-endian for CRCs). */
static void
checksum_final(struct checksum *c, struct hs_buf *out)
{
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	uint64_t v;
	int i, bytes;

	if (c->crc == 0) {
		EVP_DigestFinal_ex(c->ctx, d, &n);
		EVP_MD_CTX_free(c->ctx);
		c->ctx = NULL;
		aws_base64_encode(out, d, n);
		return;
	}
	v = c->crc == 33 ? c->value ^ 0xffffffffu : c->crc == 64 ?
	    ~c->value : c->value;
	bytes = c->crc == 64 ? 8 : 4;
	for (i = 0; i < bytes; i++)
		d[i] = (unsigned char)(v >> (8 * (bytes - 1 - i)));
	aws_base64_encode(out, d, (size_t)bytes);
}

/* Feed a range of a file to a checksum. */
static int
checksum_file(struct checksum *c, const char *path, off_t offset,
    off_t length, char **cause)
{
	char chunk[65536];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0) {
		*cause = hs_xasprintf("cannot open '%s': %s", path,
		    strerror(errno));
		return -1;
	}
	while (length != 0) {
		size_t want = length < 0 || length > (off_t)sizeof chunk ?
		    sizeof chunk : (size_t)length;

		n = pread(fd, chunk, want, offset);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*cause = hs_xasprintf("cannot read '%s': %s", path,
			    strerror(errno));
			close(fd);
			return -1;
		}
		if (n == 0)
			break;
		checksum_update(c, chunk, (size_t)n);
		offset += n;
		if (length > 0)
			length -= n;
	}
	close(fd);
	return 0;
}

/* The base64 checksum of a memory or file body; NULL with *cause. */
char *
aws_protocol_checksum(const char *algorithm, const void *data, size_t len,
    const char *file, off_t offset, off_t length, char **cause)
{
	struct checksum c;
	struct hs_buf out = HS_BUF_INIT;
	char *lower = hs_xstrdup(algorithm), *p;

	for (p = lower; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	if (checksum_init(&c, lower) < 0) {
		*cause = hs_xasprintf("unsupported checksum algorithm '%s' "
		    "(supported: CRC32, CRC32C, CRC64NVME, SHA1, SHA256, "
		    "SHA512)", algorithm);
		free(lower);
		return NULL;
	}
	free(lower);
	if (file != NULL) {
		if (checksum_file(&c, file, offset, length, cause) < 0) {
			if (c.ctx)
				EVP_MD_CTX_free(c.ctx);
			return NULL;
		}
	} else
		checksum_update(&c, data, len);
	checksum_final(&c, &out);
	return hs_buf_detach(&out, NULL);
}

/* Tell whether a checksum header is already set. */
static bool
has_checksum_header(const struct aws_kvlist *headers)
{
	size_t i;

	for (i = 0; i < headers->n; i++)
		if (strncasecmp(headers->items[i].name, "x-amz-checksum-", 15)
		    == 0)
			return true;
	return false;
}

/* Compute a checksum of the request body into header name. */
static int
add_checksum(struct aws_request *req, const char *algorithm,
    const char *header, char **cause)
{
	char *sum;

	if (req->body_kind == AWS_BODY_FILE)
		sum = aws_protocol_checksum(algorithm, NULL, 0, req->body_file,
		    req->body_file_offset, req->body_file_length, cause);
	else
		sum = aws_protocol_checksum(algorithm, req->body.buf,
		    req->body_kind == AWS_BODY_MEMORY ? req->body.len : 0, NULL,
		    0, 0, cause);
	if (sum == NULL)
		return -1;
	aws_kvlist_set(&req->headers, header, sum);
	free(sum);
	return 0;
}

/* Add the checksum header the operation needs (if any) to req. */
int
aws_checksum_apply(const struct aws_operation *op, const cJSON *input,
    unsigned flags, struct aws_request *req, char **cause)
{
	const char *member = op->checksum_algorithm_member;
	const cJSON *chosen = member ? cJSON_GetObjectItemCaseSensitive(input,
	    member) : NULL;
	const struct aws_member *m = member ? aws_model_find_member(
	    op->input.shape, member) : NULL;
	char *header, *alg;
	int rc;

	if (has_checksum_header(&req->headers))
		return 0;
	if (cJSON_IsString(chosen))
		alg = hs_xstrdup(chosen->valuestring);
	else if ((op->flags & AWS_OP_REQUEST_CHECKSUM_REQUIRED) ||
	    (member != NULL && !(flags & AWS_SERIALIZE_CHECKSUM_WHEN_REQUIRED))) {
		alg = hs_xstrdup("crc32");
		if (m != NULL && m->ref.traits->location == AWS_LOCATION_HEADER)
			aws_kvlist_set(&req->headers, aws_ref_name(&m->ref,
			    m->name), "CRC32");
	} else if (op->flags & AWS_OP_CHECKSUM_REQUIRED) {
		if (aws_kvlist_get(&req->headers, "Content-MD5") != NULL)
			return 0;
		return add_checksum(req, "md5", "Content-MD5", cause);
	} else
		return 0;
	for (header = alg; *header; header++)
		*header = (char)tolower((unsigned char)*header);
	header = hs_xasprintf("x-amz-checksum-%s", alg);
	rc = add_checksum(req, alg, header, cause);
	free(header);
	free(alg);
	return rc;
}
