/*
 * server.c: the HTTP side of the sandbox (libmicrohttpd with a thread
 * pool) and its embedding API, sandbox_start() / sandbox_stop().
 *
 * libmicrohttpd decodes the URL it hands to the access handler; SigV4 and
 * S3 need the path exactly as sent, so the raw URI is taken from the URI
 * log callback instead, and the query is decoded here.
 *
 * libmicrohttpd's threads only receive and send: once a request is whole,
 * its connection is suspended and the request is served on a thread of
 * the handler pool (pool.c), which resumes the connection with the
 * answer. A handler may take long or wait for another request to this
 * server (a Lambda function calling S3 back); run on libmicrohttpd's own
 * threads, such handlers starved every connection those threads carried,
 * and as many of them as threads stopped the sandbox.
 */
#include "hs-common.h"
#include "sbx.h"
#include "store.h"
#include "lambda.h"

#include <errno.h>
#include <netdb.h>
#include <arpa/inet.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <microhttpd.h>

#define SBX_DEFAULT_PORT 4566

/* Start a call when a request line arrives: keep the raw URI. */
static void *
srv_uri_cb(void *cls, const char *uri, struct MHD_Connection *conn)
{
	return sbx_call_new(cls, uri);
}

/* Copy one request header into the call. */
static enum MHD_Result
srv_header_cb(void *cls, enum MHD_ValueKind kind, const char *name,
    const char *value)
{
	struct sbx_call *c = cls;

	aws_kvlist_add(&c->req.headers, name, value ? value : "");
	return MHD_YES;
}

/* Split the raw URI into the path and the decoded query. */
static int
srv_parse_uri(struct sbx_call *c)
{
	const char *q = strchr(c->raw_uri, '?');
	char *query, *save = NULL, *tok;
	int rc = 0;

	c->req.path = q ? hs_xstrndup(c->raw_uri, (size_t)(q - c->raw_uri)) :
	    hs_xstrdup(c->raw_uri);
	c->raw_query = hs_xstrdup(q ? q + 1 : "");
	query = hs_xstrdup(c->raw_query);
	for (tok = strtok_r(query, "&", &save); tok != NULL;
	    tok = strtok_r(NULL, "&", &save)) {
		struct hs_buf name = HS_BUF_INIT, value = HS_BUF_INIT;
		char *eq = strchr(tok, '=');
		size_t nlen = eq ? (size_t)(eq - tok) : strlen(tok);
		if (aws_uri_decode(&name, tok, nlen, true) != 0 ||
		    (eq && aws_uri_decode(&value, eq + 1, strlen(eq + 1),
		    true) != 0))
			rc = -1;
		else
			aws_kvlist_add(&c->req.query, name.buf,
			    eq ? value.buf : NULL);
		hs_buf_release(&name);
		hs_buf_release(&value);
	}
	free(query);
	return rc;
}

/* Fill the request from the connection on the handler's first call. */
static void
srv_begin(struct sbx_call *c, struct MHD_Connection *conn, const char *method)
{
	const union MHD_ConnectionInfo *ci;
	char ip[INET6_ADDRSTRLEN] = "";
	const char *host;

	c->req.method = hs_xstrdup(method);
	c->body_fd = -1;
	MHD_get_connection_values(conn, MHD_HEADER_KIND, srv_header_cb, c);
	if (srv_parse_uri(c) != 0)
		sbx_fail(c, 400, "InvalidURI", "Couldn't parse the specified URI.");
	host = aws_kvlist_get(&c->req.headers, "Host");
	c->req.host = hs_xstrdup(host ? host : "");
	c->req.scheme = hs_xstrdup(c->sb->cfg.tls ? "https" : "http");
	c->secure = c->sb->cfg.tls;
	ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci != NULL && ci->client_addr != NULL) {
		if (ci->client_addr->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)
			    ci->client_addr)->sin6_addr, ip, sizeof ip);
		else
			inet_ntop(AF_INET, &((const struct sockaddr_in *)
			    ci->client_addr)->sin_addr, ip, sizeof ip);
	}
	c->client_ip = hs_xstrdup(ip);
}

/* Stream a blob body to the client. */
static ssize_t
srv_stream_cb(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct sbx_call *c = cls;
	ssize_t n;

	if (pos >= c->stream_length || c->stream == NULL)
		return MHD_CONTENT_READER_END_OF_STREAM;
	if (max > c->stream_length - pos)
		max = (size_t)(c->stream_length - pos);
	n = sbx_blob_read_at(c->stream, c->stream_offset + pos, buf, max);
	if (n <= 0)
		return MHD_CONTENT_READER_END_WITH_ERROR;
	return n;
}

/* Build and queue the answer of a finished call. */
static enum MHD_Result
srv_answer(struct sbx_call *c, struct MHD_Connection *conn)
{
	struct MHD_Response *resp;
	enum MHD_Result r;
	size_t i;

	if (c->stream != NULL || c->head_length_only)
		resp = MHD_create_response_from_callback(c->stream_length,
		    64 * 1024, srv_stream_cb, c, NULL);
	else
		resp = MHD_create_response_from_buffer(c->body.len,
		    c->body.buf, MHD_RESPMEM_MUST_COPY);
	if (resp == NULL)
		return MHD_NO;
	for (i = 0; i < c->headers.n; i++)
		MHD_add_response_header(resp, c->headers.items[i].name,
		    c->headers.items[i].value);
	r = MHD_queue_response(conn, (unsigned int)c->status, resp);
	MHD_destroy_response(resp);
	return r;
}

/* Serve a whole request on a pool thread, then wake its connection. */
static void
srv_serve(void *arg)
{
	struct sbx_call *c = arg;
	struct MHD_Connection *conn = c->conn;

	if (c->err_code == NULL)
		sbx_route(c);
	if (c->err_code != NULL)
		sbx_error_encode(c);
	c->answered_us = sbx_mono_us();
	c->answered = true;
	/* the call belongs to the connection again: do not touch it */
	MHD_resume_connection(conn);
}

/* Hand a whole request to the pool; its connection sleeps meanwhile. */
static enum MHD_Result
srv_dispatch(struct sbx_call *c, struct MHD_Connection *conn)
{
	c->served_us = sbx_mono_us();
	if (!sbx_pool_reserve(c->sb->pool)) {
		sbx_fail(c, 503, "ServiceUnavailable", "The sandbox is "
		    "starting or stopping; try again.");
		sbx_error_encode(c);
		c->answered_us = sbx_mono_us();
		return srv_answer(c, conn);
	}
	c->conn = conn;
	MHD_suspend_connection(conn);
	sbx_pool_run(c->sb->pool, srv_serve, c);
	return MHD_YES;
}

/* libmicrohttpd's access handler: gather the request, have it served,
 * then send the answer (called again when the connection resumes). */
static enum MHD_Result
srv_access_cb(void *cls, struct MHD_Connection *conn, const char *url,
    const char *method, const char *version, const char *upload_data,
    size_t *upload_data_size, void **req_cls)
{
	struct sbx_call *c = *req_cls;

	if (c == NULL)
		return MHD_NO;
	if (c->answered)
		return srv_answer(c, conn);
	if (c->req.method == NULL) {
		srv_begin(c, conn, method);
		return MHD_YES;
	}
	if (*upload_data_size > 0) {
		if (sbx_body_append(c, upload_data, *upload_data_size) != 0)
			return MHD_NO;
		*upload_data_size = 0;
		return MHD_YES;
	}
	return srv_dispatch(c, conn);
}

/* Log and free a call once its answer is sent (or the client went away). */
static void
srv_completed_cb(void *cls, struct MHD_Connection *conn, void **req_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct sbx_call *c = *req_cls;

	if (c == NULL)
		return;
	if (c->req.method != NULL)
		sbx_log_call(c->sb, c);
	sbx_body_release(c);
	sbx_call_free(c);
	*req_cls = NULL;
}

/* Drop libmicrohttpd's own messages: the library never prints. */
static void
srv_mhd_log(void *cls, const char *fmt, va_list ap)
{
}

/* Resolve the address to bind. */
static int
srv_resolve(const char *host, int port, struct sockaddr_storage *ss,
    socklen_t *len, char **cause)
{
	struct addrinfo hints = { 0 }, *ai = NULL;
	char portstr[16];
	int r;

	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE;
	snprintf(portstr, sizeof portstr, "%d", port);
	r = getaddrinfo(host, portstr, &hints, &ai);
	if (r != 0 || ai == NULL) {
		*cause = hs_xasprintf("cannot resolve host '%s': %s", host,
		    gai_strerror(r));
		return -1;
	}
	memcpy(ss, ai->ai_addr, ai->ai_addrlen);
	*len = ai->ai_addrlen;
	freeaddrinfo(ai);
	return 0;
}

/* Tell whether an address is a loopback one. */
static bool
srv_is_loopback(const struct sockaddr_storage *ss)
{
	if (ss->ss_family == AF_INET)
		return (ntohl(((const struct sockaddr_in *)ss)->sin_addr.s_addr)
		    >> 24) == 127;
	if (ss->ss_family == AF_INET6)
		return IN6_IS_ADDR_LOOPBACK(
		    &((const struct sockaddr_in6 *)ss)->sin6_addr);
	return false;
}

/* libmicrohttpd's threads, and the idle handler threads kept. */
static unsigned
srv_threads(const struct sandbox *sb)
{
	return sb->cfg.threads ? sb->cfg.threads : 8;
}

/*
 * How many connections the file descriptors allow: while it is served,
 * a connection may hold its socket, a spilled request body, a blob being
 * written and one being read. Past the limit, libmicrohttpd leaves new
 * connections waiting in the listen queue instead of failing requests
 * for want of descriptors.
 */
static unsigned
srv_connection_limit(void)
{
	struct rlimit rl;
	rlim_t n = 1024;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0)
		n = rl.rlim_cur == RLIM_INFINITY ? 65536 : rl.rlim_cur;
	n = n > 128 ? (n - 64) / 4 : 16;
	return n > 16384 ? 16384 : (unsigned)n;
}

/* Start libmicrohttpd on the configured address. */
static int
srv_start_mhd(struct sandbox *sb, char **cause)
{
	struct sockaddr_storage ss;
	socklen_t sslen;
	const union MHD_DaemonInfo *di;
	unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
	    MHD_ALLOW_SUSPEND_RESUME;
	int port = sb->cfg.port < 0 ? SBX_DEFAULT_PORT : sb->cfg.port;

	if (srv_resolve(sb->bind_host, port, &ss, &sslen, cause) != 0)
		return -1;
	if (!srv_is_loopback(&ss) && sb->cfg.warn != NULL)
		sb->cfg.warn(sb->cfg.warn_arg, "--host: the sandbox is reachable "
		    "from the network; anyone who can reach it can use its "
		    "credentials");
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	if (sb->cfg.tls)
		flags |= MHD_USE_TLS;
	sb->mhd = MHD_start_daemon(flags, 0, NULL, NULL, srv_access_cb, sb,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
	    MHD_OPTION_THREAD_POOL_SIZE, srv_threads(sb),
	    MHD_OPTION_CONNECTION_LIMIT, srv_connection_limit(),
	    MHD_OPTION_URI_LOG_CALLBACK, srv_uri_cb, sb,
	    MHD_OPTION_NOTIFY_COMPLETED, srv_completed_cb, sb,
	    MHD_OPTION_EXTERNAL_LOGGER, srv_mhd_log, sb,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)120,
	    sb->cfg.tls ? MHD_OPTION_HTTPS_MEM_KEY : MHD_OPTION_END,
	    sb->tls_key_pem, MHD_OPTION_HTTPS_MEM_CERT, sb->tls_cert_pem,
	    MHD_OPTION_END);
	if (sb->mhd == NULL) {
		*cause = hs_xasprintf("cannot listen on %s port %d: %s",
		    sb->bind_host, port, errno ? strerror(errno) :
		    "libmicrohttpd failed to start");
		return -1;
	}
	di = MHD_get_daemon_info(sb->mhd, MHD_DAEMON_INFO_BIND_PORT);
	sb->port = di ? di->port : port;
	return 0;
}

/* Make the URL clients use. */
static void
srv_make_url(struct sandbox *sb)
{
	const char *h = sb->bind_host;

	if (strcmp(h, "0.0.0.0") == 0)
		h = "127.0.0.1";
	if (strcmp(h, "::") == 0)
		h = "::1";
	sb->url = hs_xasprintf("%s://%s%s%s:%d", sb->cfg.tls ? "https" : "http",
	    strchr(h, ':') ? "[" : "", h, strchr(h, ':') ? "]" : "", sb->port);
}

/* Open or create the data folder and clear its temporary files. */
static int
srv_data_dir(struct sandbox *sb, char **cause)
{
	char *p;
	int rc;

	if (sb->cfg.data_dir != NULL) {
		sb->data_dir = hs_xstrdup(sb->cfg.data_dir);
		if (sbx_mkdirs(sb->data_dir, 0700, cause) != 0)
			return -1;
	} else {
		const char *tmp = getenv("TMPDIR");
		p = hs_xasprintf("%s/hipaa-sandbox.XXXXXX", tmp && *tmp ? tmp :
		    "/tmp");
		if (mkdtemp(p) == NULL) {
			*cause = hs_xasprintf("cannot create a temporary data "
			    "folder '%s': %s", p, strerror(errno));
			free(p);
			return -1;
		}
		sb->data_dir = p;
		sb->data_is_temp = true;
	}
	p = hs_xasprintf("%s/tmp", sb->data_dir);
	sbx_rmtree(p);
	rc = sbx_mkdirs(p, 0700, cause);
	free(p);
	return rc;
}

/* Start a sandbox; 0 and *out, or -1 and *cause. */
int
sandbox_start(const struct sandbox_config *cfg, struct sandbox **out,
    char **cause)
{
	struct sandbox *sb = hs_xcalloc(1, sizeof *sb);

	sb->cfg = *cfg;
	xmlInitParser();	/* before any worker thread parses XML */
	pthread_mutex_init(&sb->log_lock, NULL);
	pthread_mutex_init(&sb->seq_lock, NULL);
	sb->bind_host = hs_xstrdup(cfg->host ? cfg->host : "127.0.0.1");
	sb->account_id = hs_xstrdup(cfg->account_id ? cfg->account_id :
	    "000000000000");
	if (strlen(sb->account_id) != 12 ||
	    strspn(sb->account_id, "0123456789") != 12) {
		*cause = hs_xasprintf("account ID '%s' must be 12 digits",
		    sb->account_id);
		goto fail;
	}
	sb->pool = sbx_pool_new(srv_threads(sb));
	if (srv_data_dir(sb, cause) != 0 || sbx_sse_key_load(sb, cause) != 0 ||
	    sbx_store_open(sb, cause) != 0 || sbx_creds_load(sb, cause) != 0 ||
	    sbx_lambda_async_start(sb, cause) != 0)
		goto fail;
	sbx_blob_gc(sb);
	if ((cfg->log_file && sbx_log_open(sb, cfg->log_file, cause) != 0) ||
	    (cfg->tls && sbx_tls_load(sb, cause) != 0) ||
	    srv_start_mhd(sb, cause) != 0)
		goto fail;
	srv_make_url(sb);
	sbx_pool_open(sb->pool);
	*out = sb;
	return 0;
fail:
	sandbox_stop(sb);
	return -1;
}

/* The URL clients use (borrowed). */
const char *
sandbox_url(const struct sandbox *sb)
{
	return sb->url;
}

/* The data folder in use (borrowed). */
const char *
sandbox_data_dir(const struct sandbox *sb)
{
	return sb->data_dir;
}

/* The account ID of the default principal (borrowed). */
const char *
sandbox_account_id(const struct sandbox *sb)
{
	return sb->account_id;
}

/* Stop the server, close the store, remove a temporary data folder. */
void
sandbox_stop(struct sandbox *sb)
{
	if (sb == NULL)
		return;
	/* cut Lambda runs short, let every handler finish and resume its
	 * connection (libmicrohttpd must not stop with one suspended) */
	sbx_lambda_async_stop(sb);
	sbx_pool_stop(sb->pool);
	if (sb->mhd != NULL)
		MHD_stop_daemon(sb->mhd);
	sbx_pool_free(sb->pool);
	sbx_lambda_async_free(sb);
	sbx_store_close(sb->store);
	sbx_creds_free(sb->creds);
	sbx_log_close(sb);
	if (sb->data_is_temp)
		sbx_rmtree(sb->data_dir);
	hs_cleanse(sb->sse_key, sizeof sb->sse_key);
	hs_free_secret(sb->tls_key_pem);
	free(sb->tls_cert_pem);
	free(sb->url);
	free(sb->bind_host);
	free(sb->data_dir);
	free(sb->account_id);
	pthread_mutex_destroy(&sb->log_lock);
	pthread_mutex_destroy(&sb->seq_lock);
	free(sb);
}
