/*
 * protocol-compress.c: request compression, as botocore's compress.py
 * does it for operations with the requestcompression trait (CloudWatch's
 * PutMetricData): after serialization and before the checksum and the
 * signature, a body of at least request_min_compression_size_bytes
 * (10240 by default) is gzipped and "gzip" is appended to any
 * Content-Encoding the input set. A streaming input is compressed
 * whatever its size unless its shape requires a length. gzip is the only
 * encoding botocore knows; others are passed over, as botocore does.
 *
 * One difference from botocore: an encoding appended to a provided
 * Content-Encoding is written "custom, gzip" (the form of the Smithy
 * protocol tests) where botocore writes "custom,gzip"; HTTP reads both
 * as the same list.
 */
#include "hs-common.h"
#include "protocol-int.h"

#include <errno.h>
#include <zlib.h>

/* Feed len bytes (flush: Z_FINISH at the end) through z into out. */
static int
deflate_chunk(z_stream *z, const void *data, size_t len, int flush,
    struct hs_buf *out)
{
	unsigned char chunk[16384];
	int zrc;

	z->next_in = (Bytef *)(uintptr_t)data;
	z->avail_in = (uInt)len;
	do {
		z->next_out = chunk;
		z->avail_out = sizeof chunk;
		zrc = deflate(z, flush);
		if (zrc == Z_STREAM_ERROR)
			return -1;
		if (hs_buf_add(out, chunk, sizeof chunk - z->avail_out) < 0)
			return -1;
	} while (z->avail_out == 0 || (flush == Z_FINISH &&
	    zrc != Z_STREAM_END));
	return 0;
}

/* Feed a file's range (length -1: to its end) through z into out. */
static int
deflate_file(z_stream *z, const char *path, off_t offset, off_t length,
    struct hs_buf *out, char **cause)
{
	unsigned char buf[65536];
	FILE *f = fopen(path, "rb");
	int rc = -1;
	size_t n, want;

	if (f == NULL || fseeko(f, offset, SEEK_SET) != 0) {
		*cause = hs_xasprintf("cannot read %s to compress it: %s",
		    path, strerror(errno));
		goto cleanup;
	}
	for (;;) {
		want = length < 0 || (off_t)sizeof buf < length ? sizeof buf :
		    (size_t)length;
		n = want ? fread(buf, 1, want, f) : 0;
		if (n == 0)
			break;
		if (length >= 0)
			length -= (off_t)n;
		if (deflate_chunk(z, buf, n, Z_NO_FLUSH, out) < 0)
			goto nomem;
	}
	if (ferror(f)) {
		*cause = hs_xasprintf("cannot read %s to compress it: %s",
		    path, strerror(errno));
		goto cleanup;
	}
	rc = deflate_chunk(z, NULL, 0, Z_FINISH, out);
	if (rc == 0)
		goto cleanup;
nomem:
	*cause = hs_xasprintf("cannot compress %s", path);
	rc = -1;
cleanup:
	if (f != NULL)
		fclose(f);
	return rc;
}

/* Start a gzip stream at level 9, as Python's gzip.compress does. */
static int
gzip_begin(z_stream *z, char **cause)
{
	memset(z, 0, sizeof *z);
	if (deflateInit2(z, 9, Z_DEFLATED, 15 + 16, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK) {
		*cause = hs_xstrdup("cannot start gzip compression");
		return -1;
	}
	return 0;
}

/* Gzip data (level 9, as Python's gzip.compress) into out. */
int
aws_gzip(const void *data, size_t len, struct hs_buf *out, char **cause)
{
	z_stream z;
	int rc;

	if (gzip_begin(&z, cause) != 0)
		return -1;
	rc = deflate_chunk(&z, data, len, Z_FINISH, out);
	deflateEnd(&z);
	if (rc < 0)
		*cause = hs_xasprintf("cannot gzip a body of %zu bytes", len);
	return rc;
}

/* Gzip a request's file body into memory, as botocore does. */
static int
gzip_file_body(const struct aws_request *req, struct hs_buf *out,
    char **cause)
{
	z_stream z;
	int rc;

	if (gzip_begin(&z, cause) != 0)
		return -1;
	rc = deflate_file(&z, req->body_file, req->body_file_offset,
	    req->body_file_length, out, cause);
	deflateEnd(&z);
	return rc;
}

/* The streaming payload member of an operation's input, or NULL. */
static const struct aws_member *
streaming_input(const struct aws_operation *op)
{
	const struct aws_member *p = op->input.shape ?
	    aws_rest_payload(&op->input) : NULL;

	return p != NULL && (p->ref.traits->flags & AWS_TRAIT_STREAMING) ?
	    p : NULL;
}

/* Tell whether botocore would compress this request's body. */
static bool
should_compress(const struct aws_operation *op, size_t min_size,
    const struct aws_request *req)
{
	const struct aws_member *s = streaming_input(op);
	off_t size;

	if (s != NULL)
		return !(s->ref.traits->flags & AWS_TRAIT_REQUIRES_LENGTH);
	if (req->body_kind == AWS_BODY_FILE) {
		size = req->body_file_length;
		return size >= 0 && (uintmax_t)size >= min_size;
	}
	return req->body.len >= min_size;
}

/* Append encoding to the request's Content-Encoding. */
static void
add_content_encoding(struct aws_request *req, const char *encoding)
{
	const char *old = aws_kvlist_get(&req->headers, "Content-Encoding");
	char *value;

	if (old == NULL || *old == '\0') {
		aws_kvlist_set(&req->headers, "Content-Encoding", encoding);
		return;
	}
	value = hs_xasprintf("%s, %s", old, encoding);
	aws_kvlist_set(&req->headers, "Content-Encoding", value);
	free(value);
}

/* Compress the body when the operation asks for it and it is big enough. */
int
aws_protocol_compress(const struct aws_operation *op, size_t min_size,
    struct aws_request *req, char **cause)
{
	struct hs_buf out = HS_BUF_INIT;
	int rc = -1;

	if (op->request_compression == NULL ||
	    strcmp(op->request_compression, "gzip") != 0 ||
	    !should_compress(op, min_size, req))
		return 0;
	if (req->body_kind == AWS_BODY_FILE)
		rc = gzip_file_body(req, &out, cause);
	else
		rc = aws_gzip(req->body.buf ? req->body.buf : "",
		    req->body.len, &out, cause);
	if (rc == 0) {
		aws_request_set_body(req, out.buf, out.len);
		add_content_encoding(req, "gzip");
	}
	hs_buf_release(&out);
	return rc;
}
