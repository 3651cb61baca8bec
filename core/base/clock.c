/* clock.c - the monotonic clock and deadlines long work polls. */
#include "base/base.h"

#include <time.h>

int64_t nr__now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int nr_deadline__check(const nr_deadline *d)
{
	if (!d)
		return NR_OK;
	if (d->stop && atomic_load_explicit(d->stop, memory_order_relaxed))
		return NR_EINTERRUPTED;
	if (d->at_ns && nr__now_ns() >= d->at_ns)
		return NR_ETIMEOUT;
	return NR_OK;
}
