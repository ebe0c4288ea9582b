/*
 * http-body.c: stream a request body in and a response body out.
 *
 * A file body is read with pread() from its offset in libcurl-sized
 * pieces, never held whole in memory; it is opened again for every
 * attempt, which is what rewinding means here. A 2xx response body bound
 * for a file goes to a temporary file beside it (mode 0600), is fsynced,
 * and is renamed over the target only once complete, so an interrupted
 * download never leaves a half-written file under the real name.
 */
#include "hs-common.h"
#include "http-int.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

/* Open the request's body for one attempt, positioned at its start. */
int
http_source_open(struct http_source *s, const struct aws_request *req,
    char **cause)
{
	struct stat st;

	memset(s, 0, sizeof *s);
	s->fd = -1;
	s->kind = req->body_kind;
	if (s->kind == AWS_BODY_MEMORY) {
		s->mem = req->body.buf;
		s->len = (off_t)req->body.len;
		return 0;
	}
	if (s->kind != AWS_BODY_FILE)
		return 0;
	s->path = req->body_file;
	s->start = req->body_file_offset;
	s->fd = open(req->body_file, O_RDONLY | O_CLOEXEC);
	if (s->fd < 0 || fstat(s->fd, &st) < 0) {
		*cause = hs_xasprintf("cannot open '%s': %s", req->body_file,
		    strerror(errno));
		http_source_close(s);
		return -1;
	}
	if (req->body_file_length >= 0)
		s->len = req->body_file_length;
	else
		s->len = st.st_size > s->start ? st.st_size - s->start : 0;
	if (S_ISREG(st.st_mode) && s->start + s->len > st.st_size) {
		*cause = hs_xasprintf("cannot send %lld bytes from offset %lld "
		    "of '%s': the file has only %lld bytes",
		    (long long)s->len, (long long)s->start, req->body_file,
		    (long long)st.st_size);
		http_source_close(s);
		return -1;
	}
	return 0;
}

/* The CURLOPT_READFUNCTION: the next piece of the body. */
size_t
http_source_read(char *buf, size_t size, size_t n, void *arg)
{
	struct http_source *s = arg;
	size_t want = size * n;
	ssize_t got;

	if ((off_t)want > s->len - s->pos)
		want = (size_t)(s->len - s->pos);
	if (want == 0)
		return 0;
	if (s->kind == AWS_BODY_MEMORY) {
		memcpy(buf, s->mem + s->pos, want);
		s->pos += (off_t)want;
		return want;
	}
	do
		got = pread(s->fd, buf, want, s->start + s->pos);
	while (got < 0 && errno == EINTR);
	if (got <= 0) {
		s->err = got < 0 ? errno : EIO;	/* EIO: the file shrank */
		return CURL_READFUNC_ABORT;
	}
	s->pos += got;
	return (size_t)got;
}

/* The CURLOPT_SEEKFUNCTION: libcurl rewinds to resend on a new
 * connection. */
int
http_source_seek(void *arg, curl_off_t offset, int origin)
{
	struct http_source *s = arg;

	if (origin != SEEK_SET || offset < 0 || offset > s->len)
		return CURL_SEEKFUNC_FAIL;
	s->pos = offset;
	return CURL_SEEKFUNC_OK;
}

/* Close the body file. */
void
http_source_close(struct http_source *s)
{
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
}

/* Start a sink for one attempt. */
void
http_sink_init(struct http_sink *k, struct aws_response *resp)
{
	memset(k, 0, sizeof *k);
	k->resp = resp;
	k->fd = -1;
}

/* Open a temporary file beside the target. */
static int
sink_open_tmp(struct http_sink *k, char **cause)
{
	const char *path = k->resp->body_file;

	k->tmp_path = hs_xasprintf("%s.hs-tmp-XXXXXX", path);
	k->fd = mkostemp(k->tmp_path, O_CLOEXEC);
	if (k->fd < 0) {
		*cause = hs_xasprintf("cannot create a temporary file beside "
		    "'%s': %s", path, strerror(errno));
		free(k->tmp_path);
		k->tmp_path = NULL;
		return -1;
	}
	return 0;
}

/* Choose memory or file, now that the status is known. */
int
http_sink_start(struct http_sink *k, char **cause)
{
	struct aws_response *r = k->resp;
	struct stat st;

	if (r->body_kind != AWS_BODY_FILE || r->body_file == NULL ||
	    r->status < 200 || r->status > 299)
		return 0;
	k->to_file = true;
	if (stat(r->body_file, &st) == 0 && !S_ISREG(st.st_mode)) {
		k->in_place = true;
		k->fd = open(r->body_file, O_WRONLY | O_CLOEXEC);
		if (k->fd < 0) {
			*cause = hs_xasprintf("cannot write '%s': %s",
			    r->body_file, strerror(errno));
			return -1;
		}
		return 0;
	}
	return sink_open_tmp(k, cause);
}

/* Write all of buf to fd. */
static int
write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* The CURLOPT_WRITEFUNCTION: keep the body in memory or write it. */
size_t
http_sink_write(char *data, size_t size, size_t n, void *arg)
{
	struct http_sink *k = arg;
	size_t len = size * n;

	if (k->to_file) {
		if (write_all(k->fd, data, len) < 0) {
			k->err = errno ? errno : EIO;
			return 0;
		}
	} else if (hs_buf_add(&k->resp->body, data, len) < 0) {
		k->too_big = true;
		return 0;
	}
	k->resp->body_length += (off_t)len;
	return len;
}

/* Make a complete file body visible under its name. */
int
http_sink_commit(struct http_sink *k, char **cause)
{
	const char *path = k->resp->body_file;

	if (!k->to_file || k->fd < 0)
		return 0;
	if (k->in_place) {
		close(k->fd);
		k->fd = -1;
		return 0;
	}
	if (fsync(k->fd) < 0 || close(k->fd) < 0) {
		k->fd = -1;
		*cause = hs_xasprintf("cannot write '%s': %s", path,
		    strerror(errno));
		return -1;
	}
	k->fd = -1;
	if (rename(k->tmp_path, path) < 0) {
		*cause = hs_xasprintf("cannot rename '%s' to '%s': %s",
		    k->tmp_path, path, strerror(errno));
		return -1;
	}
	free(k->tmp_path);
	k->tmp_path = NULL;
	return 0;
}

/* Close and remove whatever the sink still holds. */
void
http_sink_discard(struct http_sink *k)
{
	if (k->fd >= 0)
		close(k->fd);
	k->fd = -1;
	if (k->tmp_path != NULL) {
		unlink(k->tmp_path);
		free(k->tmp_path);
		k->tmp_path = NULL;
	}
}
