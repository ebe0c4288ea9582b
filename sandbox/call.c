/*
 * call.c: one request being served (struct sbx_call): its request IDs,
 * the answer's headers, the errors handlers record, and the date and
 * random-ID formats AWS uses.
 */
#include "hs-common.h"
#include "sbx.h"
#include <openssl/evp.h>

#include <openssl/rand.h>
#include <sys/time.h>

/* Fill buf with n random bytes as lower-case hex (2n chars + NUL). */
void
sbx_random_hex(char *buf, size_t n)
{
	unsigned char raw[64];
	size_t i;

	if (n > sizeof raw || RAND_bytes(raw, (int)n) != 1)
		BUG("RAND_bytes failed");
	for (i = 0; i < n; i++)
		snprintf(buf + 2 * i, 3, "%02x", raw[i]);
}

/* Make the request IDs: S3's 16 upper-case hex digits and its id-2. */
static void
call_make_ids(struct sbx_call *c)
{
	unsigned char raw[48];
	size_t i;

	sbx_random_hex(c->request_id, 8);
	for (i = 0; c->request_id[i] != '\0'; i++)
		if (c->request_id[i] >= 'a')
			c->request_id[i] = (char)(c->request_id[i] - 'a' + 'A');
	if (RAND_bytes(raw, sizeof raw) != 1)
		BUG("RAND_bytes failed");
	EVP_EncodeBlock((unsigned char *)c->host_id, raw, (int)sizeof raw);
}

/* Replace the request ID by a UUID (query, json and rest-json services). */
void
sbx_call_uuid_id(struct sbx_call *c)
{
	char h[33];

	sbx_random_hex(h, 16);
	h[12] = '4';
	h[16] = "89ab"[h[16] % 4];
	snprintf(c->request_id, sizeof c->request_id, "%.8s-%.4s-%.4s-%.4s-%.12s",
	    h, h + 8, h + 12, h + 16, h + 20);
}

/* Microseconds on the monotonic clock (durations). */
int64_t
sbx_mono_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Start a call for a request whose raw URI is raw_uri. */
struct sbx_call *
sbx_call_new(struct sandbox *sb, const char *raw_uri)
{
	struct sbx_call *c = hs_xcalloc(1, sizeof *c);
	struct timeval tv;

	c->sb = sb;
	aws_request_init(&c->req);
	aws_kvlist_clear(&c->headers);
	hs_buf_init(&c->body, 0);
	c->raw_uri = hs_xstrdup(raw_uri != NULL ? raw_uri : "/");
	gettimeofday(&tv, NULL);
	c->now = tv.tv_sec;
	c->now_ms = (int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
	c->start_us = sbx_mono_us();
	c->status = 200;
	c->body_fd = -1;
	call_make_ids(c);
	return c;
}

/* Free a call and everything it owns. */
void
sbx_call_free(struct sbx_call *c)
{
	if (c == NULL)
		return;
	aws_kvlist_cleanse(&c->req.headers);
	aws_request_clear(&c->req);
	free(c->raw_uri);
	free(c->raw_query);
	free(c->client_ip);
	free(c->bucket);
	free(c->region);
	free(c->key);
	sbx_principal_free(c->who);
	cJSON_Delete(c->input);
	cJSON_Delete(c->output);
	aws_kvlist_clear(&c->headers);
	aws_kvlist_cleanse(&c->params);
	hs_buf_release(&c->body);
	sbx_blob_close(c->stream);
	free(c->err_code);
	free(c->err_message);
	aws_kvlist_clear(&c->err_fields);
	free(c);
}

/* Record an AWS error for the answer; always returns -1. */
int
sbx_fail(struct sbx_call *c, int status, const char *code, const char *fmt,
    ...)
{
	va_list ap;

	free(c->err_code);
	free(c->err_message);
	c->status = status;
	c->err_code = hs_xstrdup(code);
	va_start(ap, fmt);
	c->err_message = hs_xvasprintf(fmt, ap);
	va_end(ap);
	return -1;
}

/* Add a member to the error document (S3: <BucketName>, <Key>...). */
void
sbx_fail_field(struct sbx_call *c, const char *name, const char *value)
{
	aws_kvlist_add(&c->err_fields, name, value);
}

/* Set a response header (replaces). */
void
sbx_header(struct sbx_call *c, const char *name, const char *value)
{
	aws_kvlist_set(&c->headers, name, value);
}

/* Set a response header from a format. */
void
sbx_headerf(struct sbx_call *c, const char *name, const char *fmt, ...)
{
	va_list ap;
	char *v;

	va_start(ap, fmt);
	v = hs_xvasprintf(fmt, ap);
	va_end(ap);
	aws_kvlist_set(&c->headers, name, v);
	free(v);
}

/* Format a time as RFC 1123 ("Sun, 06 Nov 1994 08:49:37 GMT"). */
void
sbx_http_date(time_t t, char out[40])
{
	struct tm tm;

	hs_gmtime(t, &tm);
	strftime(out, 40, "%a, %d %b %Y %H:%M:%S GMT", &tm);
}

/* Format milliseconds since the epoch as ISO 8601 with milliseconds, Z. */
void
sbx_iso_date(int64_t ms, char out[40])
{
	struct tm tm;
	char base[32];

	hs_gmtime((time_t)(ms / 1000), &tm);
	strftime(base, sizeof base, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out, 40, "%s.%03dZ", base, (int)(ms % 1000));
}

/* Make a unique name for a temporary file under DATA/tmp. */
char *
sbx_tmp_path(struct sandbox *sb, const char *what)
{
	char rnd[17];
	unsigned long n;

	pthread_mutex_lock(&sb->seq_lock);
	n = ++sb->tmp_seq;
	pthread_mutex_unlock(&sb->seq_lock);
	sbx_random_hex(rnd, 8);
	return hs_xasprintf("%s/tmp/%s-%lu-%s", sb->data_dir, what, n, rnd);
}
