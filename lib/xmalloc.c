/*
 * xmalloc.c: allocation that never fails (after tmux's xmalloc.c).
 *
 * Running out of memory is the one condition that exits from anywhere:
 * every caller may treat the result as valid.
 */
#include "hs-common.h"

#include <errno.h>
#include <openssl/crypto.h>

/* Print where an impossible state was found and abort. */
void
hs_bug(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "BUG: %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

HS_NORETURN static void
oom(size_t size)
{
	fprintf(stderr, "hipaa-shell: out of memory allocating %zu bytes\n",
	    size);
	abort();
}

/* Allocate size bytes (at least one). */
void *
hs_xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
		oom(size);
	return p;
}

/* Allocate a zeroed array. */
void *
hs_xcalloc(size_t nmemb, size_t size)
{
	void *p;

	if (nmemb == 0 || size == 0)
		nmemb = size = 1;
	p = calloc(nmemb, size);
	if (p == NULL)
		oom(nmemb * size);
	return p;
}

/* Resize an allocation. */
void *
hs_xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);

	if (p == NULL)
		oom(size);
	return p;
}

/* Resize an array, checking the multiplication for overflow. */
void *
hs_xreallocarray(void *ptr, size_t nmemb, size_t size)
{
	if (size != 0 && nmemb > SIZE_MAX / size)
		oom(SIZE_MAX);
	return hs_xrealloc(ptr, nmemb * size);
}

/* Duplicate a string. */
char *
hs_xstrdup(const char *s)
{
	return hs_xmemdup(s, strlen(s) + 1);
}

/* Duplicate at most n bytes of a string and terminate the copy. */
char *
hs_xstrndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = hs_xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

/* Duplicate n bytes of memory. */
void *
hs_xmemdup(const void *src, size_t n)
{
	void *p = hs_xmalloc(n);

	if (n)
		memcpy(p, src, n);
	return p;
}

/* Format into a new string. */
char *
hs_xvasprintf(const char *fmt, va_list ap)
{
	char *s;

	if (vasprintf(&s, fmt, ap) < 0)
		oom(strlen(fmt));
	return s;
}

/* Format into a new string. */
char *
hs_xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = hs_xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

/* Wipe n bytes that held a secret. */
void
hs_cleanse(void *p, size_t n)
{
	if (p != NULL && n > 0)
		OPENSSL_cleanse(p, n);
}

/* Wipe a secret string, then free it. */
void
hs_free_secret(char *s)
{
	if (s == NULL)
		return;
	OPENSSL_cleanse(s, strlen(s));
	free(s);
}
