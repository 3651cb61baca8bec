/* net_int.h - what the files of cli/net/ share and nothing else sees. */
#ifndef NR_CLI_NET_INT_H
#define NR_CLI_NET_INT_H

#include "net.h"

#include <stdbool.h>
#include <stdint.h>

/* A 128-bit non-cryptographic hash (two independent 64-bit FNV-1a lanes,
 * each finished with a murmur3 mix), written as 32 lowercase hex digits.
 * Stable across runs and machines: keys built from it are kept in state
 * files, so it must never change. */
typedef struct net__hash {
	uint64_t a, b;
} net__hash;
void net__hash_init(net__hash *h);
void net__hash_update(net__hash *h, const void *data, size_t len);
void net__hash_final(const net__hash *h, char hex[33]);
void net__hash_hex(const void *data, size_t len, char hex[33]);

/* True for a URL whose scheme is http or https (any case). */
bool net__is_http_url(const char *url);

/* Wall-clock milliseconds since the epoch. */
int64_t net__now_ms(void);

/* The options with their defaults filled in. */
net_options net__options_resolved(const net_options *opts);

#endif
