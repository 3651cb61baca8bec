/* queue.c - items, and the bounded queues that carry them between the
 * main thread, the workers and the delivery thread. */
#include "watch.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

double watch_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void watch_item_free(watch_item *it)
{
	if (!it)
		return;
	nr_article_free(it->article);
	for (size_t i = 0; i < it->nalerts; i++) {
		free(it->alerts[i].json);
		free(it->alerts[i].rule);
		free(it->alerts[i].actor);
		free(it->alerts[i].target);
	}
	free(it->alerts);
	for (size_t i = 0; i < it->nrule_errors; i++) {
		free(it->rule_errors[i].rule);
		free(it->rule_errors[i].message);
	}
	free(it->rule_errors);
	free(it->key);
	free(it->source);
	free(it->error_line);
	free(it->error_json);
	free(it->dup_json);
	free(it->id);
	free(it);
}

/* "newsrules: <source>: <reason>\n", made safe as cli_error() does. */
static char *error_line(const char *fmt, ...)
{
	char *s = NULL;
	size_t len;
	FILE *f = open_memstream(&s, &len);
	if (!f)
		return NULL;
	va_list ap;
	va_start(ap, fmt);
	fprintf(f, "%s: ", nr_cli_prog);
	cli_vprint_line(f, fmt, ap);
	va_end(ap);
	if (fclose(f) != 0) {
		free(s);
		return NULL;
	}
	return s;
}

watch_item *watch_error_item(const char *source, const char *reason, const char *json)
{
	watch_item *it = calloc(1, sizeof(*it));
	if (!it)
		return NULL;
	it->source = strdup(source);
	it->error_line = error_line("%s: %s", source, reason);
	it->error_json = json ? strdup(json) : NULL;
	if (!it->source || !it->error_line || (json && !it->error_json)) {
		watch_item_free(it);
		return NULL;
	}
	return it;
}

watch_item *watch_item_from_read(const nr_read_item *item, const char *key)
{
	watch_item *it;
	if (!item->error) {
		it = calloc(1, sizeof(*it));
		if (it && (it->source = strdup(item->source)) != NULL) {
			it->article = item->article;
		} else {
			free(it);
			it = NULL;
			nr_article_free(item->article);
		}
	} else {
		char *js = NULL;
		nr_read_item_error_json(item, &js);
		it = watch_error_item(item->source,
				      item->message ? item->message : nr_strerror(item->error), js);
		nr_free(js);
	}
	if (it && key && !(it->key = strdup(key))) {
		watch_item_free(it);
		it = NULL;
	}
	return it;
}

void watch_queue_init(watch_queue *q, size_t cap)
{
	memset(q, 0, sizeof(*q));
	pthread_mutex_init(&q->mu, NULL);
	pthread_cond_init(&q->not_empty, NULL);
	pthread_cond_init(&q->not_full, NULL);
	q->cap = cap ? cap : 1;
}

void watch_queue_destroy(watch_queue *q)
{
	for (watch_item *it = q->head, *next; it; it = next) {
		next = it->next;
		watch_item_free(it);
	}
	pthread_mutex_destroy(&q->mu);
	pthread_cond_destroy(&q->not_empty);
	pthread_cond_destroy(&q->not_full);
}

void watch_queue_push(watch_queue *q, watch_item *it)
{
	pthread_mutex_lock(&q->mu);
	while (q->n >= q->cap && !q->closed)
		pthread_cond_wait(&q->not_full, &q->mu);
	it->next = NULL;
	if (q->tail)
		q->tail->next = it;
	else
		q->head = it;
	q->tail = it;
	q->n++;
	pthread_cond_signal(&q->not_empty);
	pthread_mutex_unlock(&q->mu);
}

static watch_item *take_head(watch_queue *q)
{
	watch_item *it = q->head;
	q->head = it->next;
	if (!q->head)
		q->tail = NULL;
	q->n--;
	it->next = NULL;
	pthread_cond_signal(&q->not_full);
	return it;
}

watch_item *watch_queue_pop(watch_queue *q)
{
	pthread_mutex_lock(&q->mu);
	while (!q->head && !q->closed)
		pthread_cond_wait(&q->not_empty, &q->mu);
	watch_item *it = q->head ? take_head(q) : NULL;
	pthread_mutex_unlock(&q->mu);
	return it;
}

size_t watch_queue_pop_some(watch_queue *q, watch_item **out, size_t max, int ms)
{
	pthread_mutex_lock(&q->mu);
	if (!q->head && !q->closed && ms > 0) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += ms / 1000;
		ts.tv_nsec += (long)(ms % 1000) * 1000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		while (!q->head && !q->closed &&
		       pthread_cond_timedwait(&q->not_empty, &q->mu, &ts) != ETIMEDOUT)
			;
	}
	size_t n = 0;
	while (n < max && q->head)
		out[n++] = take_head(q);
	pthread_mutex_unlock(&q->mu);
	return n;
}

void watch_queue_close(watch_queue *q)
{
	pthread_mutex_lock(&q->mu);
	q->closed = true;
	pthread_cond_broadcast(&q->not_empty);
	pthread_cond_broadcast(&q->not_full);
	pthread_mutex_unlock(&q->mu);
}

size_t watch_queue_depth(watch_queue *q)
{
	pthread_mutex_lock(&q->mu);
	size_t n = q->n;
	pthread_mutex_unlock(&q->mu);
	return n;
}

bool watch_queue_finished(watch_queue *q)
{
	pthread_mutex_lock(&q->mu);
	bool done = q->closed && !q->head;
	pthread_mutex_unlock(&q->mu);
	return done;
}
