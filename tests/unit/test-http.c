/*
 * test-http.c: aws/http against the local fake responder: retries,
 * timeouts, dropped connections, keep-alive, streaming, clock skew,
 * cancellation, TLS verification and the --debug log's redaction.
 *
 * Sleeps are injected (recorded, not slept) and the jitter is a fixed
 * 0.5, so the backoff is checked exactly without timing anything.
 */
#include "hs-common.h"
#include "harness.h"
#include "http.h"
#include "responder.h"

#include <openssl/evp.h>
#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

struct fixture {
	struct responder srv;
	struct aws_http_client *client;
	double sleeps[1100];
	int nsleeps;
	struct hs_buf log;
	time_t signed_at[16];
	int nsigned;
	volatile sig_atomic_t cancel;
	int cancel_after_sleeps;	/* raise the flag at this sleep; 0: never */
};

static void
record_sleep(void *arg, double seconds)
{
	struct fixture *fx = arg;

	if (fx->nsleeps < (int)HS_ARRAY_SIZE(fx->sleeps))
		fx->sleeps[fx->nsleeps] = seconds;
	fx->nsleeps++;
	if (fx->cancel_after_sleeps && fx->nsleeps >= fx->cancel_after_sleeps)
		fx->cancel = 1;
}

static double
half(void *arg)
{
	return 0.5;
}

static void
collect_log(void *arg, const char *line)
{
	struct fixture *fx = arg;

	hs_buf_adds(&fx->log, line);
	hs_buf_addch(&fx->log, '\n');
}

/* Start a responder with a script and a client that records sleeps. */
static bool
fx_start(struct fixture *fx, const char *script)
{
	char *cause = NULL;

	memset(fx, 0, sizeof *fx);
	hs_buf_init(&fx->log, 0);
	if (!responder_start(&fx->srv, script, NULL, NULL, NULL))
		return false;
	fx->client = aws_http_client_new(NULL, &cause);
	CU_ASSERT_PTR_NOT_NULL_FATAL(fx->client);
	aws_http_client_set_sleep(fx->client, record_sleep, fx);
	aws_http_client_set_random(fx->client, half, NULL);
	aws_http_client_set_log(fx->client, collect_log, fx);
	aws_http_client_set_cancel(fx->client, &fx->cancel);
	return true;
}

static void
fx_stop(struct fixture *fx)
{
	aws_http_client_release(fx->client);
	responder_stop(&fx->srv);
	hs_buf_release(&fx->log);
}

/* A request to the responder. */
static void
fx_request(struct fixture *fx, struct aws_request *req, const char *method,
    const char *path)
{
	char *cause = NULL;

	aws_request_init(req);
	CU_ASSERT_EQUAL_FATAL(aws_request_set_endpoint(req, fx->srv.url,
	    &cause), 0);
	aws_request_set_method(req, method);
	aws_request_set_path(req, path);
}

/* A test classifier: the <Code> of an XML error body. */
static enum aws_retry_kind
xml_code_classifier(void *arg, const struct aws_retry_facts *f,
    char **error_code)
{
	const char *s, *e;

	if (f->resp != NULL && (s = strstr(f->resp->body.buf, "<Code>")) &&
	    (e = strstr(s, "</Code>"))) {
		s += strlen("<Code>");
		*error_code = hs_xstrndup(s, (size_t)(e - s));
	}
	return aws_retry_classify_code(f, *error_code);
}

/* Run a call with the XML classifier; returns aws_http_execute's value. */
static int
fx_execute(struct fixture *fx, struct aws_http_call *call,
    struct aws_request *req, struct aws_response *resp, char **cause)
{
	call->req = req;
	call->resp = resp;
	if (call->classify == NULL)
		call->classify = xml_code_classifier;
	return aws_http_execute(fx->client, call, cause);
}

static int
count_requests(struct fixture *fx)
{
	cJSON *list = responder_requests(&fx->srv);
	int n = cJSON_GetArraySize(list);

	cJSON_Delete(list);
	return n;
}

#define THROTTLE_BODY "<ErrorResponse><Error><Code>ThrottlingException" \
	"</Code></Error></ErrorResponse>"

static void
test_get_basic(void)
{
	struct fixture fx;
	struct aws_request req;
	struct aws_response resp = AWS_RESPONSE_INIT;
	char *cause = NULL;

	if (!fx_start(&fx, "[{\"status\": 200, \"body\": \"hello\", "
	    "\"headers\": {\"x-amzn-RequestId\": \"req-1\", "
	    "\"X-Thing\": \"  padded  \"}}]"))
		return;
	fx_request(&fx, &req, "GET", "/a%20b");
	aws_kvlist_add(&req.query, "list-type", "2");
	CU_ASSERT_EQUAL(aws_http_send(fx.client, &req, &resp, NULL, &cause),
	    AWS_HTTP_OK);
	CU_ASSERT_EQUAL(resp.status, 200);
	HS_ASSERT_STR_EQ(resp.body.buf, "hello");
	CU_ASSERT_EQUAL(resp.body_length, 5);
	HS_ASSERT_STR_EQ(resp.request_id, "req-1");
	HS_ASSERT_STR_EQ(aws_kvlist_get(&resp.headers, "x-thing"), "padded");
	{
		cJSON *list = responder_requests(&fx.srv);
		cJSON *r0 = cJSON_GetArrayItem(list, 0);

		HS_ASSERT_STR_EQ(cJSON_GetObjectItem(r0, "path")->valuestring,
		    "/a%20b");
		HS_ASSERT_STR_EQ(cJSON_GetObjectItem(r0, "query")->valuestring,
		    "list-type=2");
		/* libcurl's own Accept header is suppressed */
		CU_ASSERT_PTR_NULL(cJSON_GetObjectItem(cJSON_GetObjectItem(r0,
		    "headers"), "accept"));
		cJSON_Delete(list);
	}
	aws_request_clear(&req);
	aws_response_clear(&resp);
	fx_stop(&fx);
}

static void
test_throttle_then_success(void)
{
	struct fixture fx;
	struct aws_request req;
	struct aws_response resp = AWS_RESPONSE_INIT;
	struct aws_http_call call = { 0 };
	char *cause = NULL;

	if (!fx_start(&fx, "[{\"status\": 400, \"body\": \"" THROTTLE_BODY
	    "\"}, {\"status\": 200, \"body\": \"ok\"}]"))
		return;
	fx_request(&fx, &req, "GET", "/");
	CU_ASSERT_EQUAL(fx_execute(&fx, &call, &req, &resp, &cause), 0);
	CU_ASSERT_EQUAL(call.attempts, 2);
	CU_ASSERT_EQUAL(resp.status, 200);
	CU_ASSERT_EQUAL(fx.nsleeps, 1);
	CU_ASSERT_DOUBLE_EQUAL(fx.sleeps[0], 0.5, 1e-9);
	CU_ASSERT_PTR_NOT_NULL(strstr(fx.log.buf, "ThrottlingException"));
	/* a retried success refunds what the retry took */
	CU_ASSERT_EQUAL(aws_http_client_quota_available(fx.client,
	    "127.0.0.1"), AWS_RETRY_QUOTA_INITIAL);
	aws_http_call_clear(&call);
	aws_request_clear(&req);
	aws_response_clear(&resp);
	fx_stop(&fx);
}

static void
test_default_classifier_ignores_codes(void)
{
	struct fixture fx;
	struct aws_request req;
	struct aws_response resp = AWS_RESPONSE_INIT;
	struct aws_http_call call = { 0 };
	char *cause = NULL;

	if (!fx_start(&fx, "[{\"status\": 400, \"body\": \"" THROTTLE_BODY
	    "\"}, {\"status\": 200}]"))
		return;
	fx_request(&fx, &req, "GET", "/");
	call.classify = aws_retry_classify_default;
	CU_ASSERT_EQUAL(fx_execute(&fx, &call, &req, &resp, &cause), 0);
	CU_ASSERT_EQUAL(call.attempts, 1);
	CU_ASSERT_EQUAL(resp.status, 400);
	aws_http_call_clear(&call);
	aws_request_clear(&req);
	aws_response_clear(&resp);
	fx_stop(&fx);
}

static void
test_5xx_retried_with_backoff(void)
{
	struct fixture fx;
	struct aws_request req;
	struct aws_response resp = AWS_RESPONSE_INIT;
	struct aws_http_call call = { 0 };
	char *cause = NULL;

	if (!fx_start(&fx, "[{\"status\": 500}, {\"status\": 503}, "
	    "{\"status\": 200, \"body\": \"third\"}]"))
		return;
	fx_request(&fx, &req, "GET", "/");
	CU_ASSERT_EQUAL(fx_execute(&fx, &call, &req, &resp, &cause), 0);
	CU_ASSERT_EQUAL(call.attempts, 3);
	HS_ASSERT_STR_EQ(resp.body.buf, "third");
	CU_ASSERT_EQUAL(fx.nsleeps, 2);
	CU_ASSERT_DOUBLE_EQUAL(fx.sleeps[0], 0.5, 1e-9);	/* 0.5 * 2^0 */
	CU_ASSERT_DOUBLE_EQUAL(fx.sleeps[1], 1.0, 1e-9);	/* 0.5 * 2^1 */
	aws_http_call_clear(&call);
	aws_request_clear(&req);
	aws_response_clear(&resp);
	fx_stop(&fx);
}

/* Run an always-503 responder with a config; returns the attempts. */
static int
attempts_with(const struct aws_retry_config *rc, int status)
{
	struct fixture fx;
	struct aws_request req;
	struct aws_response resp = AWS_RESPONSE_INIT;
	struct aws_http_call call = { 0 };
	char *cause = NULL, *script;
	int n;

	script = hs_xasprintf("[{\"status\": %d}]", status);
	if (!fx_start(&fx, script)) {
		free(script);
		return -1;
	}
	free(script);
	fx_request(&fx, &req, "GET", "/");
	call.retry = *rc;
	CU_ASSERT_EQUAL(fx_execute(&fx, &call, &req, &resp, &cause), 0);
	CU_ASSERT_EQUAL(resp.status, status);
	n = call.attempts;
	CU_ASSERT_EQUAL(count_requests(&fx), n);
	CU_ASSERT_EQUAL(fx.nsleeps, n - 1);
	aws_http_call_clear(&call);
	aws_request_clear(&req);
	aws_response_clear(&resp);
	fx_stop(&fx);
	return n;
}

static void
test_max_attempts_per_mode(void)
{
	struct aws_retry_config standard = { AWS_RETRY_STANDARD, 0 };
	struct aws_retry_config legacy = { AWS_RETRY_LEGACY, 0 };
	struct aws_retry_config two = { AWS_RETRY_STANDARD, 2 };
	struct aws_retry_config one = { AWS_RETRY_LEGACY, 1 };
	int n;

	if ((n = attempts_with(&standard, 503)) < 0)
		return;
	CU_ASSERT_EQUAL(n, 3);
	CU_ASSERT_EQUAL(attempts_with(&legacy, 503), 5);
	CU_ASSERT_EQUAL(attempts_with(&two, 503), 2);
	CU_ASSERT_EQUAL(attempts_with(&one, 503), 1);
	/* 429 without a throttling code: legacy retries, standard does not */
	CU_ASSERT_EQUAL(attempts_with(&legacy, 429), 5);
	CU_ASSERT_EQUAL(attempts_with(&standard, 429), 1);
	CU_ASSERT_EQUAL(attempts_with(&standard, 404), 1);
}

static void
test_connection_drops_retried(void)
{
	struct fixture fx;
	struct aws_request req;
	struct aws_response resp = AWS_RESPONSE_INIT;
	struct aws_http_call call = { 0 };
	char *cause = NULL;

	if (!fx_start(&fx, "[{\"drop\": true}, {\"drop_mid\": true}, "
	    "{\"status\": 200, \"body\": \"whole\"}]"))
		return;
	fx_request(&fx, &req, "GET", "/");
	CU_ASSERT_EQUAL(fx_execute(&fx, &call, &req, &resp, &cause), 0);
	CU_ASSERT_EQUAL(call.attempts, 3);
	HS_ASSERT_STR_EQ(resp.body.buf, "whole");
	aws_http_call_clear(&call);
	aws_request_clear(&req);
	aws_response_clear(&resp);
	fx_stop(&fx);
}

static void
test_drops_exhaust_attempts(void)
{
	struct fixture fx;
	struct aws_request req;
	struct aws_response resp = AWS_RESPONSE_INIT;
	struct aws_http_call call = { 0 };
	char *cause = NULL;

	if (!fx_start(&fx, "[{\"drop\": true}]"))
		return;
	fx_request(&fx, &req, "GET", "/");
	CU_ASSERT_EQUAL(fx_execute(&fx, &call, &req, &resp, &cause), -1);
	CU_ASSERT_EQUAL(call.attempts, 3);
	CU_ASSERT_EQUAL(call.error, AWS_HTTP_ERR_CONNECTION);
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "(3 attempts)"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "127.0.0.1"));
	CU_ASSERT_EQUAL(resp.status, 0);
	free(cause);
	aws_http_call_clear(&call);
	aws_request_clear(&req);
	aws_response_clear(&resp);
	fx_stop(&fx);
}

static void
test_connection_refused(void)
{
	struct fixture fx;
	struct aws_request req;
	struct aws_response resp = AWS_RESPONSE_INIT;
	struct aws_http_call call = { 0 };
	char *cause = NULL, *url;
	int port;

	if (!fx_start(&fx, "[{}]"))
		return;
	port = fx.srv.port;
	url = hs_xstrdup(fx.srv.url);
	responder_stop(&fx.srv);	/* nobody listens on the port now */
	aws_request_init(&req);
	CU_ASSERT_EQUAL(aws_request_set_endpoint(&req, url, &cause), 0);
	CU_ASSERT_EQUAL(req.port, port);
	CU_ASSERT_EQUAL(fx_execute(&fx, &call, &req, &resp, &cause), -1);
	CU_ASSERT_EQUAL(call.error, AWS_HTTP_ERR_CONNECT);
	CU_ASSERT_EQUAL(call.attempts, 3);
	free(cause);
	free(url);
	aws_http_call_clear(&call);
	aws_request_clear(&req);
	aws_response_clear(&resp);
	fx_stop(&fx);
}

static void
test_stall_hits_read_timeout(void)
{
	struct fixture fx;
	struct aws_request req;
	struct aws_response resp = AWS_RESPONSE_INIT;
	struct aws_http_call call = { 0 };
	char *cause = NULL;

	if (!fx_start(&fx, "[{\"stall\": 4}, {\"stall_mid\": 4}, "
	    "{\"status\": 200, \"body\": \"late\"}]"))
		return;
	fx_request(&fx, &req, "GET", "/");
	call.limits.read_timeout_ms = 1000;
	call.retry.max_attempts = 2;
	CU_ASSERT_EQUAL(fx_execute(&fx, &call, &req, &resp, &cause), -1);
	CU_ASSERT_EQUAL(call.error, AWS_HTTP_ERR_TIMEOUT);
	CU_ASSERT_EQUAL(call.attempts, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "timed out"));
	/* a timeout retry costs 10 tokens and a failure refunds nothing */
	CU_ASSERT_EQUAL(aws_http_client_quota_available(fx.client,
	    "127.0.0.1"), AWS_RETRY_QUOTA_INITIAL - 10);
	free(cause);
	cause = NULL;
	aws_http_call_clear(&call);
	call.limits.read_timeout_ms = 1000;
	CU_ASSERT_EQUAL(fx_execute(&fx, &call, &req, &resp, &cause), 0);
	HS_ASSERT_STR_EQ(resp.body.buf, "late");
	aws_http_call_clear(&call);
	aws_request_clear(&req);
	aws_response_clear(&resp);
	fx_stop(&fx);
}

static void
test_quota_exhaustion(void)
{
	struct fixture fx;
	struct aws_request req;
	struct aws_response resp = AWS_RESPONSE_INIT;
	struct aws_http_call call = { 0 };
	char *cause = NULL;

	if (!fx_start(&fx, "[{\"status\": 503}]"))
		return;
	fx_request(&fx, &req, "GET", "/");
	call.retry.max_attempts = 1000;
	CU_ASSERT_EQUAL(fx_execute(&fx, &call, &req, &resp, &cause), 0);
	/* 500 tokens at 5 per retry: 100 retries after the first attempt */
	CU_ASSERT_EQUAL(call.attempts, 101);
	CU_ASSERT_TRUE(call.quota_exhausted);
	CU_ASSERT_EQUAL(resp.status, 503);
	CU_ASSERT_EQUAL(aws_http_client_quota_available(fx.client,
	    "127.0.0.1"), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(fx.log.buf, "quota is exhausted"));
	/* the backoff is capped at 20 s: 0.5 * min(2^99, 20) */
	CU_ASSERT_DOUBLE_EQUAL(fx.sleeps[99], 10.0, 1e-9);
	/* another host has a quota of its own */
	CU_ASSERT_EQUAL(aws_http_client_quota_available(fx.client,
	    "localhost"), AWS_RETRY_QUOTA_INITIAL);
	aws_http_call_clear(&call);
	aws_request_clear(&req);
	aws_response_clear(&resp);
	fx_stop(&fx);
}

static time_t
fixed_clock(void *arg)
{
	return *(time_t *)arg;
}

static int
record_sign(void *arg, struct aws_request *req, time_t now, char **cause)
{
	struct fixture *fx = arg;
	char *auth;

	if (fx->nsigned < (int)HS_ARRAY_SIZE(fx->signed_at))
		fx->signed_at[fx->nsigned] = now;
	fx->nsigned++;
	/* a header left by an earlier attempt would show up here */
	if (aws_kvlist_get(&req->headers, "Authorization") != NULL)
		BUG("the previous attempt's signature was not removed");
	auth = hs_xasprintf("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/"
	    "us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date, "
	    "Signature=5ec7e75ecre7sign%d", fx->nsigned);
	aws_kvlist_add(&req->headers, "Authorization", auth);
	aws_kvlist_add(&req->headers, "X-Amz-Security-Token",
	    "FQoGZXIvYXdzEPHItokenvalue");
	free(auth);
	return 0;
}

static void
test_clock_skew_retry(void)
{
	struct fixture fx;
	struct aws_request req;
	struct aws_response resp = AWS_RESPONSE_INIT;
	struct aws_http_call call = { 0 };
	char *cause = NULL;
	time_t t0 = 1704067200;		/* 2024-01-01T00:00:00Z */

	if (!fx_start(&fx, "[{\"status\": 403, \"date\": \"Mon, 01 Jan 2024 "
	    "01:00:00 GMT\", \"body\": \"<Error><Code>RequestTimeTooSkewed"
	    "</Code></Error>\"}, {\"status\": 403, \"date\": \"Mon, 01 Jan "
	    "2024 01:00:00 GMT\", \"body\": \"<Error><Code>"
	    "RequestTimeTooSkewed</Code></Error>\"}, {\"status\": 200}]"))
		return;
	aws_http_client_set_clock(fx.client, fixed_clock, &t0);
	fx_request(&fx, &req, "GET", "/");
	call.sign = record_sign;
	call.sign_arg = &fx;
	CU_ASSERT_EQUAL(fx_execute(&fx, &call, &req, &resp, &cause), 0);
	/* one corrected retry, not two; and no backoff before it */
	CU_ASSERT_EQUAL(call.attempts, 2);
	CU_ASSERT_EQUAL(resp.status, 403);
	HS_ASSERT_STR_EQ(call.error_code, "RequestTimeTooSkewed");
	CU_ASSERT_EQUAL(fx.nsleeps, 0);
	CU_ASSERT_EQUAL(fx.nsigned, 2);
	CU_ASSERT_EQUAL(fx.signed_at[0], t0);
	CU_ASSERT_EQUAL(fx.signed_at[1], t0 + 3600);
	CU_ASSERT_EQUAL(aws_http_client_clock_offset(fx.client), 3600);
	/* the next request signs with the corrected clock at once */
	aws_http_call_clear(&call);
	CU_ASSERT_EQUAL(fx_execute(&fx, &call, &req, &resp, &cause), 0);
	CU_ASSERT_EQUAL(resp.status, 200);
	CU_ASSERT_EQUAL(fx.signed_at[2], t0 + 3600);
	aws_http_call_clear(&call);
	aws_request_clear(&req);
	aws_response_clear(&resp);
	fx_stop(&fx);
}

/* The SHA-256 of a file's bytes [off, off + len), in hex. */
static void
sha256_hex(const void *data, size_t len, char out[65])
{
	unsigned char md[32];
	unsigned int n;
	int i;

	EVP_Digest(data, len, md, &n, EVP_sha256(), NULL);
	for (i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

/* Check every logged attempt's body had this SHA-256; returns count. */
static int
check_bodies(struct fixture *fx, const char *sha, long len)
{
	cJSON *list = responder_requests(&fx->srv), *r;
	int n = 0;

	cJSON_ArrayForEach(r, list) {
		HS_ASSERT_STR_EQ(cJSON_GetObjectItem(r, "body_sha256")
		    ->valuestring, sha);
		CU_ASSERT_EQUAL((long)cJSON_GetObjectItem(r, "body_len")
		    ->valuedouble, len);
		n++;
	}
	cJSON_Delete(list);
	return n;
}

static void
test_body_rewound(void)
{
	struct fixture fx;
	struct aws_request req;
	struct aws_response resp = AWS_RESPONSE_INIT;
	struct aws_http_call call = { 0 };
	char *cause = NULL, *path, sha[65];
	const char *text = "Action=AssumeRole&Version=2011-06-15&pad="
	    "0123456789abcdefghijklmnopqrstuvwxyz";
	FILE *f;

	if (!fx_start(&fx, "[{\"status\": 500, \"close\": true}, {\"drop\": true}, "
	    "{\"status\": 200}, {\"status\": 503}, {\"status\": 200}]"))
		return;
	fx_request(&fx, &req, "POST", "/");
	aws_request_set_body(&req, text, strlen(text));
	CU_ASSERT_EQUAL(fx_execute(&fx, &call, &req, &resp, &cause), 0);
	CU_ASSERT_EQUAL(call.attempts, 3);
	sha256_hex(text, strlen(text), sha);
	CU_ASSERT_EQUAL(check_bodies(&fx, sha, (long)strlen(text)), 3);

	/* a file body, from an offset, for a length: read again each time */
	path = hs_xasprintf("%s/body.bin", hs_unit_tmpdir());
	f = fopen(path, "w");
	fputs("HEADER--", f);
	fputs(text, f);
	fputs("--TRAILER", f);
	fclose(f);
	unlink(fx.srv.log_path);
	aws_request_set_body_file(&req, path, 8, (off_t)strlen(text));
	aws_http_call_clear(&call);
	CU_ASSERT_EQUAL(fx_execute(&fx, &call, &req, &resp, &cause), 0);
	CU_ASSERT_EQUAL(call.attempts, 2);
	CU_ASSERT_EQUAL(check_bodies(&fx, sha, (long)strlen(text)), 2);
	free(path);
	aws_http_call_clear(&call);
	aws_request_clear(&req);
	aws_response_clear(&resp);
	fx_stop(&fx);
}

static void
test_keep_alive_reuse(void)
{
	struct fixture fx;
	struct aws_request req;
	struct aws_response resp = AWS_RESPONSE_INIT;
	struct aws_http_client *other;
	char *cause = NULL;
	cJSON *list, *r;
	int i;

	if (!fx_start(&fx, "[{}, {}, {}, {\"close\": true}, {}]"))
		return;
	fx_request(&fx, &req, "GET", "/");
	for (i = 0; i < 5; i++)
		CU_ASSERT_EQUAL(aws_http_send(fx.client, &req, &resp, NULL,
		    &cause), AWS_HTTP_OK);
	other = aws_http_client_new(NULL, &cause);
	CU_ASSERT_EQUAL(aws_http_send(other, &req, &resp, NULL, &cause),
	    AWS_HTTP_OK);
	aws_http_client_release(other);
	list = responder_requests(&fx.srv);
	CU_ASSERT_EQUAL_FATAL(cJSON_GetArraySize(list), 6);
	i = 0;
	cJSON_ArrayForEach(r, list) {
		static const int want[] = { 1, 1, 1, 1, 2, 3 };

		CU_ASSERT_EQUAL((int)cJSON_GetObjectItem(r, "conn")
		    ->valuedouble, want[i]);
		i++;
	}
	cJSON_Delete(list);
	CU_ASSERT_PTR_NOT_NULL(strstr(fx.log.buf, "Re-using existing"));
	aws_request_clear(&req);
	aws_response_clear(&resp);
	fx_stop(&fx);
}

/* Write size bytes of a pseudo-random pattern without holding them. */
static void
write_big_file(const char *path, size_t size, char sha[65])
{
	static char block[1 << 16];
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	unsigned char out[32];
	uint32_t x = 2463534242u;
	FILE *f = fopen(path, "w");
	size_t done, i;

	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	for (done = 0; done < size; done += sizeof block) {
		for (i = 0; i < sizeof block; i++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			block[i] = (char)x;
		}
		fwrite(block, 1, sizeof block, f);
		EVP_DigestUpdate(md, block, sizeof block);
	}
	fclose(f);
	EVP_DigestFinal_ex(md, out, NULL);
	EVP_MD_CTX_free(md);
	for (i = 0; i < 32; i++)
		snprintf(sha + 2 * i, 3, "%02x", out[i]);
}

static long
max_rss_kib(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static void
test_stream_large_file_body(void)
{
	const size_t size = 50u << 20;
	struct fixture fx;
	struct aws_request req;
	struct aws_response resp = AWS_RESPONSE_INIT;
	struct aws_http_call call = { 0 };
	char *cause = NULL, *path, sha[65], *want;
	long before;

	if (!fx_start(&fx, "[{\"status\": 503}, {\"echo_sha\": true}]"))
		return;
	path = hs_xasprintf("%s/big.bin", hs_unit_tmpdir());
	write_big_file(path, size, sha);
	fx_request(&fx, &req, "PUT", "/bucket/big.bin");
	aws_request_set_body_file(&req, path, 0, -1);
	before = max_rss_kib();
	CU_ASSERT_EQUAL(fx_execute(&fx, &call, &req, &resp, &cause), 0);
	/* sent twice (a 503 first), never held: RSS grew by far less */
	CU_ASSERT(max_rss_kib() - before < 16 * 1024);
	CU_ASSERT_EQUAL(call.attempts, 2);
	want = hs_xasprintf("{\"sha256\": \"%s\", \"length\": %zu}", sha, size);
	HS_ASSERT_STR_EQ(resp.body.buf, want);
	CU_ASSERT_EQUAL(check_bodies(&fx, sha, (long)size), 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(fx.log.buf, "[body of 52428800 bytes "
	    "from"));
	unlink(path);
	free(path);
	free(want);
	aws_http_call_clear(&call);
	aws_request_clear(&req);
	aws_response_clear(&resp);
	fx_stop(&fx);
}

/* Read a whole small file. */
static char *
slurp(const char *path)
{
	struct hs_buf b = HS_BUF_INIT;
	char chunk[4096];
	size_t n;
	FILE *f = fopen(path, "r");

	if (f == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		hs_buf_add(&b, chunk, n);
	fclose(f);
	return hs_buf_detach(&b, NULL);
}

static void
test_response_to_file(void)
{
	struct fixture fx;
	struct aws_request req;
	struct aws_response resp = AWS_RESPONSE_INIT;
	struct aws_http_call call = { 0 };
	char *cause = NULL, *path, *got;

	if (!fx_start(&fx, "[{\"drop_mid\": true, \"body\": \"partial-partial"
	    "\"}, {\"status\": 200, \"body\": \"PHI record 1\\nPHI record 2\\n"
	    "\"}, {\"status\": 404, \"body\": \"<Error><Code>NoSuchKey</Code>"
	    "</Error>\"}]"))
		return;
	path = hs_xasprintf("%s/out.txt", hs_unit_tmpdir());
	fx_request(&fx, &req, "GET", "/bucket/key");
	resp.body_kind = AWS_BODY_FILE;
	resp.body_file = hs_xstrdup(path);
	CU_ASSERT_EQUAL(fx_execute(&fx, &call, &req, &resp, &cause), 0);
	CU_ASSERT_EQUAL(call.attempts, 2);
	got = slurp(path);
	HS_ASSERT_STR_EQ(got, "PHI record 1\nPHI record 2\n");
	CU_ASSERT_EQUAL(resp.body.len, 0);
	CU_ASSERT_EQUAL(resp.body_length, 26);
	free(got);
	/* no temporary file is left beside it */
	{
		char *pattern = hs_xasprintf("ls %s | grep -c hs-tmp",
		    hs_unit_tmpdir());
		FILE *p = popen(pattern, "r");
		char line[16] = "";

		fgets(line, sizeof line, p);
		pclose(p);
		HS_ASSERT_STR_EQ(line, "0\n");
		free(pattern);
	}
	/* an error answer stays in memory; the file is untouched */
	aws_http_call_clear(&call);
	CU_ASSERT_EQUAL(fx_execute(&fx, &call, &req, &resp, &cause), 0);
	CU_ASSERT_EQUAL(resp.status, 404);
	CU_ASSERT_PTR_NOT_NULL(strstr(resp.body.buf, "NoSuchKey"));
	got = slurp(path);
	HS_ASSERT_STR_EQ(got, "PHI record 1\nPHI record 2\n");
	free(got);
	free(path);
	aws_http_call_clear(&call);
	aws_request_clear(&req);
	aws_response_clear(&resp);
	fx_stop(&fx);
}

#define STS_BODY "<AssumeRoleResponse><AssumeRoleResult><Credentials>" \
	"<AccessKeyId>ASIAFAKEKEY</AccessKeyId><SecretAccessKey>" \
	"wJalrXUtnFEMIsecretvalue</SecretAccessKey><SessionToken>" \
	"IQoJb3JpZ2luX2VjsessiontokenXYZ</SessionToken></Credentials>" \
	"</AssumeRoleResult></AssumeRoleResponse>"

static void
test_debug_log_redacts(void)
{
	struct fixture fx;
	struct aws_request req;
	struct aws_response resp = AWS_RESPONSE_INIT;
	struct aws_http_call call = { 0 };
	char *cause = NULL;
	const char *form = "Action=AssumeRoleWithWebIdentity&WebIdentityToken="
	    "eyJhbGciOiJSUzI1NiJ9.webtoken&RoleArn=arn";

	if (!fx_start(&fx, "[{\"status\": 503}, {\"status\": 200, \"headers\": "
	    "{\"Set-Cookie\": \"session=cookievalue\"}, \"body\": \""
	    STS_BODY "\"}]"))
		return;
	fx_request(&fx, &req, "POST", "/");
	aws_kvlist_add(&req.query, "X-Amz-Signature", "presignedsigvalue");
	aws_request_set_body(&req, form, strlen(form));
	call.sign = record_sign;
	call.sign_arg = &fx;
	CU_ASSERT_EQUAL(fx_execute(&fx, &call, &req, &resp, &cause), 0);
	CU_ASSERT_EQUAL(call.attempts, 2);
	/* the values really travelled... */
	CU_ASSERT_PTR_NOT_NULL(strstr(resp.body.buf, "wJalrXUtnFEMIsecretvalue"));
	/* ...and none of them reached the log */
	CU_ASSERT_PTR_NULL(strstr(fx.log.buf, "5ec7e75ecre7sign"));
	CU_ASSERT_PTR_NULL(strstr(fx.log.buf, "FQoGZXIvYXdzEPHItokenvalue"));
	CU_ASSERT_PTR_NULL(strstr(fx.log.buf, "wJalrXUtnFEMIsecretvalue"));
	CU_ASSERT_PTR_NULL(strstr(fx.log.buf, "IQoJb3JpZ2luX2VjsessiontokenXYZ"));
	CU_ASSERT_PTR_NULL(strstr(fx.log.buf, "webtoken"));
	CU_ASSERT_PTR_NULL(strstr(fx.log.buf, "presignedsigvalue"));
	CU_ASSERT_PTR_NULL(strstr(fx.log.buf, "cookievalue"));
	/* what is not secret stays readable */
	CU_ASSERT_PTR_NOT_NULL(strstr(fx.log.buf,
	    "Credential=AKIDEXAMPLE/20240101/us-east-1/sts/aws4_request"));
	CU_ASSERT_PTR_NOT_NULL(strstr(fx.log.buf, "Signature=REDACTED"));
	CU_ASSERT_PTR_NOT_NULL(strstr(fx.log.buf, "ASIAFAKEKEY"));
	CU_ASSERT_PTR_NOT_NULL(strstr(fx.log.buf, "> POST /?X-Amz-Signature="
	    "REDACTED HTTP/1.1"));
	CU_ASSERT_PTR_NOT_NULL(strstr(fx.log.buf, "< HTTP/1.1 503"));
	CU_ASSERT_PTR_NOT_NULL(strstr(fx.log.buf, "retrying in 0.500 s"));
	aws_http_call_clear(&call);
	aws_request_clear(&req);
	aws_response_clear(&resp);
	fx_stop(&fx);
}

static void
test_secret_response_body_not_logged(void)
{
	struct fixture fx;
	struct aws_request req;
	struct aws_response resp = AWS_RESPONSE_INIT;
	char *cause = NULL;
	struct aws_http_limits lim = { 0, 0, false, true };

	if (!fx_start(&fx, "[{\"status\": 200, \"body\": \"AQAEAbareimdstoken\"}]"))
		return;
	fx_request(&fx, &req, "PUT", "/latest/api/token");
	CU_ASSERT_EQUAL(aws_http_send(fx.client, &req, &resp, &lim, &cause),
	    AWS_HTTP_OK);
	HS_ASSERT_STR_EQ(resp.body.buf, "AQAEAbareimdstoken");
	CU_ASSERT_PTR_NULL(strstr(fx.log.buf, "AQAEAbareimdstoken"));
	CU_ASSERT_PTR_NOT_NULL(strstr(fx.log.buf, "not shown: it is a secret"));
	aws_request_clear(&req);
	aws_response_clear(&resp);
	fx_stop(&fx);
}

static void
test_cancel_during_backoff(void)
{
	struct fixture fx;
	struct aws_request req;
	struct aws_response resp = AWS_RESPONSE_INIT;
	struct aws_http_call call = { 0 };
	char *cause = NULL;

	if (!fx_start(&fx, "[{\"status\": 503}, {\"status\": 200}]"))
		return;
	fx.cancel_after_sleeps = 1;
	fx_request(&fx, &req, "GET", "/");
	CU_ASSERT_EQUAL(fx_execute(&fx, &call, &req, &resp, &cause), -1);
	CU_ASSERT_EQUAL(call.error, AWS_HTTP_ERR_CANCELLED);
	HS_ASSERT_STR_EQ(cause, "request cancelled");
	CU_ASSERT_EQUAL(count_requests(&fx), 1);
	free(cause);
	aws_http_call_clear(&call);
	aws_request_clear(&req);
	aws_response_clear(&resp);
	fx_stop(&fx);
}

static void *
raise_later(void *arg)
{
	struct fixture *fx = arg;
	struct timespec ts = { 0, 300 * 1000 * 1000 };

	nanosleep(&ts, NULL);
	fx->cancel = 1;
	return NULL;
}

static void
test_cancel_during_transfer(void)
{
	struct fixture fx;
	struct aws_request req;
	struct aws_response resp = AWS_RESPONSE_INIT;
	struct aws_http_call call = { 0 };
	char *cause = NULL;
	pthread_t t;

	if (!fx_start(&fx, "[{\"stall\": 5}, {\"status\": 200}]"))
		return;
	fx_request(&fx, &req, "GET", "/");
	pthread_create(&t, NULL, raise_later, &fx);
	CU_ASSERT_EQUAL(fx_execute(&fx, &call, &req, &resp, &cause), -1);
	pthread_join(t, NULL);
	CU_ASSERT_EQUAL(call.error, AWS_HTTP_ERR_CANCELLED);
	CU_ASSERT_EQUAL(call.attempts, 1);
	free(cause);
	aws_http_call_clear(&call);
	aws_request_clear(&req);
	aws_response_clear(&resp);
	fx_stop(&fx);
}

/* Make a self-signed certificate for 127.0.0.1 with openssl(1). */
static bool
make_cert(char **cert, char **key)
{
	const char *dir = hs_unit_tmpdir();
	char *cmd;
	int rc;

	*cert = hs_xasprintf("%s/cert.pem", dir);
	*key = hs_xasprintf("%s/key.pem", dir);
	cmd = hs_xasprintf("openssl req -x509 -newkey rsa:2048 -nodes -days 1 "
	    "-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 "
	    "-keyout %s -out %s >/dev/null 2>&1", *key, *cert);
	rc = system(cmd);
	free(cmd);
	return rc == 0;
}

static struct hs_buf tls_log_buf = HS_BUF_INIT;
#define tls_log (tls_log_buf.buf)

static void
keep_tls_log(void *arg, const char *line)
{
	hs_buf_adds(&tls_log_buf, line);
	hs_buf_addch(&tls_log_buf, '\n');
}

/* Send one GET over TLS with a config; returns the error. */
static enum aws_http_error
tls_get(const char *url, const struct aws_http_config *cfg, int *attempts)
{
	struct aws_http_client *c;
	struct aws_request req = AWS_REQUEST_INIT;
	struct aws_response resp = AWS_RESPONSE_INIT;
	struct aws_http_call call = { 0 };
	enum aws_http_error err;
	char *cause = NULL;

	c = aws_http_client_new(cfg, &cause);
	hs_buf_reset(&tls_log_buf);
	aws_http_client_set_log(c, keep_tls_log, NULL);
	aws_request_set_endpoint(&req, url, &cause);
	aws_request_set_method(&req, "GET");
	call.req = &req;
	call.resp = &resp;
	aws_http_execute(c, &call, &cause);
	free(cause);
	*attempts = call.attempts;
	err = call.error;
	aws_http_call_clear(&call);
	aws_request_clear(&req);
	aws_response_clear(&resp);
	aws_http_client_release(c);
	return err;
}

static void
test_tls_verification(void)
{
	struct responder srv;
	struct aws_http_config cfg = { 0 };
	char *cert, *key;
	int attempts;

	if (!make_cert(&cert, &key)) {
		hs_unit_skip("openssl(1) cannot make a test certificate");
		free(cert);
		free(key);
		return;
	}
	if (!responder_start(&srv, "[{\"status\": 200}]", NULL, cert, key))
		goto out;
	CU_ASSERT_TRUE(hs_starts_with(srv.url, "https://"));
	/* verification is on by default: a self-signed peer is refused,
	 * and not retried */
	CU_ASSERT_EQUAL(tls_get(srv.url, &cfg, &attempts),
	    AWS_HTTP_ERR_TLS_VERIFY);
	CU_ASSERT_EQUAL(attempts, 1);
	cfg.ca_bundle = cert;
	CU_ASSERT_EQUAL(tls_get(srv.url, &cfg, &attempts), AWS_HTTP_OK);
	cfg.ca_bundle = NULL;
	cfg.no_verify = true;
	CU_ASSERT_EQUAL(tls_get(srv.url, &cfg, &attempts), AWS_HTTP_OK);
	CU_ASSERT_PTR_NOT_NULL(strstr(tls_log, "certificate is not verified"));
	responder_stop(&srv);
	hs_buf_release(&tls_log_buf);
out:
	free(cert);
	free(key);
}

void
hs_unit_register(void)
{
	static const struct hs_unit_case cases[] = {
		{ "get-basic", test_get_basic },
		{ "throttle-then-success", test_throttle_then_success },
		{ "default-classifier-ignores-codes",
		    test_default_classifier_ignores_codes },
		{ "5xx-retried-with-backoff", test_5xx_retried_with_backoff },
		{ "max-attempts-per-mode", test_max_attempts_per_mode },
		{ "connection-drops-retried", test_connection_drops_retried },
		{ "drops-exhaust-attempts", test_drops_exhaust_attempts },
		{ "connection-refused", test_connection_refused },
		{ "stall-hits-read-timeout", test_stall_hits_read_timeout },
		{ "quota-exhaustion", test_quota_exhaustion },
		{ "clock-skew-retry", test_clock_skew_retry },
		{ "body-rewound", test_body_rewound },
		{ "keep-alive-reuse", test_keep_alive_reuse },
		{ "stream-large-file-body", test_stream_large_file_body },
		{ "response-to-file", test_response_to_file },
		{ "debug-log-redacts", test_debug_log_redacts },
		{ "secret-response-body-not-logged",
		    test_secret_response_body_not_logged },
		{ "cancel-during-backoff", test_cancel_during_backoff },
		{ "cancel-during-transfer", test_cancel_during_transfer },
		{ "tls-verification", test_tls_verification },
	};

	hs_unit_add_table("http", cases, HS_ARRAY_SIZE(cases));
}
