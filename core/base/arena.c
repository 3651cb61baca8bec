/* arena.c - bump allocation for everything an article owns. */
#include "base/base.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

struct nr_arena_block {
	nr_arena_block *next;
	size_t used, size;
	alignas(max_align_t) unsigned char data[];
};

#define NR_ARENA_MIN_BLOCK (16u * 1024u)

void nr_arena__init(nr_arena *arena)
{
	arena->head = NULL;
	arena->total = 0;
}

void nr_arena__free(nr_arena *arena)
{
	nr_arena_block *b = arena->head;
	while (b) {
		nr_arena_block *next = b->next;
		free(b);
		b = next;
	}
	arena->head = NULL;
	arena->total = 0;
}

void nr_arena__reset(nr_arena *arena)
{
	nr_arena_block *b = arena->head;
	if (!b)
		return;
	if (b->next) {
		/* One block the size of all of them, kept from then on. */
		size_t total = arena->total;
		nr_arena__free(arena);
		b = malloc(sizeof(*b) + total);
		if (!b)
			return;
		b->next = NULL;
		b->size = total;
		arena->head = b;
		arena->total = total;
	}
	b->used = 0;
}

void *nr_arena__alloc(nr_arena *arena, size_t size)
{
	const size_t align = alignof(max_align_t);
	size_t need = (size + align - 1) & ~(align - 1);
	if (need < size)
		return NULL;
	nr_arena_block *b = arena->head;
	if (!b || b->size - b->used < need) {
		/* Grow geometrically so a big article takes few blocks. */
		size_t want = arena->total < NR_ARENA_MIN_BLOCK ? NR_ARENA_MIN_BLOCK : arena->total;
		if (want < need)
			want = need;
		if (want > SIZE_MAX - sizeof(*b))
			return NULL;
		nr_arena_block *nb = malloc(sizeof(*nb) + want);
		if (!nb)
			return NULL;
		nb->next = b;
		nb->used = 0;
		nb->size = want;
		arena->head = nb;
		arena->total += want;
		b = nb;
	}
	void *p = b->data + b->used;
	b->used += need;
	return p;
}

void *nr_arena__calloc(nr_arena *arena, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return NULL;
	void *p = nr_arena__alloc(arena, n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

char *nr_arena__strndup(nr_arena *arena, const char *s, size_t len)
{
	if (len == SIZE_MAX)
		return NULL;
	char *p = nr_arena__alloc(arena, len + 1);
	if (!p)
		return NULL;
	if (len)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}
