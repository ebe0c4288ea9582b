/*
 * responder.h: start tests/fake-responder.py from a CUnit test.
 *
 * responder_start() writes the script or fake-AWS configuration into the
 * test's temporary folder, starts the responder on an ephemeral loopback
 * port and waits for its "listening on" line. When python3 is missing it
 * marks the test skipped (hs_unit_skip) and returns false, so the test
 * must return at once. responder_requests() parses the request log (one
 * cJSON object per request; the caller deletes the array).
 */
#ifndef HS_TEST_RESPONDER_H
#define HS_TEST_RESPONDER_H

#include <cjson/cJSON.h>
#include <sys/types.h>

struct responder {
	pid_t pid;
	int port;
	char *url;		/* http(s)://127.0.0.1:PORT */
	char *log_path;
};

/* Start with a --script (JSON list) or an --aws configuration (JSON
 * object); tls_cert/tls_key may be NULL. */
bool responder_start(struct responder *r, const char *script,
    const char *aws, const char *tls_cert, const char *tls_key);
void responder_stop(struct responder *r);
/* The requests received so far, in order. */
cJSON *responder_requests(const struct responder *r);
/* The path of a file under the source tree's tests/ folder. */
char *responder_test_file(const char *name);
/* Tell whether python3 can run the responder. */
bool responder_available(void);

#endif
