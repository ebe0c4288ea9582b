/*
 * retry.c: send a request with retries (aws_http_execute).
 *
 * Each attempt starts from the headers and query the caller gave (so a
 * signature, date or token from the previous attempt never lingers), is
 * signed again through the sign hook at the current (corrected) time,
 * and re-reads its body from the start; after the call the request is
 * back as the caller gave it, ready to be sent again. The classifier callback decides
 * whether a failure is retryable; this file applies max_attempts, the
 * retry quota, the backoff, and the one clock-skew retry. The loop never
 * turns a final error response into a failure: the protocol layer parses
 * it; -1 means no response arrived.
 */
#include "hs-common.h"
#include "http-int.h"

struct exec_state {
	struct aws_http_client *c;
	struct aws_http_call *call;
	struct aws_kvlist headers0;	/* the caller's, restored each attempt */
	struct aws_kvlist query0;
	const char *service;
	int max_attempts;
	int last_cost;			/* tokens taken by the last retry */
	bool skew_retried;
	char *cause;			/* why the last attempt failed */
};

/* Copy every pair of src to the end of dst. */
static void
kvlist_copy(struct aws_kvlist *dst, const struct aws_kvlist *src)
{
	size_t i;

	for (i = 0; i < src->n; i++)
		aws_kvlist_add(dst, src->items[i].name, src->items[i].value);
}

/* Put back the headers and query the caller gave. */
static void
restore_request(struct exec_state *st)
{
	struct aws_request *req = st->call->req;

	aws_kvlist_cleanse(&req->headers);
	aws_kvlist_cleanse(&req->query);
	kvlist_copy(&req->headers, &st->headers0);
	kvlist_copy(&req->query, &st->query0);
}

/* Sign and send one attempt; -1 when the call must stop at once. */
static int
attempt_once(struct exec_state *st, char **cause)
{
	struct aws_http_call *call = st->call;
	struct aws_http_client *c = st->c;
	char *url;

	if (++call->attempts > 1)
		restore_request(st);
	if (aws_http_client_cancelled(c)) {
		call->error = AWS_HTTP_ERR_CANCELLED;
		*cause = hs_xstrdup("request cancelled");
		return -1;
	}
	if (call->sign != NULL &&
	    call->sign(call->sign_arg, call->req, http_now(c), cause) < 0) {
		call->error = AWS_HTTP_ERR_LOCAL;
		return -1;
	}
	url = aws_request_url(call->req);
	if (http_logging(c)) {
		struct hs_buf b = HS_BUF_INIT;

		aws_http_redact_text(&b, url, strlen(url));
		http_log(c, "* attempt %d of %d: %s %s", call->attempts,
		    st->max_attempts, call->req->method ? call->req->method :
		    "GET", b.buf);
		if (c->no_verify && hs_starts_with(url, "https:"))
			http_log(c, "* warning: the server's TLS certificate "
			    "is not verified (--no-verify-ssl)");
		hs_buf_cleanse(&b);
	}
	hs_free_secret(url);
	free(st->cause);
	st->cause = NULL;
	call->error = aws_http_send(c, call->req, call->resp, &call->limits,
	    &st->cause);
	if (call->error == AWS_HTTP_ERR_CANCELLED ||
	    call->error == AWS_HTTP_ERR_LOCAL) {
		*cause = st->cause;
		st->cause = NULL;
		return -1;
	}
	return 0;
}

/* Ask the classifier what kind of failure the attempt was. */
static enum aws_retry_kind
classify(struct exec_state *st)
{
	struct aws_http_call *call = st->call;
	struct aws_retry_facts f = {
		call->error, call->error == AWS_HTTP_OK ? call->resp : NULL,
		call->retry.mode, st->service, call->attempts,
	};
	aws_retry_classify_fn *fn = call->classify ? call->classify :
	    aws_retry_classify_default;

	free(call->error_code);
	call->error_code = NULL;
	return fn(call->classify_arg, &f, &call->error_code);
}

/* Describe the failure for the log: code, status or transport error. */
static char *
failure_text(const struct exec_state *st)
{
	const struct aws_http_call *call = st->call;

	if (call->error != AWS_HTTP_OK)
		return hs_xstrdup(st->cause ? st->cause : "connection error");
	if (call->error_code != NULL)
		return hs_xasprintf("%s (HTTP %d)", call->error_code,
		    call->resp->status);
	return hs_xasprintf("HTTP %d", call->resp->status);
}

/* Learn the server's clock from the Date header; false if it cannot. */
static bool
fix_clock(struct exec_state *st)
{
	const char *date;
	time_t server, ours;

	if (st->skew_retried)
		return false;
	date = aws_kvlist_get(&st->call->resp->headers, "Date");
	if (date == NULL || aws_http_date_parse(date, &server) < 0) {
		http_log(st->c, "* clock skew reported, but no usable Date "
		    "header: not retrying");
		return false;
	}
	ours = http_now(st->c) - aws_http_client_clock_offset(st->c);
	http_set_clock_offset(st->c, server - ours);
	st->skew_retried = true;
	http_log(st->c, "* clock skew: the server's clock is %+lld s from "
	    "ours; signing again with its time", (long long)(server - ours));
	return true;
}

/* Take the retry's cost from the quota (standard mode). */
static bool
take_quota(struct exec_state *st)
{
	struct aws_http_call *call = st->call;
	int cost = call->error == AWS_HTTP_ERR_TIMEOUT ?
	    AWS_RETRY_QUOTA_TIMEOUT_COST : AWS_RETRY_QUOTA_COST;
	int left;

	if (call->retry.mode != AWS_RETRY_STANDARD)
		return true;
	if (!http_quota_acquire(st->c, call->req->host, cost, &left)) {
		call->quota_exhausted = true;
		http_log(st->c, "* not retrying: the retry quota is exhausted "
		    "(%d tokens left, %d needed)", left, cost);
		return false;
	}
	st->last_cost = cost;
	return true;
}

/* Decide whether to make another attempt. */
static bool
should_retry(struct exec_state *st, enum aws_retry_kind kind)
{
	int n = st->call->attempts;

	if (kind == AWS_RETRY_NO)
		return false;
	if (n >= st->max_attempts) {
		http_log(st->c, "* not retrying: %d attempt%s made, the most "
		    "allowed", n, n == 1 ? "" : "s");
		return false;
	}
	if (kind == AWS_RETRY_CLOCK_SKEW)
		return fix_clock(st);
	return take_quota(st);
}

/* Sleep for the backoff before the next attempt. */
static void
back_off(struct exec_state *st, enum aws_retry_kind kind)
{
	struct aws_http_call *call = st->call;
	double delay = aws_retry_backoff(&call->retry, st->service, kind,
	    call->attempts, http_random(st->c));
	char *why = failure_text(st);

	http_log(st->c, "* retrying in %.3f s after %s%s", delay, why,
	    kind == AWS_RETRY_THROTTLE ? " (throttled)" : "");
	free(why);
	if (delay > 0)
		aws_http_client_sleep(st->c, delay);
}

/* Give quota back after a success, as botocore's after-call does. */
static void
refund_quota(struct exec_state *st)
{
	struct aws_http_call *call = st->call;
	int status = call->resp->status;

	if (call->retry.mode != AWS_RETRY_STANDARD ||
	    call->error != AWS_HTTP_OK || status < 200 || status > 299)
		return;
	http_quota_release(st->c, call->req->host, st->last_cost ?
	    st->last_cost : AWS_RETRY_QUOTA_SUCCESS_REFUND);
}

/* Start the state of a call. */
static void
exec_init(struct exec_state *st, struct aws_http_client *c,
    struct aws_http_call *call)
{
	const struct aws_request *req = call->req;

	memset(st, 0, sizeof *st);
	st->c = c;
	st->call = call;
	st->service = req->service_id ? req->service_id : req->signing_service;
	st->max_attempts = aws_retry_max_attempts(&call->retry, st->service);
	kvlist_copy(&st->headers0, &req->headers);
	kvlist_copy(&st->query0, &req->query);
	aws_http_call_clear(call);
}

/* Send call->req with retries. */
int
aws_http_execute(struct aws_http_client *c, struct aws_http_call *call,
    char **cause)
{
	struct exec_state st;
	int rc = -1;

	exec_init(&st, c, call);
	for (;;) {
		enum aws_retry_kind kind;

		if (attempt_once(&st, cause) < 0)
			goto cleanup;
		kind = classify(&st);
		if (!should_retry(&st, kind))
			break;
		back_off(&st, kind);
	}
	refund_quota(&st);
	if (call->error != AWS_HTTP_OK) {
		*cause = hs_xasprintf("%s (%d attempt%s)", st.cause,
		    call->attempts, call->attempts == 1 ? "" : "s");
		goto cleanup;
	}
	rc = 0;
cleanup:
	restore_request(&st);
	aws_kvlist_cleanse(&st.headers0);
	aws_kvlist_cleanse(&st.query0);
	free(st.cause);
	return rc;
}

/* Free the results of a call. */
void
aws_http_call_clear(struct aws_http_call *call)
{
	free(call->error_code);
	call->error_code = NULL;
	call->attempts = 0;
	call->error = AWS_HTTP_OK;
	call->quota_exhausted = false;
}
