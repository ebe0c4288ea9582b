/*
 * creds-common.c: helpers every credential provider uses: the
 * environment, the "where I looked" list, credential JSON (IMDS,
 * containers, credential_process, the CLI cache), small HTTP calls and
 * token files.
 *
 * JSON that held secrets is wiped string by string before it is freed,
 * since cJSON_Delete() would leave the secret key in freed memory.
 */
#include "hs-common.h"
#include "creds-int.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

/* An environment variable, or NULL when unset or empty. */
const char *
creds_getenv(const struct creds_ctx *ctx, const char *name)
{
	const char *v = ctx->env->get(ctx->env->arg, name);

	return v != NULL && *v != '\0' ? v : NULL;
}

/* Append a phrase to the list of places looked. */
void
creds_looked(struct hs_buf *looked, const char *fmt, ...)
{
	va_list ap;

	if (looked->len > 0)
		hs_buf_adds(looked, "; ");
	va_start(ap, fmt);
	hs_buf_vaddf(looked, fmt, ap);
	va_end(ap);
}

/* Parse JSON text; NULL on a syntax error. */
cJSON *
creds_json_parse(const char *text, size_t len)
{
	return cJSON_ParseWithLength(text, len);
}

/* Wipe every string in a JSON tree. */
static void
json_wipe(cJSON *o)
{
	cJSON *c;

	if (o->valuestring != NULL)
		hs_cleanse(o->valuestring, strlen(o->valuestring));
	for (c = o->child; c != NULL; c = c->next)
		json_wipe(c);
}

/* Wipe every string in a JSON tree, then free it. */
void
creds_json_free(cJSON *o)
{
	if (o == NULL)
		return;
	json_wipe(o);
	cJSON_Delete(o);
}

/* A JSON member's string value, or NULL. */
const char *
creds_json_str(const cJSON *o, const char *name)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(o, name);

	return cJSON_IsString(m) ? m->valuestring : NULL;
}

/* Make credentials from a JSON object. */
enum aws_creds_status
creds_from_json(const cJSON *o, const char *akid, const char *secret,
    const char *token, const char *expiration, const char *provider,
    struct aws_credentials **out, char **cause)
{
	const char *a = creds_json_str(o, akid), *s = creds_json_str(o, secret);
	const char *t = token ? creds_json_str(o, token) : NULL;
	const char *e = expiration ? creds_json_str(o, expiration) : NULL;
	time_t exp = 0;

	if (a == NULL || s == NULL || *a == '\0' || *s == '\0') {
		*cause = hs_xasprintf("the %s credentials lack %s", provider,
		    a == NULL || *a == '\0' ? akid : secret);
		return AWS_CREDS_ERROR;
	}
	if (e != NULL && aws_iso8601_parse(e, &exp) < 0) {
		*cause = hs_xasprintf("the %s credentials have an invalid %s "
		    "'%s'", provider, expiration, e);
		return AWS_CREDS_ERROR;
	}
	*out = aws_credentials_new(a, s, t, exp, provider);
	if (creds_json_str(o, "AccountId") != NULL)
		(*out)->account_id = hs_xstrdup(creds_json_str(o, "AccountId"));
	return AWS_CREDS_FOUND;
}

/* Make one small request; 0 with resp filled, or -1 with *cause. */
int
creds_http(struct creds_ctx *ctx, const char *method, const char *url,
    const struct aws_kvlist *headers, long timeout_ms, bool secret_body,
    struct aws_response *resp, char **cause)
{
	struct aws_request req = AWS_REQUEST_INIT;
	struct aws_http_limits lim = { timeout_ms, timeout_ms, false,
	    secret_body };
	size_t i;
	int rc = -1;

	if (aws_request_set_endpoint(&req, url, cause) < 0)
		goto cleanup;
	aws_request_set_method(&req, method);
	if (req.path == NULL)
		aws_request_set_path(&req, "/");
	for (i = 0; headers != NULL && i < headers->n; i++)
		aws_kvlist_add(&req.headers, headers->items[i].name,
		    headers->items[i].value);
	if (aws_http_send(ctx->http, &req, resp, &lim, cause) != AWS_HTTP_OK)
		goto cleanup;
	rc = 0;
cleanup:
	aws_request_clear(&req);
	return rc;
}

/* Read a small file whole; NULL with *cause. */
char *
creds_read_file(const char *path, size_t max, char **cause)
{
	struct hs_buf b = HS_BUF_INIT_CAP(max);
	char chunk[4096];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		*cause = hs_xasprintf("cannot read '%s': %s", path,
		    strerror(errno));
		return NULL;
	}
	while ((n = read(fd, chunk, sizeof chunk)) > 0)
		if (hs_buf_add(&b, chunk, (size_t)n) < 0)
			break;
	close(fd);
	hs_cleanse(chunk, sizeof chunk);
	if (n < 0 || hs_buf_failed(&b)) {
		*cause = n < 0 ? hs_xasprintf("cannot read '%s': %s", path,
		    strerror(errno)) : hs_xasprintf("'%s' is larger than %zu "
		    "bytes", path, max);
		hs_buf_cleanse(&b);
		return NULL;
	}
	return hs_buf_detach(&b, NULL);
}
