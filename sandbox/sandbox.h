/*
 * sandbox.h: hipaa-sandbox as a library, for the hipaa-sandbox program and
 * for `hipaa-shell --sandbox`.
 *
 * sandbox_start() opens (or creates) the data folder, starts the HTTP(S)
 * server on its own threads and returns once it accepts connections;
 * sandbox_url() tells where (port 0 picks an ephemeral port).
 * sandbox_stop() stops the server, closes the store and removes a
 * temporary data folder. The config is copied; its strings are read only
 * during sandbox_start(). Several sandboxes may run in one process, each
 * with its own data folder (a folder is locked by the sandbox using it). The library never prints: start-up failures come
 * back through cause (the caller frees it); warnings (such as --host on a
 * non-loopback address) through sandbox_config.warn.
 */
#ifndef HS_SANDBOX_H
#define HS_SANDBOX_H

#include "hs-common.h"

struct sandbox;

struct sandbox_config {
	const char *host;	/* address to bind; NULL: 127.0.0.1 */
	int port;		/* 0: an ephemeral port; -1: 4566 */
	const char *data_dir;	/* NULL: a temporary folder removed at stop */
	const char *account_id;	/* NULL: "000000000000" */
	const char *credentials_file; /* NULL: test/test for the root user */
	const char *log_file;	/* one JSON line per request; NULL: none */
	bool tls;		/* HTTPS with a self-signed certificate */
	unsigned threads;	/* HTTP threads (handlers get threads of their
				 * own as needed); 0: 8 */
	/* Called with a warning for the user; NULL: warnings are dropped. */
	void (*warn)(void *arg, const char *msg);
	void *warn_arg;
};

#define SANDBOX_CONFIG_INIT { NULL, -1, NULL, NULL, NULL, NULL, false, 0, \
	NULL, NULL }

/* Start a sandbox; 0 and *out, or -1 and *cause. */
int sandbox_start(const struct sandbox_config *cfg, struct sandbox **out,
    char **cause);
/* The URL clients use: "http://127.0.0.1:PORT" (borrowed). */
const char *sandbox_url(const struct sandbox *sb);
/* The data folder in use (borrowed). */
const char *sandbox_data_dir(const struct sandbox *sb);
/* The account ID of the default principal (borrowed). */
const char *sandbox_account_id(const struct sandbox *sb);
/* Stop the server, close the store, remove a temporary data folder. */
void sandbox_stop(struct sandbox *sb);

#endif
