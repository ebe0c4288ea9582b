/*
 * body.c: request bodies. Up to 1 MiB stays in memory; past that it is
 * spilled to a file under DATA/tmp (mode 0600, removed with the call), so
 * a 5 GiB upload never sits in memory. aws-chunked bodies (botocore sends
 * STREAMING-UNSIGNED-PAYLOAD-TRAILER over HTTPS; other SDKs sign each
 * chunk) are decoded here through the shared verifier's decoder
 * (aws/sigv4-chunked.c), which checks every chunk as it passes.
 */
#include "hs-common.h"
#include "sbx.h"

#include "aws/sigv4.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#define BODY_MEMORY_MAX ((size_t)1 << 20)
/* What an aws-chunked body is read in while it is decoded. */
#define DECHUNK_PIECE ((size_t)64 << 10)
/* S3's largest single PUT (5 GiB) plus room for aws-chunked framing. */
#define BODY_MAX (((uint64_t)5 << 30) + ((uint64_t)64 << 20))

/* Move a memory body to a spill file. */
static int
body_spill(struct sbx_call *c)
{
	char *path = sbx_tmp_path(c->sb, "body");
	int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

	if (fd < 0) {
		free(path);
		return -1;
	}
	if (c->req.body.len > 0 &&
	    write(fd, c->req.body.buf, c->req.body.len) !=
	    (ssize_t)c->req.body.len) {
		close(fd);
		unlink(path);
		free(path);
		return -1;
	}
	hs_buf_release(&c->req.body);
	c->req.body_kind = AWS_BODY_FILE;
	c->req.body_file = path;
	c->body_fd = fd;
	return 0;
}

/* Write all of len bytes at the end of the spill file. */
static int
body_write(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Take a chunk of the request body (memory, then DATA/tmp past 1 MiB). */
int
sbx_body_append(struct sbx_call *c, const char *data, size_t len)
{
	if (c->body_too_large || c->body_len + len > BODY_MAX) {
		c->body_too_large = true;
		return 0;
	}
	if (c->req.body_kind == AWS_BODY_NONE)
		c->req.body_kind = AWS_BODY_MEMORY;
	if (c->req.body_kind == AWS_BODY_MEMORY &&
	    c->req.body.len + len > BODY_MEMORY_MAX && body_spill(c) != 0)
		return -1;
	c->body_len += len;
	if (c->req.body_kind == AWS_BODY_MEMORY)
		return hs_buf_add(&c->req.body, data, len);
	return body_write(c->body_fd, data, len);
}

/* Finish the request body. */
int
sbx_body_finish(struct sbx_call *c)
{
	return 0;
}

/* Read the request body at pos; -1 on error, 0 at the end. */
ssize_t
sbx_body_read_at(struct sbx_call *c, uint64_t pos, void *buf, size_t max)
{
	if (pos >= c->body_len)
		return 0;
	if (max > c->body_len - pos)
		max = (size_t)(c->body_len - pos);
	if (c->req.body_kind == AWS_BODY_MEMORY) {
		memcpy(buf, c->req.body.buf + pos, max);
		return (ssize_t)max;
	}
	if (c->req.body_kind == AWS_BODY_FILE)
		return pread(c->body_fd, buf, max, (off_t)pos);
	return 0;
}

/* Drop the request body and its spill file. */
void
sbx_body_release(struct sbx_call *c)
{
	if (c->req.body_kind == AWS_BODY_FILE) {
		close(c->body_fd);
		unlink(c->req.body_file);
		free(c->req.body_file);
		c->req.body_file = NULL;
	}
	hs_buf_release(&c->req.body);
	c->req.body_kind = AWS_BODY_NONE;
	c->body_len = 0;
	c->body_fd = -1;
}

/* Append decoded payload to the call's new body. */
static int
dechunk_out(void *arg, const void *data, size_t len)
{
	return sbx_body_append(arg, data, len);
}

/* Run the encoded body of old through the decoder into c. */
static int
dechunk_feed(struct sbx_call *old, struct sbx_call *c,
    struct sigv4_verify_result *res)
{
	char *buf = hs_xmalloc(DECHUNK_PIECE);
	uint64_t pos = 0;
	ssize_t n;
	int rc = -1;

	while ((n = sbx_body_read_at(old, pos, buf, DECHUNK_PIECE)) > 0) {
		if (sigv4_chunked_feed(res, buf, (size_t)n, dechunk_out, c) != 0)
			goto cleanup;
		pos += (uint64_t)n;
	}
	if (n == 0)
		rc = sigv4_chunked_finish(res);
cleanup:
	free(buf);
	return rc;
}

/* Decode an aws-chunked body in place through the verifier's decoder. */
int
sbx_body_dechunk(struct sbx_call *c, struct sigv4_verify_result *res)
{
	struct sbx_call old = { 0 };
	int rc;

	old.req = c->req;	/* take the encoded body over */
	old.body_fd = c->body_fd;
	old.body_len = c->body_len;
	hs_buf_init(&c->req.body, 0);
	c->req.body_file = NULL;
	c->req.body_kind = AWS_BODY_NONE;
	c->body_len = 0;
	c->body_fd = -1;
	rc = dechunk_feed(&old, c, res);
	sbx_body_release(&old);
	return rc;
}
