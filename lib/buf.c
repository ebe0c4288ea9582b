/*
 * buf.c: struct hs_buf, a growable NUL-terminated string with a size cap.
 *
 * Deliberate oddity: appends past the cap fail without writing anything
 * and set a sticky flag, so a long run of appends can be checked once.
 */
#include "hs-common.h"

#include <ctype.h>
#include <openssl/crypto.h>

char hs_buf_slop[1];

static size_t
buf_cap(const struct hs_buf *b)
{
	return b->cap ? b->cap : HS_BUF_MAX;
}

/* Start an empty buffer with a size cap (0: HS_BUF_MAX). */
void
hs_buf_init(struct hs_buf *b, size_t cap)
{
	b->buf = hs_buf_slop;
	b->len = 0;
	b->alloc = 0;
	b->cap = cap;
	b->failed = false;
}

/* Free the buffer and leave it empty and usable. */
void
hs_buf_release(struct hs_buf *b)
{
	if (b->alloc)
		free(b->buf);
	hs_buf_init(b, b->cap);
}

/* Wipe the bytes, then free: for buffers that held secrets. */
void
hs_buf_cleanse(struct hs_buf *b)
{
	if (b->alloc)
		OPENSSL_cleanse(b->buf, b->alloc);
	hs_buf_release(b);
}

/* Empty the buffer but keep its memory and clear the failed flag. */
void
hs_buf_reset(struct hs_buf *b)
{
	hs_buf_truncate(b, 0);
	b->failed = false;
}

/* Shorten the buffer to len bytes. */
void
hs_buf_truncate(struct hs_buf *b, size_t len)
{
	if (len > b->len)
		BUG("hs_buf_truncate to %zu beyond %zu", len, b->len);
	b->len = len;
	if (b->alloc)
		b->buf[len] = '\0';
}

/* Hand the string over to the caller; the buffer is left empty. */
char *
hs_buf_detach(struct hs_buf *b, size_t *len)
{
	char *s;

	if (len != NULL)
		*len = b->len;
	s = b->alloc ? b->buf : hs_xstrdup("");
	hs_buf_init(b, b->cap);
	return s;
}

/* Make room for extra more bytes; -1 if that would pass the cap. */
int
hs_buf_grow(struct hs_buf *b, size_t extra)
{
	size_t need, want;

	if (extra > buf_cap(b) || b->len > buf_cap(b) - extra) {
		b->failed = true;
		return -1;
	}
	need = b->len + extra + 1;
	if (need <= b->alloc)
		return 0;
	want = b->alloc ? b->alloc : 64;
	while (want < need)
		want = want * 3 / 2 + 16;
	if (!b->alloc) {
		b->buf = hs_xmalloc(want);
		b->buf[0] = '\0';
	} else
		b->buf = hs_xrealloc(b->buf, want);
	b->alloc = want;
	return 0;
}

/* Append len bytes. */
int
hs_buf_add(struct hs_buf *b, const void *data, size_t len)
{
	if (hs_buf_grow(b, len) < 0)
		return -1;
	if (len)
		memcpy(b->buf + b->len, data, len);
	b->len += len;
	b->buf[b->len] = '\0';
	return 0;
}

/* Append a C string. */
int
hs_buf_adds(struct hs_buf *b, const char *s)
{
	return hs_buf_add(b, s, strlen(s));
}

/* Append one byte. */
int
hs_buf_addch(struct hs_buf *b, int c)
{
	char ch = (char)c;

	return hs_buf_add(b, &ch, 1);
}

/* Append another buffer's content. */
int
hs_buf_addbuf(struct hs_buf *b, const struct hs_buf *other)
{
	return hs_buf_add(b, other->buf, other->len);
}

/* Append formatted text. */
int
hs_buf_vaddf(struct hs_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(b->buf + b->len, b->alloc ? b->alloc - b->len : 0,
	    fmt, cp);
	va_end(cp);
	if (n < 0)
		BUG("vsnprintf failed for '%s'", fmt);
	if (b->alloc && (size_t)n < b->alloc - b->len) {
		if (b->len + (size_t)n > buf_cap(b)) {
			b->buf[b->len] = '\0';
			b->failed = true;
			return -1;
		}
		b->len += (size_t)n;
		return 0;
	}
	if (hs_buf_grow(b, (size_t)n) < 0)
		return -1;
	n = vsnprintf(b->buf + b->len, b->alloc - b->len, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

/* Append formatted text. */
int
hs_buf_addf(struct hs_buf *b, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = hs_buf_vaddf(b, fmt, ap);
	va_end(ap);
	return rc;
}

/* Remove leading and trailing white space. */
void
hs_buf_trim(struct hs_buf *b)
{
	size_t start = 0, end = b->len;

	while (end > 0 && isspace((unsigned char)b->buf[end - 1]))
		end--;
	while (start < end && isspace((unsigned char)b->buf[start]))
		start++;
	if (start > 0 && end > start)
		memmove(b->buf, b->buf + start, end - start);
	hs_buf_truncate(b, end > start ? end - start : 0);
}
