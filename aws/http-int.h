/*
 * http-int.h: what the files of the HTTP client share and nobody else
 * needs: the client struct, the body source and sink of one attempt, and
 * the --debug logger.
 */
#ifndef HS_AWS_HTTP_INT_H
#define HS_AWS_HTTP_INT_H

#include "hs-common.h"
#include "http.h"

#include <curl/curl.h>
#include <pthread.h>

/* One retry quota per host, as botocore keeps one per client. */
struct http_quota {
	char *host;
	struct aws_retry_quota quota;
	struct http_quota *next;
};

struct aws_http_client {
	pthread_mutex_t lock;		/* refs, quotas, clock_offset */
	int refs;
	CURLSH *share;			/* connections, DNS, TLS sessions */
	pthread_mutex_t share_locks[CURL_LOCK_DATA_LAST];

	bool no_verify;
	char *ca_bundle;
	long connect_timeout_ms;
	long read_timeout_ms;

	aws_http_log_fn *log;
	void *log_arg;
	const volatile sig_atomic_t *cancel;
	aws_http_sleep_fn *sleep;
	void *sleep_arg;
	aws_http_random_fn *random;
	void *random_arg;
	aws_http_clock_fn *clock;
	void *clock_arg;

	time_t clock_offset;
	struct http_quota *quotas;
};

/* http-client.c */
/* Log one line when --debug is on (printf-style). */
HS_PRINTF(2, 3) void http_log(struct aws_http_client *c, const char *fmt, ...);
bool http_logging(const struct aws_http_client *c);
/* Run fn on the client's quota for host under the lock. */
bool http_quota_acquire(struct aws_http_client *c, const char *host,
    int amount, int *left);
void http_quota_release(struct aws_http_client *c, const char *host,
    int amount);
void http_set_clock_offset(struct aws_http_client *c, time_t offset);
time_t http_now(struct aws_http_client *c);
double http_random(struct aws_http_client *c);

/* http-body.c: where the request body comes from. */
struct http_source {
	enum aws_body_kind kind;
	const char *mem;		/* AWS_BODY_MEMORY */
	int fd;				/* AWS_BODY_FILE, -1 otherwise */
	off_t start;			/* first byte of the file to send */
	off_t len;			/* bytes to send */
	off_t pos;			/* bytes sent so far */
	int err;			/* errno of a failed read */
	const char *path;
};

int http_source_open(struct http_source *s, const struct aws_request *req,
    char **cause);
size_t http_source_read(char *buf, size_t size, size_t n, void *arg);
int http_source_seek(void *arg, curl_off_t offset, int origin);
void http_source_close(struct http_source *s);

/* Where the response body goes. */
struct http_sink {
	struct aws_response *resp;
	bool to_file;			/* a 2xx into resp->body_file */
	bool in_place;			/* body_file is not a regular file */
	int fd;
	char *tmp_path;			/* the temporary file, until renamed */
	int err;			/* errno of a failed write */
	bool too_big;			/* a memory body passed its cap */
};

void http_sink_init(struct http_sink *k, struct aws_response *resp);
/* Choose memory or file once the status is known. */
int http_sink_start(struct http_sink *k, char **cause);
size_t http_sink_write(char *data, size_t size, size_t n, void *arg);
/* Make a complete 2xx file body visible under its name. */
int http_sink_commit(struct http_sink *k, char **cause);
/* Remove any temporary file. */
void http_sink_discard(struct http_sink *k);

/* http-debug.c */
/* The CURLOPT_DEBUGFUNCTION: connection notes and headers, redacted. */
int http_debug_curl(CURL *h, curl_infotype type, char *data, size_t size,
    void *arg);
/* Log a body (request '>' or response '<') if small and textual. */
void http_debug_body(struct aws_http_client *c, char dir,
    enum aws_body_kind kind, const struct hs_buf *mem, const char *path,
    off_t length, bool secret);

#endif
