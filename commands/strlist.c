/*
 * strlist.c: a growable, NULL-terminated array of owned strings.
 */
#include "hs-common.h"
#include "commands.h"

/* Append s itself: the list takes ownership. */
void
hs_strlist_take(struct hs_strlist *l, char *s)
{
	if (l->n + 2 > l->alloc) {
		l->alloc = l->alloc ? l->alloc * 2 : 8;
		l->v = hs_xreallocarray(l->v, l->alloc, sizeof *l->v);
	}
	l->v[l->n++] = s;
	l->v[l->n] = NULL;
}

/* Append a copy of s. */
void
hs_strlist_add(struct hs_strlist *l, const char *s)
{
	hs_strlist_take(l, hs_xstrdup(s));
}

/* Remove the first entry. */
void
hs_strlist_shift(struct hs_strlist *l)
{
	if (l->n == 0)
		return;
	free(l->v[0]);
	memmove(l->v, l->v + 1, l->n * sizeof *l->v);
	l->n--;
}

/* Join the entries with sep into a new string. */
char *
hs_strlist_join(const struct hs_strlist *l, const char *sep)
{
	struct hs_buf b = HS_BUF_INIT;
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (i > 0 && hs_buf_adds(&b, sep) < 0)
			BUG("hs_strlist_join: too long");
		if (hs_buf_adds(&b, l->v[i]) < 0)
			BUG("hs_strlist_join: too long");
	}
	return hs_buf_detach(&b, NULL);
}

/* Free every entry; the list is left empty and usable. */
void
hs_strlist_clear(struct hs_strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
	l->alloc = 0;
}
