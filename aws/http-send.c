/*
 * http-send.c: one HTTP attempt with libcurl.
 *
 * Each attempt takes a fresh easy handle attached to the client's share,
 * so connections are reused across attempts, commands and threads. HTTP
 * is pinned to 1.1 as the AWS CLI speaks it; libcurl's own Accept and
 * Expect headers are suppressed unless the request carries them, and
 * Content-Length always comes from the body so that it cannot disagree
 * with what is streamed. Redirects are not followed: S3 answers 301/307
 * with an error body that the protocol layer reads.
 */
#include "hs-common.h"
#include "http-int.h"

#include <strings.h>

struct send_state {
	struct aws_http_client *client;
	const struct aws_request *req;
	struct aws_response *resp;
	struct http_source src;
	struct http_sink sink;
	bool sink_started;
	char *sink_error;
	long read_timeout_ms;		/* <= 0: none */
	curl_off_t moved;		/* bytes up and down at last look */
	int64_t last_move_ms;		/* when they last changed */
	bool connected;			/* a connection is ready (new or reused) */
	bool timed_out;
};

/* A monotonic clock in milliseconds. */
static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Parse the status line "HTTP/1.1 503 Slow Down". */
static void
header_status(struct send_state *st, const char *line, size_t len)
{
	const char *sp = memchr(line, ' ', len);
	int status = 0;

	if (sp == NULL)
		return;
	for (sp++; sp < line + len && *sp >= '0' && *sp <= '9'; sp++)
		status = status * 10 + (*sp - '0');
	/* A new status line (100 Continue, then the answer) starts over. */
	st->resp->status = status;
	aws_kvlist_cleanse(&st->resp->headers);
}

/* Add "Name: value" to the response headers. */
static void
header_field(struct send_state *st, const char *line, size_t len)
{
	const char *colon = memchr(line, ':', len);
	char *name, *value;
	size_t vlen;

	if (colon == NULL)
		return;
	name = hs_xstrndup(line, (size_t)(colon - line));
	colon++;
	vlen = len - (size_t)(colon - line);
	while (vlen > 0 && (*colon == ' ' || *colon == '\t')) {
		colon++;
		vlen--;
	}
	while (vlen > 0 && (colon[vlen - 1] == ' ' || colon[vlen - 1] == '\t'))
		vlen--;
	value = hs_xstrndup(colon, vlen);
	aws_kvlist_add(&st->resp->headers, name, value);
	free(name);
	hs_cleanse(value, vlen);
	free(value);
}

/* The CURLOPT_HEADERFUNCTION: the status line and each header. */
static size_t
on_header(char *data, size_t size, size_t n, void *arg)
{
	struct send_state *st = arg;
	size_t len = size * n, l = len;

	while (l > 0 && (data[l - 1] == '\r' || data[l - 1] == '\n'))
		l--;
	if (l >= 5 && strncmp(data, "HTTP/", 5) == 0)
		header_status(st, data, l);
	else if (l > 0)
		header_field(st, data, l);
	return len;
}

/* The CURLOPT_WRITEFUNCTION: open the sink on the first byte. */
static size_t
on_body(char *data, size_t size, size_t n, void *arg)
{
	struct send_state *st = arg;

	if (!st->sink_started) {
		st->sink_started = true;
		if (http_sink_start(&st->sink, &st->sink_error) < 0)
			return 0;
	}
	return http_sink_write(data, size, n, &st->sink);
}

/* The CURLOPT_PREREQFUNCTION: connected (or reusing), about to send. */
static int
on_prereq(void *arg, char *primary_ip, char *local_ip, int primary_port,
    int local_port)
{
	struct send_state *st = arg;

	st->connected = true;
	st->last_move_ms = now_ms();
	return CURL_PREREQFUNC_OK;
}

/*
 * The CURLOPT_XFERINFOFUNCTION: abort when the cancel flag is up, or when
 * no byte has moved for the read timeout once connected. (libcurl's
 * low-speed limit averages over several seconds, so a stall right after
 * some data would go unnoticed for longer than the timeout.)
 */
static int
on_progress(void *arg, curl_off_t dltotal, curl_off_t dlnow,
    curl_off_t ultotal, curl_off_t ulnow)
{
	struct send_state *st = arg;
	int64_t now = now_ms();

	if (aws_http_client_cancelled(st->client))
		return 1;
	if (!st->connected || dlnow + ulnow != st->moved) {
		st->moved = dlnow + ulnow;
		st->last_move_ms = now;
		return 0;
	}
	if (st->read_timeout_ms > 0 &&
	    now - st->last_move_ms > st->read_timeout_ms) {
		st->timed_out = true;
		return 1;
	}
	return 0;
}

/* Build the header list: the request's, then suppress curl's extras. */
static struct curl_slist *
make_headers(const struct aws_request *req)
{
	struct curl_slist *list = NULL;
	struct hs_buf b = HS_BUF_INIT;
	size_t i;

	for (i = 0; i < req->headers.n; i++) {
		const struct aws_kv *kv = &req->headers.items[i];

		if (strcasecmp(kv->name, "Content-Length") == 0)
			continue;	/* libcurl sends the body's own */
		hs_buf_reset(&b);
		if (kv->value == NULL || *kv->value == '\0')
			hs_buf_addf(&b, "%s;", kv->name);
		else
			hs_buf_addf(&b, "%s: %s", kv->name, kv->value);
		list = curl_slist_append(list, b.buf);
	}
	if (aws_kvlist_get(&req->headers, "Accept") == NULL)
		list = curl_slist_append(list, "Accept:");
	if (aws_kvlist_get(&req->headers, "Expect") == NULL)
		list = curl_slist_append(list, "Expect:");
	if (aws_kvlist_get(&req->headers, "Content-Type") == NULL)
		list = curl_slist_append(list, "Content-Type:");
	hs_buf_cleanse(&b);
	return list;
}

/* Wipe the header list (Authorization, tokens), then free it. */
static void
slist_free_cleanse(struct curl_slist *list)
{
	struct curl_slist *l;

	for (l = list; l != NULL; l = l->next)
		hs_cleanse(l->data, strlen(l->data));
	curl_slist_free_all(list);
}

/* Set the method and the body callbacks. */
static void
set_method(CURL *h, struct send_state *st)
{
	const struct aws_request *req = st->req;
	const char *m = req->method ? req->method : "GET";

	if (strcmp(m, "HEAD") == 0) {
		curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
		return;
	}
	if (req->body_kind != AWS_BODY_NONE || strcmp(m, "PUT") == 0 ||
	    strcmp(m, "POST") == 0) {
		curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
		curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE,
		    (curl_off_t)st->src.len);
		curl_easy_setopt(h, CURLOPT_READFUNCTION, http_source_read);
		curl_easy_setopt(h, CURLOPT_READDATA, &st->src);
		curl_easy_setopt(h, CURLOPT_SEEKFUNCTION, http_source_seek);
		curl_easy_setopt(h, CURLOPT_SEEKDATA, &st->src);
	} else {
		curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
	}
	curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, m);
}

/* Set TLS and the timeouts of this attempt. */
static void
set_transport(CURL *h, struct send_state *st,
    const struct aws_http_limits *lim)
{
	struct aws_http_client *c = st->client;
	long conn = lim && lim->connect_timeout_ms ? lim->connect_timeout_ms :
	    c->connect_timeout_ms;
	long rd = lim && lim->read_timeout_ms ? lim->read_timeout_ms :
	    c->read_timeout_ms;

	curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, c->no_verify ? 0L : 1L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, c->no_verify ? 0L : 2L);
	if (c->ca_bundle != NULL)
		curl_easy_setopt(h, CURLOPT_CAINFO, c->ca_bundle);
	if (conn > 0)
		curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, conn);
	st->read_timeout_ms = rd;
}

/* Configure an easy handle for the request. */
static void
setup_handle(CURL *h, struct send_state *st, const char *url,
    struct curl_slist *headers, const struct aws_http_limits *lim)
{
	struct aws_http_client *c = st->client;

	curl_easy_setopt(h, CURLOPT_SHARE, c->share);
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_1);
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, st);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, st);
	curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
	curl_easy_setopt(h, CURLOPT_XFERINFODATA, st);
	curl_easy_setopt(h, CURLOPT_PREREQFUNCTION, on_prereq);
	curl_easy_setopt(h, CURLOPT_PREREQDATA, st);
	if (http_logging(c)) {
		curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, http_debug_curl);
		curl_easy_setopt(h, CURLOPT_DEBUGDATA, c);
		curl_easy_setopt(h, CURLOPT_VERBOSE, 1L);
	}
	set_method(h, st);
	set_transport(h, st, lim);
}

/* Map a libcurl failure to what the retry rules need. */
static enum aws_http_error
map_curl_error(CURLcode rc)
{
	switch (rc) {
	case CURLE_OK:
		return AWS_HTTP_OK;
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_COULDNT_CONNECT:
		return AWS_HTTP_ERR_CONNECT;
	case CURLE_OPERATION_TIMEDOUT:
		return AWS_HTTP_ERR_TIMEOUT;
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
		return AWS_HTTP_ERR_CONNECTION;
	case CURLE_SSL_CONNECT_ERROR:
		return AWS_HTTP_ERR_TLS;
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
		return AWS_HTTP_ERR_TLS_VERIFY;
	case CURLE_ABORTED_BY_CALLBACK:		/* see perform() */
		return AWS_HTTP_ERR_CANCELLED;
	case CURLE_READ_ERROR:
	case CURLE_WRITE_ERROR:
		return AWS_HTTP_ERR_LOCAL;
	default:
		return AWS_HTTP_ERR_OTHER;
	}
}

/* Say what went wrong, in words a user can act on. */
static char *
describe_error(struct send_state *st, CURLcode rc, const char *errbuf)
{
	const char *host = st->req->host ? st->req->host : "?";
	const char *detail = *errbuf ? errbuf : curl_easy_strerror(rc);

	if (st->sink_error != NULL) {
		char *m = st->sink_error;

		st->sink_error = NULL;
		return m;
	}
	if (rc == CURLE_READ_ERROR && st->src.err)
		return hs_xasprintf("cannot read '%s': %s", st->src.path,
		    strerror(st->src.err));
	if (rc == CURLE_WRITE_ERROR && st->sink.too_big)
		return hs_xasprintf("the response from '%s' is too large to "
		    "hold in memory", host);
	if (rc == CURLE_WRITE_ERROR && st->sink.err)
		return hs_xasprintf("cannot write '%s': %s",
		    st->resp->body_file, strerror(st->sink.err));
	if (rc == CURLE_ABORTED_BY_CALLBACK && st->timed_out)
		return hs_xasprintf("timed out talking to '%s': no data for "
		    "%ld ms", host, st->read_timeout_ms);
	if (rc == CURLE_ABORTED_BY_CALLBACK)
		return hs_xstrdup("request cancelled");
	if (rc == CURLE_OPERATION_TIMEDOUT)
		return hs_xasprintf("timed out talking to '%s': %s", host,
		    detail);
	return hs_xasprintf("cannot talk to '%s': %s", host, detail);
}

/* Reset what a previous attempt left in the response. */
static void
response_reset(struct aws_response *resp)
{
	aws_kvlist_cleanse(&resp->headers);
	hs_buf_cleanse(&resp->body);
	free(resp->request_id);
	resp->request_id = NULL;
	resp->status = 0;
	resp->body_length = 0;
}

/* Find the request ID among the response headers. */
static void
response_request_id(struct aws_response *resp)
{
	static const char *const names[] = {
		"x-amzn-RequestId", "x-amz-request-id", "x-amzn-request-id",
	};
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(names); i++) {
		const char *v = aws_kvlist_get(&resp->headers, names[i]);

		if (v != NULL) {
			resp->request_id = hs_xstrdup(v);
			return;
		}
	}
}

/* Run the transfer and finish the body. */
static enum aws_http_error
perform(CURL *h, struct send_state *st, char **cause)
{
	char errbuf[CURL_ERROR_SIZE] = "";
	enum aws_http_error err;
	CURLcode rc;

	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
	rc = curl_easy_perform(h);
	if (rc == CURLE_OK && !st->sink_started) {
		st->sink_started = true;	/* an empty body */
		if (http_sink_start(&st->sink, &st->sink_error) < 0)
			rc = CURLE_WRITE_ERROR;
	}
	if (rc == CURLE_OK &&
	    http_sink_commit(&st->sink, &st->sink_error) < 0)
		rc = CURLE_WRITE_ERROR;
	err = map_curl_error(rc);
	if (rc == CURLE_ABORTED_BY_CALLBACK && st->timed_out)
		err = AWS_HTTP_ERR_TIMEOUT;
	if (err != AWS_HTTP_OK) {
		*cause = describe_error(st, rc, errbuf);
		response_reset(st->resp);
	}
	return err;
}

/* Make one attempt. */
enum aws_http_error
aws_http_send(struct aws_http_client *c, const struct aws_request *req,
    struct aws_response *resp, const struct aws_http_limits *limits,
    char **cause)
{
	struct send_state st = { .client = c, .req = req, .resp = resp };
	struct curl_slist *headers = NULL;
	enum aws_http_error err = AWS_HTTP_ERR_LOCAL;
	char *url = NULL;
	CURL *h = NULL;

	response_reset(resp);
	http_sink_init(&st.sink, resp);
	if (http_source_open(&st.src, req, cause) < 0)
		return AWS_HTTP_ERR_LOCAL;
	url = aws_request_url(req);
	headers = make_headers(req);
	h = curl_easy_init();
	if (h == NULL) {
		*cause = hs_xstrdup("cannot create a libcurl handle");
		goto cleanup;
	}
	setup_handle(h, &st, url, headers, limits);
	http_debug_body(c, '>', req->body_kind, &req->body, req->body_file,
	    st.src.len, limits && limits->secret_request_body);
	err = perform(h, &st, cause);
	if (err == AWS_HTTP_OK) {
		response_request_id(resp);
		http_debug_body(c, '<', st.sink.to_file ? AWS_BODY_FILE :
		    AWS_BODY_MEMORY, &resp->body, resp->body_file,
		    resp->body_length, limits && limits->secret_response_body);
	}
cleanup:
	if (h != NULL)
		curl_easy_cleanup(h);
	slist_free_cleanse(headers);
	http_sink_discard(&st.sink);
	http_source_close(&st.src);
	free(st.sink_error);
	hs_free_secret(url);		/* a presigned URL holds a signature */
	return err;
}
