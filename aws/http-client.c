/*
 * http-client.c: the refcounted HTTP client that lives for a session.
 *
 * Connections are kept alive in a libcurl share (CURL_LOCK_DATA_CONNECT)
 * rather than in one easy handle, so that each attempt may use a fresh
 * handle (and, later, several threads may send at once) while reusing the
 * same connections, DNS answers and TLS sessions.
 */
#include "hs-common.h"
#include "http-int.h"

#include <errno.h>
#include <openssl/rand.h>

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_rc;

static void
curl_init_once(void)
{
	curl_init_rc = curl_global_init(CURL_GLOBAL_DEFAULT);
}

static void
share_lock(CURL *h, curl_lock_data data, curl_lock_access access, void *arg)
{
	struct aws_http_client *c = arg;

	pthread_mutex_lock(&c->share_locks[data]);
}

static void
share_unlock(CURL *h, curl_lock_data data, void *arg)
{
	struct aws_http_client *c = arg;

	pthread_mutex_unlock(&c->share_locks[data]);
}

/* Make the share that keeps connections alive across requests. */
static int
client_make_share(struct aws_http_client *c, char **cause)
{
	CURLSHcode rc = CURLSHE_OK;

	c->share = curl_share_init();
	if (c->share == NULL) {
		*cause = hs_xstrdup("cannot create the HTTP connection cache");
		return -1;
	}
	curl_share_setopt(c->share, CURLSHOPT_LOCKFUNC, share_lock);
	curl_share_setopt(c->share, CURLSHOPT_UNLOCKFUNC, share_unlock);
	curl_share_setopt(c->share, CURLSHOPT_USERDATA, c);
	rc |= curl_share_setopt(c->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT);
	rc |= curl_share_setopt(c->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
	rc |= curl_share_setopt(c->share, CURLSHOPT_SHARE,
	    CURL_LOCK_DATA_SSL_SESSION);
	if (rc != CURLSHE_OK) {
		*cause = hs_xstrdup("cannot share HTTP connections: libcurl "
		    "is older than 7.57");
		return -1;
	}
	return 0;
}

static long
timeout_or_default(long ms)
{
	return ms == 0 ? AWS_HTTP_DEFAULT_TIMEOUT_MS : ms;
}

/* A new client with one reference. */
struct aws_http_client *
aws_http_client_new(const struct aws_http_config *cfg, char **cause)
{
	struct aws_http_client *c;
	size_t i;

	pthread_once(&curl_once, curl_init_once);
	if (curl_init_rc != CURLE_OK) {
		*cause = hs_xasprintf("cannot initialise libcurl: %s",
		    curl_easy_strerror(curl_init_rc));
		return NULL;
	}
	c = hs_xcalloc(1, sizeof *c);
	c->refs = 1;
	pthread_mutex_init(&c->lock, NULL);
	for (i = 0; i < HS_ARRAY_SIZE(c->share_locks); i++)
		pthread_mutex_init(&c->share_locks[i], NULL);
	c->no_verify = cfg != NULL && cfg->no_verify;
	c->ca_bundle = cfg && cfg->ca_bundle ? hs_xstrdup(cfg->ca_bundle) : NULL;
	c->connect_timeout_ms = timeout_or_default(cfg ?
	    cfg->connect_timeout_ms : 0);
	c->read_timeout_ms = timeout_or_default(cfg ? cfg->read_timeout_ms : 0);
	if (client_make_share(c, cause) < 0) {
		aws_http_client_release(c);
		return NULL;
	}
	return c;
}

/* Take one more reference. */
struct aws_http_client *
aws_http_client_acquire(struct aws_http_client *c)
{
	if (c != NULL) {
		pthread_mutex_lock(&c->lock);
		c->refs++;
		pthread_mutex_unlock(&c->lock);
	}
	return c;
}

/* Drop one reference; the last closes the kept-alive connections. */
void
aws_http_client_release(struct aws_http_client *c)
{
	struct http_quota *q, *next;
	size_t i;
	int refs;

	if (c == NULL)
		return;
	pthread_mutex_lock(&c->lock);
	refs = --c->refs;
	pthread_mutex_unlock(&c->lock);
	if (refs > 0)
		return;
	if (c->share != NULL)
		curl_share_cleanup(c->share);
	for (q = c->quotas; q != NULL; q = next) {
		next = q->next;
		free(q->host);
		free(q);
	}
	for (i = 0; i < HS_ARRAY_SIZE(c->share_locks); i++)
		pthread_mutex_destroy(&c->share_locks[i]);
	pthread_mutex_destroy(&c->lock);
	free(c->ca_bundle);
	free(c);
}

/* Send the --debug log to fn(arg, line). */
void
aws_http_client_set_log(struct aws_http_client *c, aws_http_log_fn *fn,
    void *arg)
{
	c->log = fn;
	c->log_arg = arg;
}

/* Write one log line to the FILE * in arg. */
void
aws_http_log_stream(void *arg, const char *line)
{
	FILE *f = arg;

	fputs(line, f);
	fputc('\n', f);
	fflush(f);
}

/* Watch a flag raised by a signal handler. */
void
aws_http_client_set_cancel(struct aws_http_client *c,
    const volatile sig_atomic_t *flag)
{
	c->cancel = flag;
}

/* Replace the sleep used between attempts. */
void
aws_http_client_set_sleep(struct aws_http_client *c, aws_http_sleep_fn *fn,
    void *arg)
{
	c->sleep = fn;
	c->sleep_arg = arg;
}

/* Replace the random source of the backoff jitter. */
void
aws_http_client_set_random(struct aws_http_client *c, aws_http_random_fn *fn,
    void *arg)
{
	c->random = fn;
	c->random_arg = arg;
}

/* Replace the clock handed to the sign hook. */
void
aws_http_client_set_clock(struct aws_http_client *c, aws_http_clock_fn *fn,
    void *arg)
{
	c->clock = fn;
	c->clock_arg = arg;
}

/* Seconds added to the clock since a skew error. */
time_t
aws_http_client_clock_offset(struct aws_http_client *c)
{
	time_t off;

	pthread_mutex_lock(&c->lock);
	off = c->clock_offset;
	pthread_mutex_unlock(&c->lock);
	return off;
}

/* Remember the server's clock offset for this and later requests. */
void
http_set_clock_offset(struct aws_http_client *c, time_t offset)
{
	pthread_mutex_lock(&c->lock);
	c->clock_offset = offset;
	pthread_mutex_unlock(&c->lock);
}

/* The time to sign at: the clock plus the learnt offset. */
time_t
http_now(struct aws_http_client *c)
{
	time_t now = c->clock ? c->clock(c->clock_arg) : time(NULL);

	return now + aws_http_client_clock_offset(c);
}

/* Tell whether the cancel flag is raised. */
bool
aws_http_client_cancelled(struct aws_http_client *c)
{
	return c->cancel != NULL && *c->cancel != 0;
}

/* Sleep between attempts, waking every 50 ms to look at the cancel flag. */
void
aws_http_client_sleep(struct aws_http_client *c, double seconds)
{
	struct timespec slice = { 0, 50 * 1000 * 1000 };
	double left = seconds;

	if (c->sleep != NULL) {
		c->sleep(c->sleep_arg, seconds);
		return;
	}
	while (left > 0 && !aws_http_client_cancelled(c)) {
		if (left < 0.05)
			slice.tv_nsec = (long)(left * 1e9);
		if (nanosleep(&slice, NULL) < 0 && errno != EINTR)
			return;
		left -= 0.05;
	}
}

/* A uniform random number in [0, 1) for the jitter. */
double
http_random(struct aws_http_client *c)
{
	uint32_t r;

	if (c->random != NULL)
		return c->random(c->random_arg);
	if (RAND_bytes((unsigned char *)&r, sizeof r) != 1)
		r = (uint32_t)rand();
	return (double)r / 4294967296.0;
}

/* Tell whether --debug logging is on. */
bool
http_logging(const struct aws_http_client *c)
{
	return c->log != NULL;
}

/* Log one line when --debug is on. */
void
http_log(struct aws_http_client *c, const char *fmt, ...)
{
	va_list ap;
	char *line;

	if (c->log == NULL)
		return;
	va_start(ap, fmt);
	line = hs_xvasprintf(fmt, ap);
	va_end(ap);
	c->log(c->log_arg, line);
	free(line);
}

/* Find or add the quota of a host; the lock is held. */
static struct aws_retry_quota *
quota_for(struct aws_http_client *c, const char *host)
{
	struct http_quota *q;

	if (host == NULL)
		host = "";
	for (q = c->quotas; q != NULL; q = q->next)
		if (strcmp(q->host, host) == 0)
			return &q->quota;
	q = hs_xcalloc(1, sizeof *q);
	q->host = hs_xstrdup(host);
	aws_retry_quota_init(&q->quota, AWS_RETRY_QUOTA_INITIAL);
	q->next = c->quotas;
	c->quotas = q;
	return &q->quota;
}

/* Take retry tokens from a host's quota; *left gets what remains. */
bool
http_quota_acquire(struct aws_http_client *c, const char *host, int amount,
    int *left)
{
	struct aws_retry_quota *q;
	bool ok;

	pthread_mutex_lock(&c->lock);
	q = quota_for(c, host);
	ok = aws_retry_quota_acquire(q, amount);
	*left = q->available;
	pthread_mutex_unlock(&c->lock);
	return ok;
}

/* Give retry tokens back to a host's quota. */
void
http_quota_release(struct aws_http_client *c, const char *host, int amount)
{
	pthread_mutex_lock(&c->lock);
	aws_retry_quota_release(quota_for(c, host), amount);
	pthread_mutex_unlock(&c->lock);
}

/* The tokens left in a host's quota. */
int
aws_http_client_quota_available(struct aws_http_client *c, const char *host)
{
	int n;

	pthread_mutex_lock(&c->lock);
	n = quota_for(c, host)->available;
	pthread_mutex_unlock(&c->lock);
	return n;
}
