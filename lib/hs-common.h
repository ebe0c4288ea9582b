/*
 * hs-common.h: what every file of hipaa-shell includes first.
 *
 * The small base that every folder may use (aws/, policy/, sandbox/, the
 * shell): allocation that never returns NULL, the hs_buf string buffer,
 * a few macros, and banned.h last so that unsafe C library calls do not
 * compile. Nothing here prints, except BUG(), which marks a state that
 * cannot happen and aborts.
 */
#ifndef HS_COMMON_H
#define HS_COMMON_H

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/types.h>

#define HS_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define HS_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define HS_WUR __attribute__((warn_unused_result))
#define HS_NORETURN __attribute__((noreturn))
#define HS_UNUSED __attribute__((unused))

/*
 * Functions that unit tests call directly are HS_STATIC: static in the
 * program, visible in the libraries built with -DHS_UNIT_TESTS.
 */
#ifdef HS_UNIT_TESTS
#define HS_STATIC
#else
#define HS_STATIC static
#endif

/* Report an impossible state and abort. */
#define BUG(...) hs_bug(__FILE__, __LINE__, __VA_ARGS__)
HS_NORETURN HS_PRINTF(3, 4) void hs_bug(const char *file, int line,
    const char *fmt, ...);

/* xmalloc.c: allocation aborts on OOM, the one allowed exit anywhere. */
void *hs_xmalloc(size_t size);
void *hs_xcalloc(size_t nmemb, size_t size);
void *hs_xrealloc(void *ptr, size_t size);
void *hs_xreallocarray(void *ptr, size_t nmemb, size_t size);
char *hs_xstrdup(const char *s);
char *hs_xstrndup(const char *s, size_t n);
void *hs_xmemdup(const void *p, size_t n);
HS_PRINTF(1, 2) char *hs_xasprintf(const char *fmt, ...);
HS_PRINTF(1, 0) char *hs_xvasprintf(const char *fmt, va_list ap);
/* Wipe a NUL-terminated secret with OPENSSL_cleanse, then free it. */
void hs_free_secret(char *s);
/* Wipe n bytes of memory that held a secret. */
void hs_cleanse(void *p, size_t n);

/*
 * buf.c: a growable string, after git's strbuf and curl's dynbuf.
 *
 * - buf is never NULL and always NUL-terminated, so it can be passed to
 *   any function that takes a C string; len excludes the NUL.
 * - alloc is private; cap is the user-chosen size limit (0: HS_BUF_MAX).
 * - An append that would pass cap appends nothing, returns -1 and sets
 *   the sticky failed flag: a series of appends may be checked once with
 *   hs_buf_failed() instead of after each call.
 * - hs_buf_detach() hands the string over; the buffer is left empty.
 * - hs_buf_release() frees; hs_buf_cleanse() wipes, then frees (secrets).
 */
#define HS_BUF_MAX ((size_t)1 << 30)

struct hs_buf {
	char *buf;
	size_t len;
	size_t alloc;	/* private: bytes allocated, 0 while buf is the slop */
	size_t cap;	/* largest len allowed; 0 means HS_BUF_MAX */
	bool failed;	/* an append passed cap */
};

extern char hs_buf_slop[];
#define HS_BUF_INIT { hs_buf_slop, 0, 0, 0, false }
#define HS_BUF_INIT_CAP(c) { hs_buf_slop, 0, 0, (c), false }

void hs_buf_init(struct hs_buf *b, size_t cap);
void hs_buf_release(struct hs_buf *b);
void hs_buf_cleanse(struct hs_buf *b);
void hs_buf_reset(struct hs_buf *b);
void hs_buf_truncate(struct hs_buf *b, size_t len);
char *hs_buf_detach(struct hs_buf *b, size_t *len);
int hs_buf_grow(struct hs_buf *b, size_t extra);
int hs_buf_add(struct hs_buf *b, const void *data, size_t len);
int hs_buf_adds(struct hs_buf *b, const char *s);
int hs_buf_addch(struct hs_buf *b, int c);
HS_PRINTF(2, 3) int hs_buf_addf(struct hs_buf *b, const char *fmt, ...);
HS_PRINTF(2, 0) int hs_buf_vaddf(struct hs_buf *b, const char *fmt, va_list ap);
int hs_buf_addbuf(struct hs_buf *b, const struct hs_buf *other);
void hs_buf_trim(struct hs_buf *b);
static inline bool hs_buf_failed(const struct hs_buf *b) { return b->failed; }

/* str.c: small string helpers. */
bool hs_starts_with(const char *s, const char *prefix);
bool hs_ends_with(const char *s, const char *suffix);
/* Copy src into dst of size n, always NUL-terminated; returns strlen(src). */
size_t hs_strlcpy(char *dst, const char *src, size_t n);
/* Compare two strings in constant time for their common length. */
bool hs_const_time_eq(const char *a, const char *b);
/* Levenshtein distance, for "did you mean" suggestions. */
size_t hs_edit_distance(const char *a, const char *b);
/* Break a UTC time_t into tm (gmtime_r); banned.h bans gmtime. */
int hs_gmtime(time_t t, struct tm *out);

#include "banned.h"

#endif
