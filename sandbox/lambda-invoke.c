/*
 * lambda-invoke.c: an invocation as Lambda runs it. The function's zip
 * is unpacked into a private folder under DATA/tmp (mode 0700, removed
 * afterwards), the runtime shim written beside it, the handler run
 * (lambda-run.c) with the function's environment, the variables Lambda
 * sets (AWS_LAMBDA_*, AWS_REGION, _HANDLER...) and the execution role's
 * session credentials; AWS_ENDPOINT_URL points the function's SDK calls
 * at the sandbox. Its output becomes the log of the invocation, framed
 * by START, END and REPORT lines as Lambda writes them, in the stream
 * YYYY/MM/DD/[VERSION]ID of the group /aws/lambda/NAME, when the role
 * lets Lambda write there (as in AWS, a role without logs permissions
 * leaves no log). Each invocation is a cold start: REPORT carries its
 * Init Duration, and Billed Duration counts the init phase too.
 */
#include "hs-common.h"
#include "lambda.h"
#include "logs.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <sys/time.h>

#include <openssl/evp.h>

/* The environment of a run ("K=V" strings, NULL-terminated). */
struct invoke_env {
	char **v;
	size_t n;
};

/* The log of an invocation, event by event. */
struct invoke_log {
	struct sbx_log_event *ev;
	size_t n;
	struct hs_buf text;	/* everything, for LogResult */
};

/* What one invocation holds. */
struct invoke_state {
	struct sandbox *sb;
	struct sbx_lambda_invoke *inv;
	const struct sbx_lambda_fn *fn;
	char *dir;		/* DATA/tmp/lambda-XXXXXX */
	char *task;		/* DIR/task: the code, the working folder */
	char *shim;		/* DIR/runtime/SHIM, or NULL */
	char *stream;		/* log stream name */
	struct sbx_principal *session;
	struct invoke_env env;
	struct invoke_log log;
	struct sbx_lambda_run_res res;
};

static int64_t
invoke_now_ms(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return (int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

void
sbx_lambda_invoke_clear(struct sbx_lambda_invoke *inv)
{
	free(inv->result);
	free(inv->log_tail);
	inv->result = NULL;
	inv->log_tail = NULL;
}

/* Add "k=v" to the environment. */
HS_PRINTF(3, 4) static void
env_add(struct invoke_env *e, const char *k, const char *fmt, ...)
{
	va_list ap;
	char *v;

	va_start(ap, fmt);
	v = hs_xvasprintf(fmt, ap);
	va_end(ap);
	e->v = hs_xreallocarray(e->v, e->n + 2, sizeof *e->v);
	e->v[e->n++] = hs_xasprintf("%s=%s", k, v);
	e->v[e->n] = NULL;
	hs_free_secret(v);
}

/* Free the environment, wiping it (it holds the session's secrets). */
static void
env_free(struct invoke_env *e)
{
	size_t i;

	for (i = 0; i < e->n; i++)
		hs_free_secret(e->v[i]);
	free(e->v);
	memset(e, 0, sizeof *e);
}

/* Add an event to the log. */
HS_PRINTF(3, 4) static void
log_add(struct invoke_log *l, int64_t ts, const char *fmt, ...)
{
	va_list ap;
	char *m;

	va_start(ap, fmt);
	m = hs_xvasprintf(fmt, ap);
	va_end(ap);
	(void)hs_buf_adds(&l->text, m);
	l->ev = hs_xreallocarray(l->ev, l->n + 1, sizeof *l->ev);
	memset(&l->ev[l->n], 0, sizeof *l->ev);
	l->ev[l->n].ts = ts;
	l->ev[l->n++].message = m;
}

/* Read the function's zip into memory. */
static int
invoke_read_code(struct sandbox *sb, const struct sbx_lambda_fn *f,
    unsigned char **data, size_t *len, char **cause)
{
	struct sbx_blob_reader *r = NULL;
	size_t off = 0;
	ssize_t got = 1;

	if (sbx_blob_open(sb, f->code_blob, true, (uint64_t)f->code_size, &r,
	    cause) != 0)
		return -1;
	*data = hs_xmalloc((size_t)f->code_size + 1);
	while (off < (size_t)f->code_size && (got = sbx_blob_read_at(r, off,
	    *data + off, (size_t)f->code_size - off)) > 0)
		off += (size_t)got;
	sbx_blob_close(r);
	*len = off;
	if (off == (size_t)f->code_size)
		return 0;
	*cause = hs_xasprintf("cannot read the code of '%s'", f->name);
	free(*data);
	*data = NULL;
	return -1;
}

/* Make the run's folders and unpack the code and the shim. */
static int
invoke_prepare(struct invoke_state *st, char **cause)
{
	unsigned char *zip = NULL;
	const char *shim_name, *shim = sbx_lambda_shim(st->fn->runtime,
	    &shim_name);
	char *sub[3] = { NULL, NULL, NULL }, *p;
	size_t len = 0, i;
	int rc = -1;

	st->dir = hs_xasprintf("%s/tmp/lambda-XXXXXX", st->sb->data_dir);
	if (mkdtemp(st->dir) == NULL) {
		*cause = hs_xasprintf("cannot make '%s': %s", st->dir,
		    strerror(errno));
		free(st->dir);
		st->dir = NULL;
		return -1;
	}
	if ((p = realpath(st->dir, NULL)) != NULL) {
		free(st->dir);
		st->dir = p;	/* the child works in another folder */
	}
	sub[0] = hs_xasprintf("%s/task", st->dir);
	st->task = hs_xstrdup(sub[0]);
	sub[1] = hs_xasprintf("%s/tmp", st->dir);
	sub[2] = hs_xasprintf("%s/runtime", st->dir);
	for (i = 0; i < 3; i++)
		if (mkdir(sub[i], 0700) != 0)
			goto cleanup;
	if (invoke_read_code(st->sb, st->fn, &zip, &len, cause) != 0 ||
	    sbx_zip_extract(zip, len, sub[0], cause) != 0)
		goto cleanup;
	if (shim != NULL) {
		st->shim = hs_xasprintf("%s/%s", sub[2], shim_name);
		if (sbx_write_file_atomic(st->shim, shim, strlen(shim), 0600,
		    cause) != 0)
			goto cleanup;
	}
	rc = 0;
cleanup:
	if (rc != 0 && *cause == NULL)
		*cause = hs_xasprintf("cannot prepare '%s': %s", st->dir,
		    strerror(errno));
	free(zip);
	for (i = 0; i < 3; i++)
		free(sub[i]);
	return rc;
}

/* The variables Lambda sets, after the function's own. */
static void
invoke_env(struct invoke_state *st, const char *arn)
{
	const struct sbx_lambda_fn *f = st->fn;
	const char *path = getenv("PATH");
	cJSON *v;

	cJSON_ArrayForEach(v, f->env)
		env_add(&st->env, v->string, "%s", cJSON_GetStringValue(v) ?
		    v->valuestring : "");
	env_add(&st->env, "PATH", "%s", path ? path : "/usr/bin:/bin");
	env_add(&st->env, "LANG", "en_US.UTF-8");
	env_add(&st->env, "TZ", ":UTC");
	env_add(&st->env, "LAMBDA_TASK_ROOT", "%s/task", st->dir);
	env_add(&st->env, "LAMBDA_RUNTIME_DIR", "%s/runtime", st->dir);
	env_add(&st->env, "TMPDIR", "%s/tmp", st->dir);
	env_add(&st->env, "_HANDLER", "%s", f->handler);
	env_add(&st->env, "AWS_EXECUTION_ENV", "AWS_Lambda_%s", f->runtime);
	env_add(&st->env, "AWS_LAMBDA_FUNCTION_NAME", "%s", f->name);
	env_add(&st->env, "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "%d", f->memory);
	env_add(&st->env, "AWS_LAMBDA_FUNCTION_VERSION", "%s", f->version);
	env_add(&st->env, "AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
	env_add(&st->env, "AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/%s",
	    f->name);
	env_add(&st->env, "AWS_LAMBDA_LOG_STREAM_NAME", "%s", st->stream);
	env_add(&st->env, "AWS_REGION", "%s", f->region);
	env_add(&st->env, "AWS_DEFAULT_REGION", "%s", f->region);
	env_add(&st->env, "AWS_ENDPOINT_URL", "%s", st->sb->url ?
	    st->sb->url : "");
	env_add(&st->env, "AWS_ACCESS_KEY_ID", "%s", st->session->access_key);
	env_add(&st->env, "AWS_SECRET_ACCESS_KEY", "%s", st->session->secret);
	env_add(&st->env, "AWS_SESSION_TOKEN", "%s",
	    st->session->session_token);
	env_add(&st->env, "PYTHONUNBUFFERED", "1");
	env_add(&st->env, "PYTHONDONTWRITEBYTECODE", "1");
	env_add(&st->env, "_SBX_REQUEST_ID", "%s", st->inv->request_id);
	env_add(&st->env, "_SBX_TIMEOUT_MS", "%d", f->timeout * 1000);
	env_add(&st->env, "_SBX_FUNCTION_ARN", "%s", arn);
}

/* The log stream of this run: YYYY/MM/DD/[VERSION]32-hex. */
static char *
invoke_stream_name(const struct sbx_lambda_fn *f, int64_t now_ms)
{
	char day[16], id[33];
	struct tm tm;

	hs_gmtime((time_t)(now_ms / 1000), &tm);
	strftime(day, sizeof day, "%Y/%m/%d", &tm);
	sbx_random_hex(id, 16);
	return hs_xasprintf("%s/[%s]%s", day, f->version, id);
}

/* The ISO time Lambda prefixes its own lines with. */
static void
invoke_iso(int64_t ms, char out[40])
{
	sbx_iso_date(ms, out);
}

/* The error of a run that gave no answer, for the payload and the log. */
static char *
invoke_run_error(struct invoke_state *st, int64_t now)
{
	const char *id = st->inv->request_id;
	const struct sbx_lambda_run_res *r = &st->res;
	char when[40];

	invoke_iso(now, when);
	if (r->outcome == LAMBDA_RUN_TIMEOUT) {
		log_add(&st->log, now, "%s %s Task timed out after %d.00 "
		    "seconds\n", when, id, st->fn->timeout);
		return hs_xasprintf("{\"errorType\":\"Sandbox.Timedout\","
		    "\"errorMessage\":\"RequestId: %s Error: Task timed out "
		    "after %d.00 seconds\"}", id, st->fn->timeout);
	}
	if (r->outcome == LAMBDA_RUN_NO_RUNTIME) {
		log_add(&st->log, now, "RequestId: %s Error: the sandbox cannot "
		    "run %s functions: '%s' is not installed\n", id,
		    st->fn->runtime, sbx_lambda_runtime_program(st->fn->runtime));
		return hs_xasprintf("{\"errorType\":\"Runtime.Unavailable\","
		    "\"errorMessage\":\"RequestId: %s Error: the sandbox cannot "
		    "run %s functions: '%s' is not installed\"}", id,
		    st->fn->runtime, sbx_lambda_runtime_program(st->fn->runtime)
		    ? sbx_lambda_runtime_program(st->fn->runtime) : "?");
	}
	log_add(&st->log, now, "RequestId: %s Error: Runtime exited with "
	    "error: %s %d\nRuntime.ExitError\n", id, r->signaled ? "signal" :
	    "exit status", r->exit_status);
	return hs_xasprintf("{\"errorType\":\"Runtime.ExitError\","
	    "\"errorMessage\":\"RequestId: %s Error: Runtime exited with "
	    "error: %s %d\"}", id, r->signaled ? "signal" : "exit status",
	    r->exit_status);
}

/* Frame the function's lines with START, END and REPORT. */
static void
invoke_log_run(struct invoke_state *st, int64_t end)
{
	const struct sbx_lambda_run_res *r = &st->res;
	size_t i;

	for (i = 0; i < r->n_lines; i++)	/* Logs' largest event */
		log_add(&st->log, r->lines[i].ts_ms, "%.262117s\n",
		    r->lines[i].text);
	if (r->outcome == LAMBDA_RUN_OK || r->outcome == LAMBDA_RUN_ERROR) {
		st->inv->result = hs_xstrdup(r->payload);
		st->inv->function_error = r->outcome == LAMBDA_RUN_ERROR;
	} else {
		st->inv->result = invoke_run_error(st, end);
		st->inv->function_error = true;
	}
}

/* Add END and REPORT. */
static void
invoke_log_end(struct invoke_state *st, int64_t end)
{
	const struct sbx_lambda_run_res *r = &st->res;
	const char *id = st->inv->request_id;
	double billed = ceil(r->duration_ms + r->init_ms);
	char init[48] = "";

	log_add(&st->log, end, "END RequestId: %s\n", id);
	if (r->init_ms > 0)
		snprintf(init, sizeof init, "Init Duration: %.2f ms\t",
		    r->init_ms);
	log_add(&st->log, end, "REPORT RequestId: %s\tDuration: %.2f ms\t"
	    "Billed Duration: %.0f ms\tMemory Size: %d MB\tMax Memory Used: "
	    "%ld MB\t%s%s\n", id, r->duration_ms, billed < 1 ? 1 : billed,
	    st->fn->memory, r->max_rss_mb, init,
	    r->outcome == LAMBDA_RUN_TIMEOUT ? "Status: timeout" : "");
}

/* The name of a role in its ARN (after the last '/'). */
static const char *
invoke_role_name(const char *arn)
{
	const char *slash = strrchr(arn, '/');

	return slash ? slash + 1 : arn;
}

/* Write the log where the role lets Lambda write it. */
static void
invoke_write_log(struct invoke_state *st, time_t now)
{
	const char *role = invoke_role_name(st->fn->role);
	char *group = hs_xasprintf("/aws/lambda/%s", st->fn->name);
	char *garn = hs_xasprintf("arn:aws:logs:%s:%s:log-group:%s",
	    st->fn->region, st->sb->account_id, group);
	char *sarn = hs_xasprintf("%s:log-stream:%s", garn, st->stream);
	struct sbx_log_group g = { 0 };
	char *cause = NULL;
	bool exists = sbx_logs_group_get(st->sb->store, group, &g, &cause) == 0;

	sbx_log_group_clear(&g);
	if ((exists || sbx_api_role_allows(st->sb, role, "logs:CreateLogGroup",
	    garn, now)) && sbx_api_role_allows(st->sb, role,
	    "logs:CreateLogStream", sarn, now) && sbx_api_role_allows(st->sb,
	    role, "logs:PutLogEvents", sarn, now))
		(void)sbx_logs_append(st->sb->store, group, st->stream,
		    st->log.ev, st->log.n, invoke_now_ms(), &cause);
	free(cause);
	free(sarn);
	free(garn);
	free(group);
}

/* The base64 of the last 4 KB of the log, for X-Amz-Log-Result. */
static char *
invoke_tail(const struct invoke_log *l)
{
	size_t off = l->text.len > 4096 ? l->text.len - 4096 : 0;
	size_t n = l->text.len - off;
	char *out = hs_xmalloc(4 * ((n + 2) / 3) + 1);

	EVP_EncodeBlock((unsigned char *)out,
	    (const unsigned char *)l->text.buf + off, (int)n);
	return out;
}

/* Run the prepared function and build its log. */
static int
invoke_run(struct invoke_state *st, char **cause)
{
	struct sbx_lambda_run_req req = { 0 };
	int64_t start = invoke_now_ms(), end;

	log_add(&st->log, start, "START RequestId: %s Version: %s\n",
	    st->inv->request_id, st->fn->version);
	req.program = sbx_lambda_runtime_program(st->fn->runtime);
	req.shim = st->shim;
	req.task_dir = st->task;
	req.env = st->env.v;
	req.payload = st->inv->payload;
	req.payload_len = st->inv->payload_len;
	req.timeout_s = st->fn->timeout;
	req.cancel = sbx_lambda_cancel_flag(st->sb);
	if (req.program == NULL || st->shim == NULL)
		st->res.outcome = LAMBDA_RUN_NO_RUNTIME;
	else if (sbx_lambda_run(&req, &st->res, cause) != 0)
		return -1;
	end = invoke_now_ms();
	invoke_log_run(st, end);
	invoke_log_end(st, end);
	return 0;
}

/* Release what an invocation held. */
static void
invoke_state_free(struct invoke_state *st)
{
	if (st->dir != NULL)
		sbx_rmtree(st->dir);
	free(st->dir);
	free(st->task);
	free(st->shim);
	free(st->stream);
	sbx_principal_free(st->session);
	env_free(&st->env);
	sbx_log_events_free(st->log.ev, st->log.n);
	hs_buf_release(&st->log.text);
	sbx_lambda_run_clear(&st->res);
}

/* Run an invocation. */
int
sbx_lambda_invoke(struct sandbox *sb, struct sbx_lambda_invoke *inv,
    char **cause)
{
	struct invoke_state st = { 0 };
	time_t now = time(NULL);
	char *arn;
	int rc = -1;

	st.sb = sb;
	st.inv = inv;
	st.fn = inv->fn;
	hs_buf_init(&st.log.text, 0);
	sbx_api_uuid(inv->request_id);
	if (!sbx_lambda_role_trusts(sb, inv->fn->role, now)) {
		*cause = hs_xstrdup("The role defined for the function cannot "
		    "be assumed by Lambda.");
		return 1;
	}
	st.session = sbx_lambda_session(sb, inv->fn->role, inv->fn->name, now,
	    inv->fn->timeout + 900, cause);
	if (st.session == NULL)
		return 1;
	st.stream = invoke_stream_name(inv->fn, invoke_now_ms());
	arn = sbx_lambda_arn(sb, inv->fn, strcmp(inv->fn->version,
	    "$LATEST") != 0);
	if (invoke_prepare(&st, cause) == 0) {
		invoke_env(&st, arn);
		if (invoke_run(&st, cause) == 0) {
			invoke_write_log(&st, now);
			if (inv->tail)
				inv->log_tail = invoke_tail(&st.log);
			rc = 0;
		}
	}
	free(arn);
	invoke_state_free(&st);
	return rc;
}
