/*
 * body.c: request bodies. Up to 1 MiB stays in memory; past that it is
 * spilled to a file under DATA/tmp (mode 0600, removed with the call), so
 * a 5 GiB upload never sits in memory. aws-chunked bodies (botocore sends
 * STREAMING-UNSIGNED-PAYLOAD-TRAILER over HTTPS) are decoded here, with
 * their trailing checksum headers added to the request.
 */
#include "hs-common.h"
#include "sbx.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#define BODY_MEMORY_MAX ((size_t)1 << 20)
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

/* A cursor over the encoded body while it is decoded. */
struct chunk_src {
	struct sbx_call *old;	/* holds the encoded body */
	uint64_t pos;
	char buf[8192];
	size_t have, at;
};

/* The next byte of the encoded body, or -1 at the end. */
static int
src_getc(struct chunk_src *s)
{
	if (s->at == s->have) {
		ssize_t n = sbx_body_read_at(s->old, s->pos, s->buf,
		    sizeof s->buf);
		if (n <= 0)
			return -1;
		s->pos += (uint64_t)n;
		s->have = (size_t)n;
		s->at = 0;
	}
	return (unsigned char)s->buf[s->at++];
}

/* Read a CRLF-terminated line (without it); -1 at the end or if too long. */
static int
src_line(struct chunk_src *s, char *line, size_t max)
{
	size_t n = 0;
	int ch;

	while ((ch = src_getc(s)) >= 0) {
		if (ch == '\n') {
			if (n > 0 && line[n - 1] == '\r')
				n--;
			line[n] = '\0';
			return 0;
		}
		if (n + 1 >= max)
			return -1;
		line[n++] = (char)ch;
	}
	return -1;
}

/* Copy one chunk of size bytes into the new body. */
static int
dechunk_copy(struct chunk_src *s, struct sbx_call *c, uint64_t size)
{
	char line[8];

	while (size > 0) {
		size_t n;
		if (s->at == s->have) {
			int ch = src_getc(s);	/* refill */
			if (ch < 0)
				return -1;
			s->at--;
		}
		n = s->have - s->at;
		if (n > size)
			n = (size_t)size;
		if (sbx_body_append(c, s->buf + s->at, n) != 0)
			return -1;
		s->at += n;
		size -= n;
	}
	return src_line(s, line, sizeof line) == 0 && line[0] == '\0' ? 0 : -1;
}

/* Add the trailer headers ("name:value" lines until an empty one). */
static int
dechunk_trailers(struct chunk_src *s, struct sbx_call *c)
{
	char line[1024], *colon;

	while (src_line(s, line, sizeof line) == 0) {
		if (line[0] == '\0')
			return 0;
		colon = strchr(line, ':');
		if (colon == NULL)
			return -1;
		*colon++ = '\0';
		while (*colon == ' ')
			colon++;
		aws_kvlist_set(&c->req.headers, line, colon);
	}
	return 0;	/* a final CRLF is optional */
}

/* Decode an aws-chunked body in place; trailers become request headers. */
int
sbx_body_dechunk(struct sbx_call *c)
{
	struct sbx_call old = { 0 };
	struct chunk_src *s = hs_xcalloc(1, sizeof *s);
	char line[1024], *end;
	uint64_t size;
	int rc = -1;

	old.req = c->req;	/* take the encoded body over */
	old.body_fd = c->body_fd;
	old.body_len = c->body_len;
	s->old = &old;
	hs_buf_init(&c->req.body, 0);
	c->req.body_file = NULL;
	c->req.body_kind = AWS_BODY_NONE;
	c->body_len = 0;
	c->body_fd = -1;
	for (;;) {
		if (src_line(s, line, sizeof line) != 0)
			goto cleanup;
		size = strtoull(line, &end, 16);
		if (end == line || (*end != '\0' && *end != ';'))
			goto cleanup;
		if (size == 0)
			break;
		if (dechunk_copy(s, c, size) != 0)
			goto cleanup;
	}
	rc = dechunk_trailers(s, c);
cleanup:
	sbx_body_release(&old);
	free(s);
	return rc;
}
