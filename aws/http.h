/*
 * http.h: the HTTP client of aws/ (libcurl), its retries and --debug log.
 *
 * One aws_http_client per shell session: it keeps connections alive and
 * reuses them across commands (a libcurl share holds the connection, DNS
 * and TLS session caches), holds the TLS and timeout settings, the --debug
 * sink, the cancel flag, the clock offset learnt from RequestTimeTooSkewed
 * and one retry quota per host. It is refcounted (_acquire/_release) and
 * may be used from several threads at once.
 *
 * aws_http_send() makes one attempt. aws_http_execute() runs the retry
 * loop of the AWS "standard" mode (or "legacy"): before each attempt it
 * restores the request's headers and query to what the caller gave, calls
 * the sign hook with the (corrected) time, sends, and asks the classifier
 * whether the answer is worth another attempt. The classifier is a
 * callback because the error code lives in a protocol-specific body; the
 * protocol layer supplies one that extracts the code and hands it to
 * aws_retry_classify_code(). Bodies are rewound for every attempt: a file
 * body is read again from its offset, never held in memory.
 *
 * Ownership: the client copies its configuration; requests and responses
 * are borrowed. Nothing here prints: errors come back as -1 and a message
 * through char **cause (the caller frees it); the --debug log goes to the
 * sink the caller installed, with every secret redacted.
 */
#ifndef HS_AWS_HTTP_H
#define HS_AWS_HTTP_H

#include "hs-common.h"
#include "request.h"

#include <signal.h>

struct aws_http_client;

/* What went wrong below HTTP on one attempt. */
enum aws_http_error {
	AWS_HTTP_OK = 0,	/* an HTTP response was received */
	AWS_HTTP_ERR_CONNECT,	/* cannot resolve the host or connect */
	AWS_HTTP_ERR_TIMEOUT,	/* connect timeout, or no byte for read_timeout */
	AWS_HTTP_ERR_CONNECTION,/* connection dropped, reset, or empty reply */
	AWS_HTTP_ERR_TLS,	/* TLS handshake failed */
	AWS_HTTP_ERR_TLS_VERIFY,/* the peer's certificate was refused */
	AWS_HTTP_ERR_CANCELLED,	/* the cancel flag was raised */
	AWS_HTTP_ERR_LOCAL,	/* reading the body file or writing the output */
	AWS_HTTP_ERR_OTHER,	/* any other libcurl failure */
};

/* How to talk to servers; copied by aws_http_client_new(). */
struct aws_http_config {
	bool no_verify;		/* true: TLS peer and host name not checked
				 * (--no-verify-ssl; the shell warns) */
	const char *ca_bundle;	/* PEM file of trusted CAs; NULL: system store */
	long connect_timeout_ms;/* 0: 60000; < 0: no limit */
	long read_timeout_ms;	/* longest time without a byte moving once
				 * connected (not a total time); 0: 60000;
				 * < 0: no limit. Checked about once a second */
};

#define AWS_HTTP_DEFAULT_TIMEOUT_MS 60000L

/* The --debug sink: one line at a time, no newline, already redacted. */
typedef void aws_http_log_fn(void *arg, const char *line);
/* Injectables for deterministic tests. */
typedef void aws_http_sleep_fn(void *arg, double seconds);
typedef double aws_http_random_fn(void *arg);	/* uniform in [0, 1) */
typedef time_t aws_http_clock_fn(void *arg);

/* A new client with one reference, or NULL with *cause set. */
struct aws_http_client *aws_http_client_new(const struct aws_http_config *cfg,
    char **cause);
struct aws_http_client *aws_http_client_acquire(struct aws_http_client *c);
/* Drop one reference; the last closes every kept-alive connection. */
void aws_http_client_release(struct aws_http_client *c);

/* Send the --debug log to fn(arg, line); fn NULL turns it off. */
void aws_http_client_set_log(struct aws_http_client *c, aws_http_log_fn *fn,
    void *arg);
/* A ready-made sink: arg is a FILE *, each line gets a newline. */
void aws_http_log_stream(void *arg, const char *line);
/* Watch *flag (set by a SIGINT handler): a running transfer and a backoff
 * sleep stop soon after it becomes non-zero. NULL: never cancelled. */
void aws_http_client_set_cancel(struct aws_http_client *c,
    const volatile sig_atomic_t *flag);
/* Replace the sleep used between attempts (NULL: the real one, which
 * wakes up early on cancel). */
void aws_http_client_set_sleep(struct aws_http_client *c,
    aws_http_sleep_fn *fn, void *arg);
/* Replace the random source of the backoff jitter (NULL: RAND_bytes). */
void aws_http_client_set_random(struct aws_http_client *c,
    aws_http_random_fn *fn, void *arg);
/* Replace the clock handed to the sign hook (NULL: time()). */
void aws_http_client_set_clock(struct aws_http_client *c,
    aws_http_clock_fn *fn, void *arg);
/* Seconds added to the clock since a RequestTimeTooSkewed answer. */
time_t aws_http_client_clock_offset(struct aws_http_client *c);
/* Sleep as between attempts: the injected sleep, or a real one that
 * wakes up early on cancel. */
void aws_http_client_sleep(struct aws_http_client *c, double seconds);
/* Tell whether the cancel flag is raised. */
bool aws_http_client_cancelled(struct aws_http_client *c);

/* Per-request overrides of the client's settings for one attempt. */
struct aws_http_limits {
	long connect_timeout_ms;	/* 0: the client's */
	long read_timeout_ms;		/* 0: the client's */
	bool secret_request_body;	/* never log the request body */
	bool secret_response_body;	/* never log the response body (e.g.
					 * the IMDS token) */
};

/*
 * Make one attempt. The response is reset first, except its body_kind
 * and body_file: with AWS_BODY_FILE a 2xx body is streamed to a
 * temporary file beside body_file and renamed over it once complete (a
 * body_file that is not a regular file, such as /dev/stdout, is written
 * in place); any other status keeps its body in memory so the error can
 * be parsed. Returns AWS_HTTP_OK when a response arrived (any status),
 * otherwise the error, with *cause set.
 */
enum aws_http_error aws_http_send(struct aws_http_client *c,
    const struct aws_request *req, struct aws_response *resp,
    const struct aws_http_limits *limits, char **cause);

/* --- retries ------------------------------------------------------------ */

enum aws_retry_mode {
	AWS_RETRY_STANDARD,	/* botocore retries/standard.py (the default) */
	AWS_RETRY_LEGACY,	/* botocore retryhandler.py + _retry.json */
};

struct aws_retry_config {
	enum aws_retry_mode mode;
	int max_attempts;	/* attempts in all, the first included;
				 * 0: the mode's default (3; legacy 5, legacy
				 * DynamoDB 10) */
};

#define AWS_RETRY_STANDARD_MAX_ATTEMPTS 3
#define AWS_RETRY_LEGACY_MAX_ATTEMPTS 5
#define AWS_RETRY_MAX_BACKOFF 20.0	/* seconds, standard mode */
#define AWS_RETRY_QUOTA_INITIAL 500
#define AWS_RETRY_QUOTA_COST 5
#define AWS_RETRY_QUOTA_TIMEOUT_COST 10
#define AWS_RETRY_QUOTA_SUCCESS_REFUND 1

/* What the classifier says about an attempt. */
enum aws_retry_kind {
	AWS_RETRY_NO,		/* success, or an error a retry will not fix */
	AWS_RETRY_TRANSIENT,	/* 5xx, a transient code, a connection error */
	AWS_RETRY_THROTTLE,	/* a throttling code */
	AWS_RETRY_CLOCK_SKEW,	/* retry once with the server's clock */
};

/* What the classifier is shown. */
struct aws_retry_facts {
	enum aws_http_error error;	/* AWS_HTTP_OK: resp holds an answer */
	const struct aws_response *resp;/* NULL unless error is AWS_HTTP_OK */
	enum aws_retry_mode mode;
	const char *service;		/* req->service_id, else signing_service,
					 * or NULL: for legacy per-service rules */
	int attempt;			/* 1-based */
};

/*
 * The classifier: decide what kind of failure an attempt was. It may set
 * *error_code to an allocated copy of the service's error code (the
 * caller frees it; it shows in the log and in aws_http_call.error_code).
 * A protocol classifier extracts the code from the body, then returns
 * aws_retry_classify_code(facts, code).
 */
typedef enum aws_retry_kind aws_retry_classify_fn(void *arg,
    const struct aws_retry_facts *facts, char **error_code);

/* The default classifier: status codes and connection errors only. */
enum aws_retry_kind aws_retry_classify_default(void *arg,
    const struct aws_retry_facts *facts, char **error_code);
/* The retry rules of facts->mode, given the error code (NULL: none). */
enum aws_retry_kind aws_retry_classify_code(const struct aws_retry_facts *facts,
    const char *code);

/*
 * The sign hook: called before every attempt, on the request with its
 * headers and query as the caller gave them, with the time to sign at
 * (the clock plus the offset learnt from a skew error). Returns 0, or -1
 * with *cause set (the call then fails without retrying).
 */
typedef int aws_http_sign_fn(void *arg, struct aws_request *req, time_t now,
    char **cause);

/* One request with retries: inputs, then results. */
struct aws_http_call {
	struct aws_request *req;	/* sent; signed on a copy of its
					 * headers and query, so it is
					 * unchanged after the call */
	struct aws_response *resp;	/* the last answer; the caller sets
					 * body_kind/body_file */
	aws_http_sign_fn *sign;		/* NULL: sent unsigned */
	void *sign_arg;
	aws_retry_classify_fn *classify;/* NULL: aws_retry_classify_default */
	void *classify_arg;
	struct aws_retry_config retry;	/* {0}: standard, 3 attempts */
	struct aws_http_limits limits;	/* {0}: the client's */

	/* Results, set by aws_http_execute(); free with _clear. */
	int attempts;			/* attempts made */
	enum aws_http_error error;	/* of the last attempt */
	char *error_code;		/* from the classifier, or NULL */
	bool quota_exhausted;		/* stopped by the retry quota */
};

/*
 * Send call->req with retries. Returns 0 when an HTTP response arrived,
 * whatever its status (the protocol layer parses errors), and -1 with
 * *cause set when none did (after every attempt), when the request was
 * cancelled, when the sign hook failed, or on a local file error.
 */
int aws_http_execute(struct aws_http_client *c, struct aws_http_call *call,
    char **cause);
/* Free the results of a call (not req or resp). */
void aws_http_call_clear(struct aws_http_call *call);

/* Seconds to wait before attempt + 1, after attempt failed as kind. */
double aws_retry_backoff(const struct aws_retry_config *rc,
    const char *service, enum aws_retry_kind kind, int attempt, double rnd);
/* The attempts a config allows for a service (resolves 0). */
int aws_retry_max_attempts(const struct aws_retry_config *rc,
    const char *service);
/* Parse "standard" / "legacy" (also "adaptive", run as standard); -1 if
 * unknown. */
int aws_retry_mode_parse(const char *s, enum aws_retry_mode *mode);

/* The retry quota (a token bucket) of standard mode. */
struct aws_retry_quota {
	int available;
	int max;
};

void aws_retry_quota_init(struct aws_retry_quota *q, int capacity);
/* Take amount tokens; false (and nothing taken) when too few are left. */
bool aws_retry_quota_acquire(struct aws_retry_quota *q, int amount);
/* Give amount tokens back, never above the initial capacity. */
void aws_retry_quota_release(struct aws_retry_quota *q, int amount);
/* The tokens left in the client's quota for a host (for tests, --debug). */
int aws_http_client_quota_available(struct aws_http_client *c,
    const char *host);

/* --- dates and redaction (shared with the credential providers) -------- */

/* Parse an RFC 7231 HTTP-date ("Sun, 06 Nov 1994 08:49:37 GMT"). */
int aws_http_date_parse(const char *s, time_t *out);
/* Parse an ISO 8601 UTC time as AWS writes them: "2024-01-02T03:04:05Z",
 * with optional fraction, "+00:00" style offset, or the CLI cache's
 * "UTC" suffix. */
int aws_iso8601_parse(const char *s, time_t *out);
/* Format t as "2024-01-02T03:04:05Z" into buf (at least 21 bytes). */
void aws_iso8601_format(time_t t, char *buf, size_t len);

/* Tell whether a header's value is a secret that logs must not show. */
bool aws_http_header_is_secret(const char *name);
/* Append "name: value" to out with secrets redacted (an AWS4
 * Authorization keeps its Credential and SignedHeaders). */
void aws_http_redact_header(struct hs_buf *out, const char *name,
    const char *value);
/* Append text to out with secret values in XML, JSON, form and query
 * syntax (SecretAccessKey, SessionToken, Token, X-Amz-Signature...)
 * replaced by REDACTED. */
void aws_http_redact_text(struct hs_buf *out, const char *text, size_t len);

#endif
