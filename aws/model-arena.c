/*
 * model-arena.c: the bump allocator a model lives in.
 *
 * A model is tens of thousands of small objects (shapes, members, traits,
 * strings) that all live and die together, so they are carved out of
 * large chunks and freed at once. Allocation never fails (hs_xmalloc).
 */
#include "hs-common.h"
#include "protocol-int.h"

#define ARENA_CHUNK ((size_t)256 * 1024)

struct arena_chunk {
	struct arena_chunk *next;
	size_t used;
	size_t size;
	max_align_t data[];
};

struct aws_arena {
	struct arena_chunk *head;
};

/* Start an empty arena. */
struct aws_arena *
aws_arena_new(void)
{
	return hs_xcalloc(1, sizeof(struct aws_arena));
}

/* Free an arena and everything allocated in it. */
void
aws_arena_free(struct aws_arena *a)
{
	struct arena_chunk *c, *next;

	if (a == NULL)
		return;
	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}

/* Allocate n zeroed bytes, aligned for any type. */
void *
aws_arena_alloc(struct aws_arena *a, size_t n)
{
	const size_t align = sizeof(max_align_t);
	struct arena_chunk *c = a->head;
	void *p;

	n = (n + align - 1) / align * align;
	if (c == NULL || c->size - c->used < n) {
		size_t size = n > ARENA_CHUNK ? n : ARENA_CHUNK;

		c = hs_xmalloc(sizeof(*c) + size);
		c->size = size;
		c->used = 0;
		c->next = a->head;
		a->head = c;
	}
	p = (char *)c->data + c->used;
	c->used += n;
	memset(p, 0, n);
	return p;
}

/* Copy a string into the arena (NULL stays NULL). */
const char *
aws_arena_strdup(struct aws_arena *a, const char *s)
{
	size_t len;
	char *p;

	if (s == NULL)
		return NULL;
	len = strlen(s);
	p = aws_arena_alloc(a, len + 1);
	memcpy(p, s, len + 1);
	return p;
}
